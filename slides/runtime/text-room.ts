/**
 * Room for the text a figure draws outside its SVG, in the reading view. Figures are drawn with `overflow: visible`
 * (demos/layers/figure.ts), so a readout line longer than its SVG, or a tick label left of a narrow margin, runs on
 * into the empty slide beside it. In the reading view a figure is the column's width and clips what sticks out (it
 * scrolls sideways inside itself), so such a line was cut at the screen's edge, numbers and all (deck 3's box-flux:
 * "dM/dt = …"). Here the figure's frame (its SVG and canvas, which scale together) is narrowed and shifted by
 * margins so that the text beside it fits in the column too; the drawing's own coordinates are untouched, so the
 * canvas, the drags and the sketches stay aligned.
 */

/** How far text runs past each side of an SVG, in the SVG's own units (its width and height attributes). */
export interface Overhang {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The frame's width and margins, as CSS percentages of the column, that leave `overhang` around a frame `width`
 * units wide: the frame takes width / (width + left + right) of the column, and each margin its share in the same
 * scale (CSS resolves vertical percentage margins against the column's width too).
 */
export function roomStyle(width: number, overhang: Overhang): {width: string; margin: string} {
  if (!(width > 0)) throw new RangeError(`invalid width: ${width} (a positive number of SVG units)`);
  for (const [side, by] of Object.entries(overhang)) {
    if (!(by >= 0 && Number.isFinite(by))) throw new RangeError(`invalid overhang ${side}: ${by}`);
  }
  const total = width + overhang.left + overhang.right;
  const percent = (units: number) => `${((100 * units) / total).toFixed(3)}%`;
  return {
    width: percent(width),
    margin: `${percent(overhang.top)} ${percent(overhang.right)} ${percent(overhang.bottom)} ${percent(overhang.left)}`
  };
}

/** The union of `inner` boxes past `outer`, scaled by `scale` (SVG units per CSS pixel); 0 on sides within it. */
export function overhangOf(outer: DOMRectReadOnly, inner: readonly DOMRectReadOnly[], scale: number): Overhang {
  const out = {left: 0, right: 0, top: 0, bottom: 0};
  for (const r of inner) {
    if (r.width === 0 && r.height === 0) continue;
    out.left = Math.max(out.left, (outer.left - r.left) * scale);
    out.right = Math.max(out.right, (r.right - outer.right) * scale);
    out.top = Math.max(out.top, (outer.top - r.top) * scale);
    out.bottom = Math.max(out.bottom, (r.bottom - outer.bottom) * scale);
  }
  return out;
}

/** The room each frame or SVG was given so far: it only grows, so a readout that changes length does not make it jump. */
const given = new WeakMap<HTMLElement, Overhang>();

/**
 * Measures every SVG of `figure` (laid out, on screen) and gives its overhanging text room (see the top): the frame
 * around it (an SVG with a canvas over it), else the SVG itself (a side panel, e.g. a loss curve).
 */
export function makeRoomForText(figure: HTMLElement): void {
  for (const svg of figure.querySelectorAll<SVGSVGElement>(".demo-output svg")) {
    if (svg.parentElement?.closest("svg")) continue; // an SVG inside another (a legend's swatch) moves with it
    const target = (svg.parentElement?.classList.contains("demo-frame") ? svg.parentElement : svg) as HTMLElement;
    const natural = Number(svg.getAttribute("width"));
    const box = svg.getBoundingClientRect();
    if (!(natural > 0) || box.width === 0) continue;
    const texts = [...svg.querySelectorAll("text")].filter((t) => t.textContent?.trim());
    const now = overhangOf(
      box,
      texts.map((t) => t.getBoundingClientRect()),
      natural / box.width
    );
    const was = given.get(target) ?? {left: 0, right: 0, top: 0, bottom: 0};
    // Half a unit of slack: sub-pixel rounding is not worth a new layout.
    const grown = (Object.keys(was) as (keyof Overhang)[]).some((side) => now[side] > was[side] + 0.5);
    if (!grown) continue;
    const room = {
      left: Math.max(was.left, Math.ceil(now.left)),
      right: Math.max(was.right, Math.ceil(now.right)),
      top: Math.max(was.top, Math.ceil(now.top)),
      bottom: Math.max(was.bottom, Math.ceil(now.bottom))
    };
    given.set(target, room);
    const style = roomStyle(natural, room);
    target.style.width = style.width;
    target.style.margin = style.margin;
  }
}
