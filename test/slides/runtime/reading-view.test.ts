import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {linkedSlide, startReadingView, wantsReadingView} from "../../../slides/runtime/reading-view.ts";
import {assignSlideIds} from "../../../slides/runtime/slide-ids.ts";
import {fakeDemos} from "./plugins/fake-mount.ts";

/** IntersectionObserver for jsdom: each instance is recorded with its margin; `show` reports targets as in view. */
class FakeObserver {
  static all: FakeObserver[] = [];
  readonly targets: Element[] = [];
  constructor(
    readonly callback: (entries: {target: Element; isIntersecting: boolean}[]) => void,
    readonly options: {rootMargin?: string} = {}
  ) {
    FakeObserver.all.push(this);
  }
  observe(target: Element) {
    this.targets.push(target);
  }
  disconnect() {
    this.targets.length = 0;
  }
  report(target: Element, isIntersecting: boolean) {
    if (this.targets.includes(target)) this.callback([{target, isIntersecting}]);
  }
}

/** The "on screen" observer (margin 0) and the "nearby" one (a wider margin). */
const observers = () => ({
  screen: FakeObserver.all.find((o) => o.options.rootMargin === "0px")!,
  nearby: FakeObserver.all.find((o) => o.options.rootMargin !== "0px")!
});

function page(slides: string[], hash = "") {
  document.documentElement.className = "";
  document.body.innerHTML = `<div class="reveal"><div class="slides">${slides.map((s) => `<section>${s}</section>`).join("")}</div></div>`;
  history.replaceState(null, "", `/deck/${hash}`);
  const root = document.querySelector<HTMLElement>(".slides")!;
  assignSlideIds(root);
  const demos = fakeDemos();
  const view = startReadingView(root, {...demos.options, reducedMotion: false, search: ""});
  return {root, view, ...demos};
}

const SLIDES = [
  `<h2>Intro</h2><p class="fragment">later</p><aside class="notes">Say hello.</aside>`,
  `<h2>Hero</h2><figure data-demo="flow-hero" data-stage="hero" data-n="500" data-state="t: 0"></figure>
   <p class="fragment" data-state="t: 0.7">move</p><aside class="notes">Point at it.</aside>`,
  `<h2>Paths</h2><figure data-stage="hero" data-state="paths: true"></figure>`
];

beforeEach(() => {
  FakeObserver.all = [];
  (globalThis as {IntersectionObserver?: unknown}).IntersectionObserver = FakeObserver;
});
afterEach(() => {
  delete (globalThis as {IntersectionObserver?: unknown}).IntersectionObserver;
});

describe("wantsReadingView", () => {
  it("is on below 700 px or when asked, and off when slides, print or the speaker previews are asked for", () => {
    expect(wantsReadingView("", 390)).toBe(true);
    expect(wantsReadingView("", 1280)).toBe(false);
    expect(wantsReadingView("?view=reading", 1280)).toBe(true);
    expect(wantsReadingView("?view=slides", 390)).toBe(false);
    expect(wantsReadingView("?print-pdf", 390)).toBe(false);
    expect(wantsReadingView("?receiver", 390)).toBe(false);
    expect(wantsReadingView("?demo-hero=t:0.5", 390)).toBe(true);
  });
});

describe("startReadingView", () => {
  it("shows every fragment and turns speaker notes into a Notes disclosure under their slide", () => {
    const {root} = page(SLIDES);
    expect(document.documentElement.classList.contains("reading-view")).toBe(true);
    expect(root.querySelectorAll(".fragment:not(.visible)")).toHaveLength(0);
    expect(root.querySelectorAll("aside.notes")).toHaveLength(0);
    const notes = root.querySelectorAll("section > details.reading-notes");
    expect(Array.from(notes, (d) => d.textContent)).toEqual(["NotesSay hello.", "NotesPoint at it."]);
    expect(root.querySelector(".reading-switch a")?.getAttribute("href")).toBe("?view=slides");
  });

  it("mounts each figure of a stage on its own, with the owner's options and its slide's whole declared state", () => {
    const {root, mounts} = page(SLIDES);
    const [first, second] = Array.from(root.querySelectorAll("figure"));
    expect(mounts).toHaveLength(0);
    observers().nearby.report(second!, true);
    expect(mounts).toHaveLength(1);
    expect(second!.dataset.n).toBe("500");
    expect(second!.dataset.demo).toBe("flow-hero");
    expect(mounts[0]!.declared[0]![0]).toEqual({t: "0", paths: "true"});
    observers().nearby.report(first!, true);
    // All of a slide's fragments are shown, so their states count.
    expect(mounts[1]!.declared[0]![0]).toEqual({t: "0.7"});
    expect(mounts.every((m) => m.options.staticView === false && m.options.key === "hero")).toBe(true);
  });

  it("runs a demo only while it is on screen, and frees it far away", () => {
    const {root, mounts} = page(SLIDES);
    const figure = root.querySelector("figure")!;
    const {screen, nearby} = observers();
    screen.report(figure, true);
    expect(mounts).toHaveLength(1);
    expect(mounts[0]!.running).toBe(true);
    screen.report(figure, false);
    expect(mounts[0]!.running).toBe(false);
    screen.report(figure, true);
    expect(mounts).toHaveLength(1);
    expect(mounts[0]!.running).toBe(true);
    nearby.report(figure, false);
    expect(mounts[0]!.destroyed).toBe(true);
    screen.report(figure, true);
    expect(mounts).toHaveLength(2);
  });

  it("shows a content error on its figure only, and the other demos still mount", () => {
    const {root, mounts} = page([
      `<h2>Bad</h2><figure data-stage="nobody"></figure>`,
      `<h2>Good</h2><figure data-demo="gaussian-samples"></figure>`
    ]);
    const [bad, good] = Array.from(root.querySelectorAll("figure"));
    expect(bad!.querySelector(".demo-error")?.textContent).toMatch(/stage nobody has no demo/);
    observers().screen.report(good!, true);
    expect(mounts).toHaveLength(1);
  });

  it("finds the slide a link names, by id or by number", () => {
    const {root} = page(SLIDES);
    const slides = Array.from(root.querySelectorAll<HTMLElement>("section"));
    expect(linkedSlide(slides, "#/paths")).toBe(slides[2]);
    expect(linkedSlide(slides, "#/1")).toBe(slides[1]);
    expect(linkedSlide(slides, "#/nowhere")).toBeUndefined();
    expect(linkedSlide(slides, "")).toBeUndefined();
  });
});
