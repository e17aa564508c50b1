import type {Field, Schema, Value} from "../../engine/options/schema.ts";
import {plotSvg, svgSize, type PlotFigure} from "./canvas.ts";

/** What dragging acts on: the mounted demo (demos/runtime/mount.ts). */
export interface DragHost {
  /** `spec.drag`: a handle's name → [x state key, y state key]. */
  readonly drag: Readonly<Record<string, readonly [string, string]>>;
  readonly state: Schema;
  /** The figure drawn now. */
  figure(): PlotFigure | undefined;
  value(key: string): Value;
  /** Sets state keys at once (no tween) and redraws. */
  set(values: Record<string, Value>): void;
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1]
};

/**
 * Makes the figure's `data-drag="<name>"` marks move their state keys: by pointer (captured by `box`, which outlives
 * re-renders, through the inverse of the figure's scales) and by the arrow keys while a mark has focus (one
 * fiftieth of its key's range, a tenth with Shift; the keys never reach Reveal). Call `prepare` after every render:
 * it makes the new marks focusable and gives focus back to the mark that had it.
 */
export function draggable(box: HTMLElement, host: DragHost): {prepare(root: Element, focused?: string): void} {
  let dragging: {name: string; pointer: number} | undefined;
  const handleOf = (target: EventTarget | null) => {
    const mark = (target as Element | null)?.closest?.("[data-drag]");
    const name = mark?.getAttribute("data-drag") ?? "";
    return mark && box.contains(mark) && Object.hasOwn(host.drag, name) ? name : undefined;
  };

  box.addEventListener("pointerdown", (event) => {
    const name = handleOf(event.target);
    if (!name) return;
    dragging = {name, pointer: event.pointerId};
    box.setPointerCapture?.(event.pointerId);
    event.preventDefault();
    moveTo(name, event.clientX, event.clientY);
  });
  box.addEventListener("pointermove", (event) => {
    if (dragging && dragging.pointer === event.pointerId) moveTo(dragging.name, event.clientX, event.clientY);
  });
  const end = (event: PointerEvent) => {
    if (!dragging || dragging.pointer !== event.pointerId) return;
    dragging = undefined;
    if (box.hasPointerCapture?.(event.pointerId)) box.releasePointerCapture(event.pointerId);
  };
  box.addEventListener("pointerup", end);
  box.addEventListener("pointercancel", end);

  box.addEventListener("keydown", (event) => {
    const name = handleOf(event.target);
    const arrow = ARROWS[event.key];
    if (!name || !arrow) return;
    event.preventDefault();
    event.stopPropagation();
    const [kx, ky] = host.drag[name]!;
    const out: Record<string, Value> = {};
    for (const [key, sign] of [
      [kx, arrow[0]],
      [ky, arrow[1]]
    ] as const) {
      if (sign === 0) continue;
      const f = host.state[key]!;
      out[key] = clamp(f, (host.value(key) as number) + sign * stepOf(f) * (event.shiftKey ? 5 : 1));
    }
    host.set(out);
  });

  function moveTo(name: string, clientX: number, clientY: number): void {
    const figure = host.figure();
    const svg = figure && plotSvg(figure);
    const x = figure?.scale?.("x");
    const y = figure?.scale?.("y");
    if (!svg || !x?.invert || !y?.invert) return;
    const rect = svg.getBoundingClientRect();
    if (!(rect.width > 0 && rect.height > 0)) return;
    const size = svgSize(svg);
    const px = ((clientX - rect.left) * size.width) / rect.width;
    const py = ((clientY - rect.top) * size.height) / rect.height;
    const [kx, ky] = host.drag[name]!;
    host.set({[kx]: clamp(host.state[kx]!, Number(x.invert(px))), [ky]: clamp(host.state[ky]!, Number(y.invert(py)))});
  }

  return {
    prepare(root, focused) {
      for (const mark of root.querySelectorAll<SVGElement>("[data-drag]")) {
        const name = mark.getAttribute("data-drag")!;
        if (!Object.hasOwn(host.drag, name)) continue;
        mark.setAttribute("tabindex", "0");
        // A point moved in two directions is not a slider (which has one value): a button described as draggable,
        // its label saying where it is (the handles layer's own label, or the values of its two state keys).
        const [kx, ky] = host.drag[name]!;
        const where =
          mark.getAttribute("aria-label") ??
          `${name} at ${kx} ${format(host.value(kx))}, ${ky} ${format(host.value(ky))}`;
        mark.setAttribute("role", "button");
        mark.setAttribute("aria-roledescription", "draggable point");
        mark.setAttribute("aria-label", `${where}: drag it, or use the arrow keys`);
        if (name === focused) mark.focus();
      }
    }
  };
}

function format(v: Value): string {
  return typeof v === "number" ? String(Math.round(v * 100) / 100) : String(v);
}

function stepOf(f: Field): number {
  if (f.kind === "number" && f.step !== undefined) return f.step;
  if ((f.kind === "number" || f.kind === "integer") && f.min !== undefined && f.max !== undefined) {
    return f.kind === "integer" ? Math.max(1, Math.round((f.max - f.min) / 50)) : (f.max - f.min) / 50;
  }
  return f.kind === "integer" ? 1 : 0.1;
}

function clamp(f: Field, v: number): number {
  if (f.kind !== "number" && f.kind !== "integer") return v;
  if (!Number.isFinite(v)) v = f.default;
  if (f.kind === "integer") v = Math.round(v);
  return Math.min(f.max ?? Infinity, Math.max(f.min ?? -Infinity, v));
}

/** The name of the drag mark that has focus inside `root`, to give it back focus after a re-render. */
export function focusedHandle(root: Element | undefined): string | undefined {
  const active = root?.ownerDocument.activeElement;
  return active && root.contains(active) ? (active.getAttribute("data-drag") ?? undefined) : undefined;
}
