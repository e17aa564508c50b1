import {plotSvg, svgSize, type PlotFigure} from "./canvas.ts";

/** What a sketch acts on: the mounted demo (demos/runtime/mount.ts). */
export interface SketchHost {
  /** The figure drawn now. */
  figure(): PlotFigure | undefined;
  /** The stroke so far is shown as it is drawn (a preview on the canvas layer, or nothing). */
  preview(points: readonly number[]): void;
  /** A finished stroke, in data units: [x0, y0, x1, y1, …]. */
  done(points: readonly number[]): void;
}

/** Points closer than this to the last one (in figure pixels) are skipped: a stroke is a few dozen points, not hundreds. */
const SPACING = 6;

/**
 * Lets the viewer draw on a figure with a pointer (mouse, pen or finger): a press-and-drag that does not start on a
 * draggable mark records a stroke in the figure's data coordinates (through the inverse of its Plot scales) and hands
 * it over when the pointer is released. `box` outlives re-renders and captures the pointer. The figure gets
 * `touch-action: none` from controls.css (`.demo-sketch`), so a finger draws instead of scrolling the page.
 */
export function sketchable(box: HTMLElement, host: SketchHost): void {
  box.classList.add("demo-sketch");
  let stroke: {pointer: number; points: number[]; last: [number, number]} | undefined;

  const toData = (clientX: number, clientY: number): [number, number, number, number] | undefined => {
    const figure = host.figure();
    const svg = figure && plotSvg(figure);
    const x = figure?.scale?.("x");
    const y = figure?.scale?.("y");
    if (!svg || !x?.invert || !y?.invert) return undefined;
    const rect = svg.getBoundingClientRect();
    if (!(rect.width > 0 && rect.height > 0)) return undefined;
    const size = svgSize(svg);
    const px = ((clientX - rect.left) * size.width) / rect.width;
    const py = ((clientY - rect.top) * size.height) / rect.height;
    const [dx, dy] = [Number(x.invert(px)), Number(y.invert(py))];
    return Number.isFinite(dx) && Number.isFinite(dy) ? [dx, dy, px, py] : undefined;
  };

  box.addEventListener("pointerdown", (event) => {
    const target = event.target as Element | null;
    if (target?.closest?.("[data-drag], .demo-controls") || !target?.closest?.(".demo-frame")) return;
    const at = toData(event.clientX, event.clientY);
    if (!at) return;
    stroke = {pointer: event.pointerId, points: [at[0], at[1]], last: [at[2], at[3]]};
    box.setPointerCapture?.(event.pointerId);
    event.preventDefault();
  });
  box.addEventListener("pointermove", (event) => {
    if (!stroke || stroke.pointer !== event.pointerId) return;
    const at = toData(event.clientX, event.clientY);
    if (!at || Math.hypot(at[2] - stroke.last[0], at[3] - stroke.last[1]) < SPACING) return;
    stroke.points.push(at[0], at[1]);
    stroke.last = [at[2], at[3]];
    host.preview(stroke.points);
  });
  const end = (event: PointerEvent) => {
    if (!stroke || stroke.pointer !== event.pointerId) return;
    const {points} = stroke;
    stroke = undefined;
    if (box.hasPointerCapture?.(event.pointerId)) box.releasePointerCapture(event.pointerId);
    if (event.type === "pointerup" && points.length >= 2) host.done(points);
    else host.preview([]);
  };
  box.addEventListener("pointerup", end);
  box.addEventListener("pointercancel", end);
}
