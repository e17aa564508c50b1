import {describe, expect, it} from "vitest";
import {demoSlides} from "../../../../slides/runtime/build/demo-uses.ts";

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
