import {colorNames} from "../../../demos/runtime/palette.ts";
import type {CanvasLayer} from "../../../demos/runtime/spec.ts";

/** What the recording layer gives for a palette name: a distinct made-up hex colour, e.g. "#0a0a02" for "source". */
export function resolved(name: string): string {
  const k = (colorNames as readonly string[]).indexOf(name) + 1;
  return `#0a0a${k.toString(16).padStart(2, "0")}`;
}

/** One fill or stroke: what it drew with, and how many shapes its path held. */
export interface Draw {
  op: "fill" | "stroke";
  style: string;
  alpha: number;
  dash: number[];
  /** moveTo calls in the path (one per dot, line or arrow part). */
  shapes: number;
  /** Path calls of each kind in the path. */
  calls: Record<string, number>;
}

/**
 * A canvas layer over [-4, 4]² on a 400×400 frame (800×800 device pixels) whose context records what is drawn;
 * images drawn on it (the stamped particles) are kept in `images`.
 */
export function recordingLayer(size = 400, half = 4) {
  const images: {alpha: number; pixels: Uint32Array}[] = [];
  const draws: Draw[] = [];
  const calls: Record<string, number> = {};
  let path: Record<string, number> = {};
  const count = (name: string) => {
    calls[name] = (calls[name] ?? 0) + 1;
    path[name] = (path[name] ?? 0) + 1;
  };
  const state = {
    fillStyle: "",
    strokeStyle: "",
    globalAlpha: 1,
    lineWidth: 1,
    lineJoin: "",
    lineCap: "",
    dash: [] as number[]
  };
  const end = (op: "fill" | "stroke") => {
    calls[op] = (calls[op] ?? 0) + 1;
    draws.push({
      op,
      style: op === "fill" ? state.fillStyle : state.strokeStyle,
      alpha: state.globalAlpha,
      dash: [...state.dash],
      shapes: path.moveTo ?? 0,
      calls: path
    });
  };
  const context = {
    set fillStyle(v: string) {
      state.fillStyle = v;
    },
    get fillStyle() {
      return state.fillStyle;
    },
    set strokeStyle(v: string) {
      state.strokeStyle = v;
    },
    get strokeStyle() {
      return state.strokeStyle;
    },
    set globalAlpha(v: number) {
      state.globalAlpha = v;
    },
    get globalAlpha() {
      return state.globalAlpha;
    },
    set lineWidth(v: number) {
      state.lineWidth = v;
    },
    set lineJoin(v: string) {
      state.lineJoin = v;
    },
    set lineCap(v: string) {
      state.lineCap = v;
    },
    setLineDash(d: number[]) {
      state.dash = [...d];
    },
    beginPath() {
      path = {};
      calls.beginPath = (calls.beginPath ?? 0) + 1;
    },
    moveTo: () => count("moveTo"),
    lineTo: () => count("lineTo"),
    arc: () => count("arc"),
    rect: () => count("rect"),
    closePath: () => count("closePath"),
    fill: () => end("fill"),
    stroke: () => end("stroke"),
    clearRect: () => count("clearRect"),
    save: () => count("save"),
    restore: () => count("restore"),
    setTransform: () => count("setTransform"),
    drawImage(image: HTMLCanvasElement) {
      count("drawImage");
      images.push({alpha: state.globalAlpha, pixels: (image as unknown as {pixels(): Uint32Array}).pixels()});
    },
    canvas: Object.assign(document.createElement("canvas"), {width: 2 * size, height: 2 * size})
  };
  const colors = new Set<string>();
  const layer: CanvasLayer = {
    context: context as unknown as CanvasRenderingContext2D,
    x: (v) => ((v + half) / (2 * half)) * size,
    y: (v) => ((half - v) / (2 * half)) * size,
    width: size,
    height: size,
    color(name) {
      colors.add(name);
      return resolved(name);
    },
    clear() {
      count("clearRect");
    }
  };
  return {layer, draws, calls, colors, images};
}

/**
 * jsdom has no canvas: Plot.raster paints its pixels on one and inlines them as a data URL, and the particle painter
 * stamps pixels on one. This stand-in keeps the pixels (`pixels()` on the canvas) and writes a checksum of them in
 * the URL, so a raster snapshot still changes when its pixels do.
 */
export function stubCanvas(): void {
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
    let pixels: Uint8ClampedArray = new Uint8ClampedArray(0);
    let fillStyle = "#000000";
    const canvas = Object.assign(this, {
      toDataURL: () => `data:fake;w=${canvas.width};h=${canvas.height};sum=${checksum(pixels)}`,
      pixels: () => new Uint32Array(pixels.slice().buffer)
    });
    return {
      get fillStyle() {
        return fillStyle;
      },
      set fillStyle(v: string) {
        fillStyle = v;
      },
      createImageData: (w: number, h: number) => ({data: new Uint8ClampedArray(4 * w * h), width: w, height: h}),
      putImageData: (image: {data: Uint8ClampedArray}) => {
        pixels = image.data;
      }
    } as unknown as CanvasRenderingContext2D;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext;
}

function checksum(bytes: ArrayLike<number>): string {
  let h = 2166136261;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 16777619) >>> 0;
  return h.toString(16);
}
