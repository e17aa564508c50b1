/**
 * The palette's names. The colours themselves are set once, as `--fd-<name>` variables in slides/runtime/theme.css;
 * SVG marks use `var(--fd-<name>)` (Observable Plot accepts it as a constant colour) and canvas layers read the
 * resolved value (`CanvasLayer.color(name)`, or `resolveColor` here). Each name has one meaning in every deck.
 */
export const colorNames = [
  /** Text, axes and frames. */
  "ink",
  /** Noise, the source distribution, x₀. */
  "source",
  /** Data, the target distribution, x₁. */
  "target",
  /** What a model produced: samples, its field, its density. */
  "model",
  /** Conditional paths and fields u_t(x | z): drawn dashed. */
  "conditional",
  /** Marginal paths and fields u_t(x): drawn solid. */
  "marginal",
  /** Grey for what is not the point: context, earlier states. */
  "muted",
  /** Errors, divergence, warnings. */
  "error",
  /** Hairlines and grids, never data. */
  "rule",
  /** The slide background. */
  "bg",
  /** Links and controls: interface, not data. */
  "accent",
  /** @deprecated The old second series colour, now an alias of `target`. */
  "second"
] as const;

/** A colour of the palette, by meaning. */
export type ColorName = (typeof colorNames)[number];

/** `palette.source === "var(--fd-source)"`: the palette as CSS colours for SVG attributes and Plot options. */
export const palette = Object.fromEntries(colorNames.map((name) => [name, `var(--fd-${name})`])) as {
  readonly [K in ColorName]: `var(--fd-${K})`;
};

/** True for a palette name (so a layer can take either a name or any CSS colour). */
export function isColorName(value: string): value is ColorName {
  return (colorNames as readonly string[]).includes(value);
}

/**
 * A palette colour as the page resolves it (e.g. "#0a66a8"), for what cannot use CSS variables: canvas and raster
 * pixels. Reads `--fd-<name>` on `element` (default: the document's root); any other CSS colour is returned as is.
 * Throws when a palette name is not set, so a missing theme shows instead of drawing black.
 */
export function resolveColor(name: string, element?: Element): string {
  if (!isColorName(name)) return name;
  const root = element ?? document.documentElement;
  const value = getComputedStyle(root).getPropertyValue(`--fd-${name}`).trim();
  if (value === "") throw new Error(`unset colour: --fd-${name} (is slides/runtime/theme.css loaded?)`);
  if (value.startsWith("var(")) return resolveColor(value.slice(9, value.indexOf(")")).trim(), root);
  return value;
}
