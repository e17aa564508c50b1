import {readFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {colorNames, isColorName, palette, resolveColor} from "../../../demos/runtime/palette.ts";
import {loadTheme} from "../theme.ts";

const theme = readFileSync(join(import.meta.dirname, "..", "..", "..", "slides", "runtime", "theme.css"), "utf8");

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const v = parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

beforeAll(loadTheme);

describe("palette", () => {
  it("names CSS variables that theme.css sets, once each (the colours are kept in one place)", () => {
    for (const name of colorNames) {
      expect(theme.match(new RegExp(`--fd-${name}:`, "g")), name).toHaveLength(1);
      expect(palette[name]).toBe(`var(--fd-${name})`);
    }
  });

  it("resolves names from the page's CSS, through aliases, and leaves other colours alone", () => {
    expect(resolveColor("source")).toMatch(/^#[0-9a-f]{6}$/);
    expect(resolveColor("second")).toBe(resolveColor("target"));
    expect(resolveColor("#abcdef")).toBe("#abcdef");
    expect(isColorName("model")).toBe(true);
    expect(isColorName("accentuate")).toBe(false);
  });

  it("passes WCAG AA (4.5:1) on the slide background for every colour that carries meaning", () => {
    const bg = resolveColor("bg");
    for (const name of ["ink", "source", "target", "model", "conditional", "marginal", "muted", "error", "accent"]) {
      expect(contrast(resolveColor(name), bg), name).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("says which variable is missing when the theme is not loaded", () => {
    document.getElementById("fd-theme")!.remove();
    try {
      expect(() => resolveColor("model")).toThrow(/unset colour: --fd-model/);
    } finally {
      loadTheme();
    }
  });
});
