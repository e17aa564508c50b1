import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {renderMath} from "../../../../slides/runtime/build/math.ts";
import {
  followFragments,
  scrubTo,
  timelineEvents,
  timelinePlugin,
  timelineScrubbers
} from "../../../../slides/runtime/plugins/timeline.ts";
import {fakeDeck} from "./fake-deck.ts";

/** A list as a deck writes it, typeset at build time as the deck build does. */
const LIST = `<ol class="timeline" data-scrub aria-label="test timeline">
  <li><time>2014</time> NICE <div class="timeline-detail">$$x_B=z_B+m(z_A)$$</div></li>
  <li><time>2016</time> RealNVP <div class="timeline-detail">$$\\log\\lvert\\det J\\rvert=\\textstyle\\sum_j\\alpha_j$$</div></li>
  <li><time>2016</time> IAF</li>
  <li><time>2018</time> Neural ODE <div class="timeline-detail">$$\\frac{d}{dt}\\log p_t(x_t)=-(\\nabla\\cdot u_t)(x_t)$$</div></li>
</ol>`;

const FRAGMENTS = `<ol class="timeline" data-scrub>
  <li><time>2018</time> Neural ODE</li>
  <li class="fragment" data-fragment-index="0"><time>2022</time> Flow Matching</li>
  <li class="fragment" data-fragment-index="1"><time>2023</time> OT-CFM</li>
</ol>`;

function page(html: string): HTMLElement {
  document.body.innerHTML = `<div class="reveal"><section>${renderMath(html).html}</section></div>`;
  return document.querySelector<HTMLElement>(".reveal")!;
}

const items = () => [...document.querySelectorAll<HTMLLIElement>("ol.timeline > li")];
const later = () => items().map((item) => item.classList.contains("timeline-later"));
const input = () => document.querySelector<HTMLInputElement>("input.timeline-range")!;
const buttons = () => [...document.querySelectorAll<HTMLButtonElement>("button.timeline-item")];
const openDetails = () =>
  [...document.querySelectorAll<HTMLElement>(".timeline-detail")].filter((detail) => !detail.hidden);
const scrub = (value: number) => {
  input().value = String(value);
  input().dispatchEvent(new Event("input", {bubbles: true}));
};

describe("timeline plugin", () => {
  let stop: () => void;
  let reached: string[];
  const onDocument = (event: KeyboardEvent) => reached.push(event.key);
  beforeEach(() => {
    reached = [];
    document.addEventListener("keydown", onDocument);
  });
  afterEach(() => {
    stop?.();
    document.removeEventListener("keydown", onDocument);
  });

  it("adds one labelled range input over the distinct dates, once, showing every item at first", () => {
    const root = page(LIST);
    timelineScrubbers(root);
    timelineScrubbers(root);
    expect(document.querySelectorAll("input.timeline-range")).toHaveLength(1);
    expect(input().closest("label")?.textContent).toContain("Show up to");
    expect([input().min, input().max, input().value]).toEqual(["0", "2", "2"]);
    expect(input().getAttribute("aria-valuetext")).toBe("2018");
    expect(document.querySelector("output")?.textContent).toBe("2018");
    expect(later()).toEqual([false, false, false, false]);
    expect(root.querySelectorAll(".katex-display")).toHaveLength(3); // the math came typeset from the build
  });

  it("scrubbing shows exactly the items up to the chosen date", () => {
    const root = page(LIST);
    timelineScrubbers(root);
    stop = timelineEvents(root);
    scrub(0);
    expect(later()).toEqual([false, true, true, true]);
    expect(input().getAttribute("aria-valuetext")).toBe("2014");
    scrub(1);
    expect(later()).toEqual([false, false, false, true]);
    expect(document.querySelector("output")?.textContent).toBe("2016");
    scrubTo(items()[0]!.parentElement!, 99); // clamped to the last date
    expect(later()).toEqual([false, false, false, false]);
    expect(input().value).toBe("2");
  });

  it("clicking an item opens its detail, one at a time; a second click closes it; scrubbing past it closes it", () => {
    const root = page(LIST);
    timelineScrubbers(root);
    stop = timelineEvents(root);
    expect(buttons()).toHaveLength(3); // IAF has no detail: it stays plain text
    expect(openDetails()).toHaveLength(0);
    buttons()[1]!.click();
    expect(openDetails().map((d) => d.id)).toEqual([buttons()[1]!.getAttribute("aria-controls")]);
    expect(buttons().map((b) => b.getAttribute("aria-expanded"))).toEqual(["false", "true", "false"]);
    expect(document.querySelector<HTMLElement>(".timeline-hint")!.hidden).toBe(true);
    buttons()[2]!.click();
    expect(openDetails()).toHaveLength(1);
    expect(openDetails()[0]!.textContent).toContain("∇");
    buttons()[2]!.click();
    expect(openDetails()).toHaveLength(0);
    expect(document.querySelector<HTMLElement>(".timeline-hint")!.hidden).toBe(false);
    buttons()[2]!.click();
    scrub(1);
    expect(openDetails()).toHaveLength(0);
  });

  it("keeps Enter and Space on an item and the input's keys away from Reveal, and lets other keys through", () => {
    const root = page(LIST);
    timelineScrubbers(root);
    stop = timelineEvents(root);
    const press = (target: HTMLElement, key: string) =>
      target.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true, cancelable: true}));
    press(buttons()[0]!, "Enter");
    press(buttons()[0]!, " ");
    press(input(), "ArrowLeft");
    press(input(), "Home");
    expect(reached).toEqual([]);
    press(buttons()[0]!, "ArrowRight");
    press(document.body, "ArrowRight");
    expect(reached).toEqual(["ArrowRight", "ArrowRight"]);
    // Items are real buttons (Enter and Space click them natively) with the input a real range input.
    expect(buttons()[0]!.type).toBe("button");
    expect(input().type).toBe("range");
  });

  it("print view shows every item with the input at the last date, fragments included", () => {
    const root = page(FRAGMENTS);
    timelineScrubbers(root, {print: true});
    expect(input().value).toBe("2");
    expect(later()).toEqual([false, false, false]);
  });

  it("follows Reveal's fragments, and scrubbing asks for the matching fragment step", () => {
    const root = page(FRAGMENTS);
    timelineScrubbers(root);
    const showFragments = vi.fn();
    stop = timelineEvents(root, showFragments);
    const list = items()[0]!.parentElement!;
    expect(input().value).toBe("0"); // only the plain item before any fragment
    items()[1]!.classList.add("visible");
    followFragments(list);
    expect(input().value).toBe("1");
    scrub(2);
    expect(showFragments).toHaveBeenLastCalledWith(1);
    scrub(0);
    expect(showFragments).toHaveBeenLastCalledWith(-1);
    expect(later()).toEqual([false, false, false]); // fragments are Reveal's to hide, never this plugin's
  });

  it("keeps working on a copy of the slides (Reveal's scroll view rebuilds them from their HTML)", () => {
    const root = page(LIST);
    timelineScrubbers(root);
    stop = timelineEvents(root);
    scrub(0);
    const slides = root.querySelector("section")!;
    slides.innerHTML = String(slides.innerHTML);
    timelineScrubbers(root);
    expect(document.querySelectorAll("input.timeline-range")).toHaveLength(1);
    expect(input().value).toBe("0");
    scrub(2);
    expect(later()).toEqual([false, false, false, false]);
    buttons()[0]!.click();
    expect(openDetails()).toHaveLength(1);
  });

  it("as a Reveal plugin: fragments move the input, the input moves the deck to the matching fragment step", () => {
    const fake = fakeDeck(["<p>before</p>", renderMath(FRAGMENTS).html]);
    const navigateFragment = vi.fn();
    Object.assign(fake.deck, {navigateFragment});
    const plugin = timelinePlugin();
    void plugin.init?.(fake.deck);
    fake.go(1);
    expect(input().value).toBe("0");
    fake.fragment(items()[1]!);
    expect(input().getAttribute("aria-valuetext")).toBe("2022");
    fake.fragment(items()[2]!);
    expect(input().value).toBe("2");
    fake.fragment(items()[2]!, false);
    expect(input().value).toBe("1");
    scrub(2);
    expect(navigateFragment).toHaveBeenLastCalledWith(1);
    fake.rebuild(); // the scroll view's copy keeps one scrubber
    expect(document.querySelectorAll("input.timeline-range")).toHaveLength(1);
  });
});
