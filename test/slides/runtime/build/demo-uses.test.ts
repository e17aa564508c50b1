import {describe, expect, it} from "vitest";
import type {Deck} from "../../../../slides/runtime/build/decks.ts";
import {demoSlides, demoUses, demoUsesScript, DEMO_USES_ID} from "../../../../slides/runtime/build/demo-uses.ts";

describe("demoSlides", () => {
  it("gives each demo's slides as Reveal numbers them, vertical stacks included", () => {
    const html = `
      <section><figure data-demo="a"></figure></section>
      <!-- <section><figure data-demo="a"></figure></section> -->
      <section>
        <section><p>top of the stack</p></section>
        <section><figure data-demo="b" data-n="3"></figure><figure data-demo="a"></figure></section>
      </section>
      <section class="x"><figure data-demo="b"></figure><figure data-demo="b"></figure></section>`;
    const uses = demoSlides(html);
    expect(uses.get("a")).toEqual([
      {h: 0, v: 0},
      {h: 1, v: 1}
    ]);
    expect(uses.get("b")).toEqual([
      {h: 1, v: 1},
      {h: 2, v: 0}
    ]);
  });
});

describe("demoUses", () => {
  const deck = {slug: "talk", title: "Talk", page: "slides/talk/index.html"} as Deck;

  it("links each use to its slide, relative to the site's root", () => {
    const html = `<section></section><section><section></section><section><figure data-demo="a"></figure></section></section>`;
    expect(demoUses([{deck, html}])).toEqual({
      a: [{slug: "talk", title: "Talk", h: 1, v: 1, href: "./slides/talk/#/1/1"}]
    });
  });

  it("writes a JSON block no deck title can close early", () => {
    const uses = demoUses([
      {deck: {...deck, title: "</script><b>"}, html: `<section><figure data-demo="a"></figure></section>`}
    ]);
    const block = demoUsesScript(uses);
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    const doc = new DOMParser().parseFromString(block, "text/html");
    expect(JSON.parse(doc.getElementById(DEMO_USES_ID)!.textContent!).a[0].title).toBe("</script><b>");
  });
});
