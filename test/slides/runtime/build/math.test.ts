import {describe, expect, it} from "vitest";
import {renderMath} from "../../../../slides/runtime/build/math.ts";

describe("renderMath", () => {
  it("typesets $…$ inline and $$…$$ display math with KaTeX", () => {
    const {html, errors} = renderMath("<p>Let $x^2$ be</p>\n$$\\int_0^1 f(t)\\,dt$$");
    expect(errors).toEqual([]);
    const doc = new DOMParser().parseFromString(html, "text/html");
    expect(doc.querySelectorAll(".katex")).toHaveLength(2);
    expect(doc.querySelectorAll(".katex-display")).toHaveLength(1);
    expect(doc.querySelector("p")?.textContent).toMatch(/^Let .*x.*2.* be$/);
    expect(html).not.toContain("$");
  });

  it("leaves money, escaped dollars, code and comments alone", () => {
    const source = "<p>costs $5 or $10, \\$x\\$</p><code>$a$</code><pre>$$b$$</pre><!-- $c$ -->";
    const {html, errors} = renderMath(source);
    expect(errors).toEqual([]);
    expect(html).toBe("<p>costs $5 or $10, $x$</p><code>$a$</code><pre>$$b$$</pre><!-- $c$ -->");
  });

  it("decodes HTML entities in the formula source", () => {
    const {html} = renderMath("$a &lt; b$");
    expect(html).toContain("<mo>&lt;</mo>");
  });

  it("renders \\htmlData ids (morph and auto-animate) and nothing else trusted", () => {
    const {html, errors} = renderMath("$\\htmlData{mid=xt}{x_t} + \\htmlData{id=m-a}{a}$ $\\href{https://x.org}{y}$");
    expect(html).toContain('data-mid="xt"');
    expect(html).toContain('data-id="m-a"');
    expect(html).not.toContain('https://x.org"');
    expect(errors).toEqual([]);
  });

  it("turns malformed math into a visible .katex-error and one error line, without throwing", () => {
    const {html, errors} = renderMath("<p>ok $x$, broken $\\frac{1}{$</p>");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/frac/);
    const doc = new DOMParser().parseFromString(html, "text/html");
    expect(doc.querySelectorAll(".katex-error")).toHaveLength(1);
    expect(doc.querySelector(".katex-error")?.textContent).toBe("\\frac{1}{");
  });
});
