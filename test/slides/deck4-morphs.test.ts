import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {readDeck} from "../../slides/runtime/build/decks.ts";
import {deckPage} from "../../slides/runtime/build/vite-plugin.ts";
import {morphTargets} from "../../slides/runtime/plugins/morph.ts";

// Deck 4's figure morphs of lecture §5, D4.16 → D4.18 → D4.20, in the built page: the slides must be adjacent and
// share a morph name on the figures of their demos, as the morph plugin reads them.
const root = join(import.meta.dirname, "..", "..");
let slides: HTMLElement[];

beforeAll(() => {
  const warnings: string[] = [];
  const html = deckPage(readDeck(root, "slides", "04-flow-matching"), (m) => warnings.push(m), {root});
  expect(warnings).toEqual([]);
  const page = new DOMParser().parseFromString(html, "text/html");
  slides = [...page.querySelectorAll<HTMLElement>(".slides > section")];
});

const at = (id: string) => slides.findIndex((s) => s.id === id);

/** The morph names two slides share, each with the demo of the element that carries it on either side. */
function shared(from: string, to: string): {name: string; demos: [string?, string?]}[] {
  const before = morphTargets(slides[at(from)]);
  const after = morphTargets(slides[at(to)]);
  return [...before.keys()]
    .filter((name) => after.has(name))
    .map((name) => ({name, demos: [before.get(name)!.dataset.demo, after.get(name)!.dataset.demo]}));
}

describe("deck 4: the trained OT-CFM figure → reflow → sampling morphs", () => {
  it("puts the three slides next to each other", () => {
    const i = at("ot-cfm-trained");
    expect(i).toBeGreaterThan(0);
    expect([at("rectified-flow"), at("sampling")]).toEqual([i + 1, i + 2]);
  });

  it("gives fm-train's figure and reflow's one morph name, and reflow's and nfe-quality's the same", () => {
    expect(shared("ot-cfm-trained", "rectified-flow")).toEqual([
      {name: "fd-morph-trained-flow", demos: ["fm-train", "reflow"]}
    ]);
    expect(shared("rectified-flow", "sampling")).toEqual([
      {name: "fd-morph-trained-flow", demos: ["reflow", "nfe-quality"]}
    ]);
  });

  it("starts the sampling slide on the shipped 2-RF, the kind of model reflow made", () => {
    expect(slides[at("sampling")]!.querySelector("figure")!.dataset.model).toBe("rf2");
  });

  it("links the VP-vs-OT slide's notes back to the sampling slide whose demo it re-uses", () => {
    const vp = slides[at("vp-vs-ot-path")]!;
    expect(vp.querySelector("figure")!.dataset.demo).toBe("nfe-quality");
    expect(vp.querySelector<HTMLAnchorElement>('aside.notes a[href="#/sampling"]')).not.toBeNull();
    expect(at("sampling")).toBeGreaterThan(-1);
  });
});
