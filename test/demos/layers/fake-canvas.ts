import type {CanvasLayer} from "../../../demos/runtime/spec.ts";

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

/** A canvas layer over [-4, 4]² on a 400×400 frame whose context records what is drawn (no pixels). */
export function recordingLayer(size = 400, half = 4) {
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
    clearRect: () => count("clearRect")
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
      return `resolved(${name})`;
    },
    clear() {
      count("clearRect");
    }
  };
  return {layer, draws, calls, colors};
}

/**
 * jsdom has no canvas: Plot.raster paints its pixels on one and inlines them as a data URL. This stand-in keeps the
 * pixels and writes a checksum of them in the URL, so a raster snapshot still changes when its pixels do.
 */
export function stubRasterCanvas(): void {
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
    let pixels = new Uint8ClampedArray(0);
    const {width, height} = this;
    this.toDataURL = () => `data:fake;w=${width};h=${height};sum=${checksum(pixels)}`;
    return {
      createImageData: (w: number, h: number) => ({data: new Uint8ClampedArray(4 * w * h), width: w, height: h}),
      putImageData: (image: {data: Uint8ClampedArray}) => {
        pixels = image.data;
      }
    } as unknown as CanvasRenderingContext2D;
  } as typeof HTMLCanvasElement.prototype.getContext;
}

function checksum(bytes: Uint8ClampedArray): string {
  let h = 2166136261;
  for (const b of bytes) h = Math.imul(h ^ b, 16777619) >>> 0;
  return h.toString(16);
}
