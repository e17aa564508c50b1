import {resolveColor} from "./palette.ts";
import type {CanvasLayer} from "./spec.ts";

/** A Plot scale as `figure.scale(name)` returns it (continuous scales have `invert`). */
export interface PlotScale {
  apply(value: unknown): number;
  invert?(value: number): unknown;
}

/** What `Plot.plot` returns: an SVG or a figure holding one, with its scales. */
export type PlotFigure = Element & {scale?(name: string): PlotScale | undefined};

/**
 * The figure's plot SVG: the root itself, or the last SVG child of a `<figure>` (legends come first), also once
 * {@link figureFrame} has wrapped it.
 */
export function plotSvg(root: Element): SVGSVGElement | null {
  if (root.localName === "svg") return root as SVGSVGElement;
  const children = root.querySelectorAll<SVGSVGElement>(":scope > svg, :scope > .demo-frame > svg");
  return children[children.length - 1] ?? root.querySelector("svg");
}

/** The SVG's own size from its attributes (layout may be 0 before Reveal lays the slide out, e.g. in print view). */
export function svgSize(svg: SVGSVGElement): {width: number; height: number} {
  const box = svg
    .getAttribute("viewBox")
    ?.split(/[\s,]+/)
    .map(Number);
  const width = Number(svg.getAttribute("width")) || box?.[2] || 640;
  const height = Number(svg.getAttribute("height")) || box?.[3] || 400;
  return {width, height};
}

/** One canvas laid exactly over successive renders of a figure (kept across re-renders, resized when they differ). */
export interface FigureFrame {
  /** `position: relative` box sized like the SVG; holds the SVG and the canvas. */
  readonly wrapper: HTMLDivElement;
  readonly canvas: HTMLCanvasElement | undefined;
  /** The layer of the figure placed last (undefined without a canvas or where 2D canvases are missing, e.g. jsdom). */
  readonly layer: CanvasLayer | undefined;
  /** Wraps the figure's SVG with the canvas; returns what to insert in the page in place of `root`. */
  place(root: Element): Element;
}

/**
 * Lays a canvas over a Plot figure: its backing store is the SVG's width/height attributes times the device pixel
 * ratio, and it is CSS-positioned at 0,0 with 100% width and height inside a wrapper whose aspect is the SVG's, so
 * scaling the figure with CSS keeps the two aligned. The canvas takes no pointer events (drags go to the SVG).
 * `colorSource` is the element whose `--fd-<name>` variables the palette reads.
 */
export function figureFrame(doc: Document, withCanvas: boolean, colorSource: () => Element): FigureFrame {
  const wrapper = doc.createElement("div");
  wrapper.className = "demo-frame";
  const canvas = withCanvas ? doc.createElement("canvas") : undefined;
  if (canvas) {
    canvas.className = "demo-canvas";
    canvas.setAttribute("aria-hidden", "true");
  }
  let layer: CanvasLayer | undefined;
  // Colours by name, read once per frame box (the theme does not change under a demo): reading computed styles after
  // every re-render forced a style recalculation each time (measured in the render benchmark).
  const colors = new Map<string, string>();

  function place(root: Element): Element {
    const svg = plotSvg(root);
    if (!svg) return root;
    const {width, height} = svgSize(svg);
    // The scales belong to the Plot figure the SVG came from: the SVG itself, or the <figure> around it, or the root
    // (an element holding several figures, e.g. a plot and a loss curve, lays the canvas over its last one).
    const owner = [svg, svg.parentElement, root].find((e) => typeof (e as PlotFigure | null)?.scale === "function");
    wrapper.style.aspectRatio = `${width} / ${height}`;
    // The figure's natural width caps the frame's (controls.css), unless a layout lets it grow (layout-full).
    wrapper.style.setProperty("--fd-frame-width", `${width}px`);
    wrapper.style.setProperty("--fd-frame-aspect", String(width / height));
    if (svg !== root) svg.replaceWith(wrapper);
    wrapper.replaceChildren(svg);
    if (canvas) {
      wrapper.append(canvas);
      layer = makeLayer(canvas, (owner ?? root) as PlotFigure, width, height, colorSource(), colors);
    }
    return svg === root ? wrapper : root;
  }

  return {
    wrapper,
    canvas,
    get layer() {
      return layer;
    },
    place
  };
}

function makeLayer(
  canvas: HTMLCanvasElement,
  figure: PlotFigure,
  width: number,
  height: number,
  colorSource: Element,
  colors: Map<string, string>
): CanvasLayer | undefined {
  const ratio = canvas.ownerDocument.defaultView?.devicePixelRatio || 1;
  const w = Math.round(width * ratio);
  const h = Math.round(height * ratio);
  // Setting a canvas's size clears it and resets its context: only do it when the size changed.
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  let context: CanvasRenderingContext2D | null = null;
  try {
    context = canvas.getContext("2d");
  } catch {
    context = null;
  }
  if (!context) return undefined;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  const x = figure.scale?.("x");
  const y = figure.scale?.("y");
  // Colours come from the theme's --fd-* variables, aliases followed (cached by the frame box).
  const ctx = context;
  return {
    context: ctx,
    width,
    height,
    x: (value) => (x ? x.apply(value) : value),
    y: (value) => (y ? y.apply(value) : value),
    color(name) {
      let color = colors.get(name);
      if (color === undefined) {
        color = resolveColor(name, colorSource);
        colors.set(name, color);
      }
      return color;
    },
    clear() {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.restore();
    }
  };
}

/** An `<img>` of the canvas's pixels, laid where the canvas was (print view's clones blank canvases, not images). */
export function canvasImage(canvas: HTMLCanvasElement): HTMLImageElement {
  const image = canvas.ownerDocument.createElement("img");
  image.className = canvas.className;
  image.alt = "";
  image.src = canvas.toDataURL("image/png");
  return image;
}
