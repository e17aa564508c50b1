/** The longest slug a heading gives (cut at a word boundary): links stay short enough to read aloud. */
const MAX_SLUG = 40;

/**
 * A heading's text as a link id: lowercase ASCII words joined by `-` (accents dropped), at most 40 characters, and
 * starting with a letter so that it never reads as a slide number (`2024 results` → `s-2024-results`).
 * Empty when the text has no letter or digit.
 */
export function slugify(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG) break;
    slug = next;
  }
  if (!slug && words[0]) slug = words[0].slice(0, MAX_SLUG);
  return /^[0-9]/.test(slug) ? `s-${slug}` : slug;
}

/** The text a reader sees in a heading: KaTeX's hidden MathML copy and speaker notes left out. */
function visibleText(heading: Element): string {
  const copy = heading.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll(".katex-mathml, aside.notes")) hidden.remove();
  return copy.textContent ?? "";
}

/** Slides that are shown (sections holding no section: a vertical stack's parent is not a slide). */
export function leafSlides(root: ParentNode): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>("section")).filter((s) => !s.querySelector("section"));
}

/**
 * Gives every slide under `root` without an `id` a readable one from its first heading (`<h2>OT-CFM</h2>` →
 * `id="ot-cfm"`), so that each slide has a link like `#/ot-cfm`. Ids an author wrote are kept. A slug already used
 * by any `id` or `data-id` (auto-animate and morph ids, which Reveal's links also look up) in the document gets
 * `-2`, `-3`… Slides without a heading keep their numeric link (`#/5`), which works for every slide anyway.
 * Call it before Reveal starts, so a deep link to a readable id resolves on load.
 */
export function assignSlideIds(root: ParentNode): void {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const taken = new Set<string>();
  for (const element of doc.querySelectorAll("[id], [data-id]")) {
    for (const value of [element.id, element.getAttribute("data-id")]) if (value) taken.add(value);
  }
  for (const slide of leafSlides(root)) {
    if (slide.id) continue;
    const heading = slide.querySelector("h1, h2, h3, h4, h5, h6");
    const slug = heading ? slugify(visibleText(heading)) : "";
    if (!slug) continue;
    let id = slug;
    for (let n = 2; taken.has(id); n++) id = `${slug}-${n}`;
    taken.add(id);
    slide.id = id;
  }
}
