/** The text labels of a rendered figure (text, fill, pixel y) whose text is one of `names`, e.g. end labels. */
export function labelsOf(el: Element, names: readonly string[]) {
  return [...el.querySelectorAll("text")]
    .filter((t) => names.includes(t.textContent!))
    .map((t) => ({
      text: t.textContent!,
      fill: t.parentElement!.getAttribute("fill"),
      y: Number(/translate\([^,]+,([^)]+)\)/.exec(t.getAttribute("transform")!)![1])
    }));
}
