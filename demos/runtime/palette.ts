/** Demo colours, the same values as the `--fd-*` variables in slides/runtime/theme.css (SVG attributes need literals). */
export const palette = {
  /** Samples, the main data of a figure. */
  accent: "#2f6db3",
  /** A second series, e.g. targets or a reference curve. */
  second: "#d9822b",
  /** Axes and text. */
  ink: "#1d2430"
} as const;
