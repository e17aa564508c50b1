import {describe, expect, it} from "vitest";
import {linkedIndices, scrollTopOf} from "../../../../slides/runtime/plugins/scroll-links.ts";

/** Reveal's scroll view as it lays out pages: an auto-animate pair shares the second page. */
function scrollView(): HTMLElement {
  const root = document.createElement("div");
  root.innerHTML = `
    <div class="scroll-page"><div class="scroll-page-sticky"><div class="scroll-page-content">
      <section data-index-h="0" data-index-v="0"></section></div></div></div>
    <div class="scroll-page"><div class="scroll-page-sticky">
      <div class="scroll-page-content"><section id="first" data-index-h="1" data-index-v="0"></section></div>
      <div class="scroll-page-content scroll-auto-animate-page"><section id="second" data-index-h="2" data-index-v="0">
        <p id="inner">x</p></section></div>
    </div></div>`;
  document.body.replaceChildren(root);
  // jsdom does no layout: give the pages the tops the browser would (800 px per viewport height).
  const pages = root.querySelectorAll<HTMLElement>(".scroll-page");
  [0, 800].forEach((top, i) => Object.defineProperty(pages[i], "offsetTop", {value: top}));
  return root;
}

describe("scroll-links plugin", () => {
  it("reads numeric and named deep links as Reveal writes them", () => {
    scrollView();
    const byId = (id: string) => document.getElementById(id);
    expect(linkedIndices("#/6", byId)).toEqual({h: 6, v: 0});
    expect(linkedIndices("#/3/2", byId)).toEqual({h: 3, v: 2});
    expect(linkedIndices("#/3/0/1", byId)).toEqual({h: 3, v: 0});
    expect(linkedIndices("#/second", byId)).toEqual({h: 2, v: 0});
    expect(linkedIndices("#/inner", byId)).toEqual({h: 2, v: 0});
    expect(linkedIndices("", byId)).toBeUndefined();
    expect(linkedIndices("#/", byId)).toBeUndefined();
    expect(linkedIndices("#/nosuch", byId)).toBeUndefined();
  });

  it("finds a slide's scroll position, one viewport height down per earlier slide on its page", () => {
    const root = scrollView();
    const at = (h: number) => scrollTopOf(root.querySelector(`section[data-index-h="${h}"]`)!, 800);
    expect([at(0), at(1), at(2)]).toEqual([0, 800, 1600]);
    expect(scrollTopOf(document.createElement("section"), 800)).toBeUndefined();
  });
});
