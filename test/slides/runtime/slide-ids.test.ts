import {describe, expect, it} from "vitest";
import {assignSlideIds, slugify} from "../../../slides/runtime/slide-ids.ts";
import {linkedIndices} from "../../../slides/runtime/plugins/scroll-links.ts";

describe("slugify", () => {
  it("makes lowercase ASCII words joined by dashes, never starting with a digit", () => {
    expect(slugify("OT-CFM")).toBe("ot-cfm");
    expect(slugify("  Flow Matching: the loss!  ")).toBe("flow-matching-the-loss");
    expect(slugify("Schrödinger bridges")).toBe("schrodinger-bridges");
    expect(slugify("2024 results")).toBe("s-2024-results");
    expect(slugify("∫ ∂ →")).toBe("");
    expect(slugify("one two three four five six seven eight nine ten").length).toBeLessThanOrEqual(40);
    expect(slugify("a".repeat(80))).toHaveLength(40);
  });
});

describe("assignSlideIds", () => {
  function deck(html: string): HTMLElement {
    document.body.innerHTML = `<div class="reveal"><div class="slides">${html}</div></div>`;
    return document.querySelector(".slides")!;
  }
  const ids = () => Array.from(document.querySelectorAll("section"), (s) => s.id);

  it("names slides from their first heading, keeps ids an author wrote, and keeps every id unique", () => {
    const root = deck(`
      <section><h1>Flow matching</h1><h2>Other</h2></section>
      <section id="mine"><h2>Kept</h2></section>
      <section><h2>Flow matching</h2></section>
      <section><h2>Title</h2><p data-id="m-title"></p></section>
      <section><h2>M title</h2></section>
      <section><h2>Mine</h2></section>
      <section><p>no heading</p></section>
      <section><h2>2</h2></section>`);
    assignSlideIds(root);
    expect(ids()).toEqual(["flow-matching", "mine", "flow-matching-2", "title", "m-title-2", "mine-2", "", "s-2"]);
  });

  it("reads what the reader sees in a heading (no KaTeX MathML copy), names only leaf slides of a stack", () => {
    const root = deck(`
      <section><section><h2>The field <span class="katex"><span class="katex-mathml">u_t(x)</span>
        <span class="katex-html">ut(x)</span></span></h2></section><section><h3>Below</h3></section></section>`);
    assignSlideIds(root);
    expect(ids()).toEqual(["", "the-field-ut-x", "below"]);
  });

  it("gives links that the phone's scroll view resolves, while numeric links keep their meaning", () => {
    const root = deck(`<section><h2>Intro</h2></section><section><h2>OT-CFM</h2></section>`);
    assignSlideIds(root);
    const slides = document.querySelectorAll("section");
    slides.forEach((slide, h) => slide.setAttribute("data-index-h", String(h)));
    const byId = (id: string) => document.getElementById(id);
    expect(linkedIndices("#/ot-cfm", byId)).toEqual({h: 1, v: 0});
    expect(linkedIndices("#/1", byId)).toEqual({h: 1, v: 0});
  });
});
