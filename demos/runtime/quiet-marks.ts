/**
 * Observable Plot names its marks with `aria-label` on `<g>` and `<rect>` elements that have no role, which ARIA does
 * not allow (axe's aria-prohibited-attr) and which a screen reader would read out mark by mark. A demo's text
 * alternative (`DemoSpec.describe`, on the figure's frame) already says what the figure shows and its numbers, so
 * the marks' names move to `data-mark`, where tools and tests can still find them. Elements with a role (the
 * draggable handles) and `<svg>` elements keep their labels.
 */
export function quietMarks(root: Element): void {
  for (const mark of root.querySelectorAll("[aria-label]:not([role]):not(svg)")) {
    mark.setAttribute("data-mark", mark.getAttribute("aria-label")!);
    mark.removeAttribute("aria-label");
  }
}
