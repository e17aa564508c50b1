import {describe, expect, it} from "vitest";
import {demosPlugin} from "../../../../slides/runtime/plugins/demos.ts";
import {assignSlideIds} from "../../../../slides/runtime/slide-ids.ts";
import {fakeDeck} from "./fake-deck.ts";
import {fakeDemos, flush} from "./fake-mount.ts";

const figure = (demo: string, attributes = "") => `<figure data-demo="${demo}" ${attributes}></figure>`;
const stage = (name: string, state: string) => `<figure data-stage="${name}" data-state="${state}"></figure>`;

/** Slide 1 owns the stage hero (with a fragment), slides 2 and 3 reuse it; slides 0, 4, 5 hold none. */
const HERO = [
  "<h2>Intro</h2>",
  `<h2>Hero</h2>${figure("flow-hero", 'data-stage="hero" data-dataset="moons" data-state="t: 0"')}
   <p class="fragment" data-state="show: field">field</p>`,
  `<h2>Paths</h2>${stage("hero", "t: 1; show: paths")}`,
  `<h2>Back</h2>${stage("hero", "t: 0.5")}`,
  "<p>after</p>",
  "<p>later</p>"
];

function start(slides: string[], {search = "", viewDistance = 3, speakerNotes = false} = {}) {
  const fake = fakeDeck(slides, {viewDistance, speakerNotes});
  assignSlideIds(document);
  const demos = fakeDemos(search);
  const init = demosPlugin(demos.options).init!(fake.deck);
  return {...fake, ...demos, init};
}

const errors = () => Array.from(document.querySelectorAll(".demo-error"), (box) => box.textContent);

describe("demosPlugin: lifecycle", () => {
  it("mounts once and declares once although ready, slidechanged and sync all fire on a deep-link load", () => {
    const {fire, mounts} = start([figure("a", 'data-state="t: 0.5"'), "b"]);
    fire("ready");
    fire("slidechanged");
    fire("sync");
    fire("ready");
    expect(mounts).toHaveLength(1);
    expect(mounts[0]!.declared).toEqual([[{t: "0.5"}, "slide 1", true]]);
    expect(mounts[0]!.running).toBe(true);
    expect(mounts[0]!.options).toMatchObject({staticView: false, key: "a", reducedMotion: false});
    expect(mounts[0]!.options.link).toBeUndefined();
  });

  it("mounts within viewDistance paused, runs only on its slide, and is destroyed beyond", () => {
    const {fire, go, mounts, engineCalls} = start(["a", "b", figure("d"), "d", "e", "f", "g"], {viewDistance: 1});
    fire("ready");
    expect(mounts).toHaveLength(0);
    go(1);
    expect(mounts).toHaveLength(1);
    expect(mounts[0]!.running).toBe(false);
    expect(mounts[0]!.log).not.toContain("resume");
    go(2);
    expect(mounts[0]!.running).toBe(true);
    go(3);
    expect(mounts[0]!.running).toBe(false);
    go(5);
    expect(mounts[0]!.destroyed).toBe(true);
    go(2);
    expect(mounts).toHaveLength(2);
    // The plugin hands the engine factory over; it never asks for the engine itself.
    expect(engineCalls()).toBe(0);
    expect(mounts[1]!.options.engine).toBeTypeOf("function");
  });

  it("remounts after the scroll view rebuilds the DOM (sync) and frees the old figures", () => {
    const {fire, rebuild, mounts} = start([figure("a")]);
    fire("ready");
    rebuild();
    expect(mounts).toHaveLength(2);
    expect(mounts[0]!.destroyed).toBe(true);
    expect(mounts[1]!.mountedOn.isConnected).toBe(true);
    expect(mounts[1]!.running).toBe(true);
  });

  it("drops the stale copies of drawn figures and error boxes that a rebuild from saved HTML brings back", () => {
    const {fire, go, rebuild} = start([stage("lost", "t: 0"), figure("a", 'data-stage="s"'), stage("s", "t: 1")]);
    fire("ready");
    go(2);
    // What a mount draws, as Reveal's scroll view would find it in the HTML it saved.
    for (const f of document.querySelectorAll("figure[data-stage=s]"))
      f.insertAdjacentHTML("afterbegin", '<div class="demo-output">drawn</div>');
    rebuild();
    expect(errors()).toHaveLength(1);
    expect(document.querySelectorAll(".demo-output")).toHaveLength(1);
  });

  it("keeps a mount that throws to its own demo: the other demo on the slide still mounts", () => {
    const {deck, fire} = fakeDeck([figure("bad") + figure("good")]);
    const {options, mounts} = fakeDemos();
    const mount = options.mount;
    options.mount = (element, load, given) => {
      if (element.dataset.demo === "bad") throw new Error("boom");
      return mount(element, load, given);
    };
    demosPlugin(options).init!(deck);
    fire("ready");
    expect(mounts.map((m) => m.mountedOn.dataset.demo)).toEqual(["good"]);
    expect(errors()).toEqual(["demo bad: boom"]);
  });
});

describe("demosPlugin: stages", () => {
  it("is one mount across its slides, moves to the current slide's figure, and pauses off its slides", () => {
    const {fire, go, mounts} = start(HERO);
    fire("ready");
    expect(mounts).toHaveLength(1);
    const hero = mounts[0]!;
    expect(hero.mountedOn.dataset.demo).toBe("flow-hero");
    expect(hero.options.key).toBe("hero");
    expect(hero.running).toBe(false);
    for (const h of [1, 2, 3, 2, 1]) {
      go(h);
      expect(hero.handle.element.closest("section")).toBe(document.querySelectorAll("section")[h]);
      expect(hero.running).toBe(true);
    }
    go(0);
    expect(hero.running).toBe(false);
    // Off its slides, it waits in the figure nearest the current slide.
    expect(hero.handle.element.closest("section")).toBe(document.querySelectorAll("section")[1]);
    go(3);
    go(4);
    expect(hero.running).toBe(false);
    expect(hero.handle.element.closest("section")).toBe(document.querySelectorAll("section")[3]);
    expect(mounts).toHaveLength(1);
    expect(hero.log.filter((l) => l === "destroy")).toEqual([]);
  });

  it("declares the merge of its figures' states up to the slide, then the slide's visible fragments; back restores", () => {
    const {fire, go, fragment, mounts} = start(HERO);
    fire("ready");
    go(1);
    const hero = mounts[0]!;
    const last = () => hero.declared.at(-1)!;
    // Declared (as a cut) while it waited on slide 1: arriving changes nothing, so nothing is declared again.
    expect(last()).toEqual([{t: "0"}, "slide 2 (#/hero)", true]);
    fragment(document.querySelector(".fragment")!);
    expect(last()).toEqual([{t: "0", show: "field"}, "slide 2 (#/hero)", false]);
    go(2);
    expect(last()).toEqual([{t: "1", show: "paths"}, "slide 3 (#/paths)", false]);
    go(3);
    expect(last()).toEqual([{t: "0.5", show: "paths"}, "slide 4 (#/back)", false]);
    go(2);
    expect(last()).toEqual([{t: "1", show: "paths"}, "slide 3 (#/paths)", false]);
    go(1);
    expect(last()).toEqual([{t: "0", show: "field"}, "slide 2 (#/hero)", false]);
    fragment(document.querySelector(".fragment")!, false);
    expect(last()).toEqual([{t: "0"}, "slide 2 (#/hero)", false]);
  });

  it("cuts instead of tweening when the deck jumps more than one slide or moves in the overview", () => {
    const {fire, go, overview, mounts} = start(HERO);
    fire("ready");
    go(3);
    const hero = mounts[0]!;
    expect(hero.declared.at(-1)).toEqual([{t: "0.5", show: "paths"}, "slide 4 (#/back)", true]);
    go(1);
    expect(hero.declared.at(-1)![2]).toBe(true);
    go(2);
    expect(hero.declared.at(-1)![2]).toBe(false);
    overview(true);
    go(3);
    expect(hero.declared.at(-1)).toEqual([{t: "0.5", show: "paths"}, "slide 4 (#/back)", true]);
    const count = hero.declared.length;
    overview(false);
    expect(hero.declared).toHaveLength(count);
  });

  it("sends a fragment's state to the figure named by data-state-for, else to the slide's first", () => {
    const {fire, fragment, mounts} = start([
      `<h2>Two</h2>${figure("a", 'id="left"')}${figure("b", 'data-stage="right"')}
       <p class="fragment" id="f1" data-state="x: 1">1</p>
       <p class="fragment" id="f2" data-state-for="right" data-state="y: 2">2</p>
       <p class="fragment" id="f3" data-state-for="left" data-state="z: 3">3</p>`
    ]);
    fire("ready");
    for (const id of ["f1", "f2", "f3"]) fragment(document.getElementById(id)!);
    const [left, right] = mounts;
    expect(left!.options.key).toBe("left");
    expect(right!.options.key).toBe("right");
    expect(left!.declared.at(-1)![0]).toEqual({x: "1", z: "3"});
    expect(right!.declared.at(-1)![0]).toEqual({y: "2"});
  });

  it("applies fragments in Reveal's fragment order, not document order", () => {
    const {fire, fragment, mounts} = start([
      `${figure("a")}<p class="fragment" data-fragment-index="2" data-state="t: 2">x</p>
       <p class="fragment" data-fragment-index="1" data-state="t: 1">y</p>`
    ]);
    fire("ready");
    for (const element of document.querySelectorAll(".fragment")) fragment(element);
    expect(mounts[0]!.declared.at(-1)![0]).toEqual({t: "2"});
  });

  it("shows an error naming the stage on every figure of a stage without data-demo, and mounts nothing", () => {
    const {fire, go, mounts} = start([stage("lost", "t: 0"), stage("lost", "t: 1"), figure("ok")]);
    fire("ready");
    go(1);
    expect(mounts.map((m) => m.mountedOn.dataset.demo)).toEqual(["ok"]);
    expect(errors()).toHaveLength(2);
    expect(errors()[0]).toContain("stage lost has no demo");
  });

  it("names the slide of a malformed data-state, and of a fragment state with no demo to go to", () => {
    const {fire, mounts} = start([
      `<h2>Bad</h2>${figure("a", 'data-state="t 0.5"')}`,
      `<h2>Lone</h2><p class="fragment" data-state="t: 1">x</p>`,
      `${figure("b")}<p class="fragment" data-state-for="nope" data-state="t: 1">x</p>`
    ]);
    fire("ready");
    expect(mounts.map((m) => m.mountedOn.dataset.demo)).toEqual(["b"]);
    expect(errors()).toEqual([
      'demo a: slide 1 (#/bad): invalid entry "t 0.5" (write key: value)',
      "slide 2 (#/lone): a fragment declares a state, but there is no demo on this slide",
      "slide 3: a fragment declares a state, but there is no demo or stage nope on this slide"
    ]);
  });
});

describe("demosPlugin: links", () => {
  it("routes ?demo-<key>= by stage, figure id, then demo id, and a bad value stops only its own demo", () => {
    const search =
      "?demo-hero=t:0.25;seed:3&demo-left=n:9&demo-gauss=sigma:2&demo-broken=t%200.5&demo-nosuch=x:1&other=1";
    const {fire, mounts} = start(
      [
        figure("flow-hero", 'data-stage="hero"') +
          figure("a", 'id="left"') +
          figure("gauss") +
          figure("x", 'data-stage="broken"')
      ],
      {search}
    );
    fire("ready");
    const byKey = Object.fromEntries(mounts.map((m) => [m.options.key, m.options.link]));
    expect(byKey).toEqual({hero: {t: "0.25", seed: "3"}, left: {n: "9"}, gauss: {sigma: "2"}});
    expect(errors()).toHaveLength(1);
    expect(errors()[0]).toMatch(/^demo x: link \?demo-broken: invalid entry "t 0.5".*remove it from the address/);
  });
});

describe("demosPlugin: static views", () => {
  it("mounts every figure, stage figures with their owner's options and own state, and never asks for the engine", async () => {
    const {init, mounts, engineCalls} = start([...HERO, figure("far")], {speakerNotes: true});
    await init;
    expect(mounts).toHaveLength(4);
    expect(mounts.every((m) => m.options.staticView)).toBe(true);
    expect(mounts.map((m) => [m.mountedOn.dataset.demo, m.mountedOn.dataset.dataset, m.declared[0]![0]])).toEqual([
      ["flow-hero", "moons", {t: "0"}],
      ["flow-hero", "moons", {t: "1", show: "paths"}],
      ["flow-hero", "moons", {t: "0.5", show: "paths"}],
      ["far", undefined, {}]
    ]);
    expect(mounts.every((m) => m.running === false && m.declared[0]![2] === true)).toBe(true);
    expect(() => mounts[0]!.options.engine()).toThrow(/static view/);
    expect(engineCalls()).toBe(0);
  });

  it("gives each fragment page of print view its own snapshot of the state that page declares", async () => {
    const {fire, init, mounts, engineCalls} = start(HERO, {search: "?print-pdf"});
    await init;
    expect(mounts).toHaveLength(3);
    // Reveal's print view: a copy of the slide per fragment step, fragments shown, the drawn figure copied along.
    const slide = document.querySelectorAll("section")[1]!;
    slide.querySelector("figure")!.insertAdjacentHTML("afterbegin", '<div class="demo-output">drawn</div>');
    const copy = slide.cloneNode(true) as HTMLElement;
    copy.querySelector(".fragment")!.classList.add("visible");
    slide.after(copy);
    fire("pdf-ready");
    fire("pdf-ready");
    expect(mounts).toHaveLength(4);
    const page = mounts[3]!;
    expect(page.mountedOn.closest("section")).toBe(copy);
    expect(page.mountedOn.querySelectorAll(".demo-output")).toHaveLength(0);
    expect(page.declared).toEqual([[{t: "0", show: "field"}, "slide 2 (#/hero)", true]]);
    expect(page.options.staticView).toBe(true);
    expect(engineCalls()).toBe(0);
  });

  it("starts the deck although one snapshot's mount throws", async () => {
    const {deck} = fakeDeck([figure("bad"), figure("good")], {speakerNotes: true});
    const {options, mounts} = fakeDemos();
    const mount = options.mount;
    options.mount = (element, load, given) => {
      if (element.dataset.demo === "bad") throw new Error("boom");
      return mount(element, load, given);
    };
    await demosPlugin(options).init!(deck);
    expect(mounts.map((m) => m.mountedOn.dataset.demo)).toEqual(["good"]);
    expect(errors()).toEqual(["demo bad: boom"]);
  });

  it("waits for every snapshot before Reveal goes on, and follows the previewed slide's fragments", async () => {
    const {deck, fragment} = fakeDeck(HERO, {speakerNotes: true});
    assignSlideIds(document);
    const {options, mounts} = fakeDemos();
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const mount = options.mount;
    options.mount = (...args) => Object.assign(mount(...args), {ready: gate});
    let settled = false;
    void Promise.resolve(demosPlugin(options).init!(deck)).then(() => (settled = true));
    await flush();
    expect(settled).toBe(false);
    release();
    await flush();
    expect(settled).toBe(true);
    deck.slide(1);
    fragment(document.querySelector(".fragment")!);
    expect(mounts[0]!.declared.at(-1)).toEqual([{t: "0", show: "field"}, "slide 2 (#/hero)", true]);
    expect(mounts[1]!.declared).toHaveLength(1);
  });
});

describe("demosPlugin: data-set-state", () => {
  it("a click on an element naming a state sets it on its slide's demo, as a control would", () => {
    const {fire, mounts} = start([
      `${figure("a", 'data-state="family: gan"')}<button data-set-state="family: vae; clock: 0">VAE</button>`,
      "<p>b</p>"
    ]);
    fire("ready");
    document.querySelector<HTMLButtonElement>("button[data-set-state]")!.click();
    expect(mounts[0]!.log.at(-1)).toBe('set {"family":"vae","clock":"0"} slide 1');
    // The slide's own declaration is not touched (going back to it restores it).
    expect(mounts[0]!.declared).toHaveLength(1);
  });

  it("a click with no demo on the slide says so next to the element, and the deck goes on", () => {
    const {fire, mounts} = start([`<p>a</p><button data-set-state="t: 1">go</button>`, figure("b")]);
    fire("ready");
    document.querySelector<HTMLButtonElement>("button[data-set-state]")!.click();
    expect(mounts.every((m) => !m.log.some((line) => line.startsWith("set")))).toBe(true);
    expect(errors()).toEqual(["slide 1: data-set-state, but no live demo on this slide to set it on"]);
  });

  it("Enter and Space on it stay away from Reveal; other keys pass", () => {
    const {fire} = start([`${figure("a")}<button data-set-state="t: 1">go</button>`]);
    fire("ready");
    const seen: string[] = [];
    document.addEventListener("keydown", (event) => seen.push(event.key));
    const button = document.querySelector<HTMLButtonElement>("button[data-set-state]")!;
    for (const key of ["Enter", " ", "ArrowRight"])
      button.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true}));
    expect(seen).toEqual(["ArrowRight"]);
  });
});
