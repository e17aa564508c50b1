import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {renderCode} from "../../../../slides/runtime/build/code.ts";
import {readDeck} from "../../../../slides/runtime/build/decks.ts";
import {extractDeclaration} from "../../../../slides/runtime/build/extract.ts";
import {highlight, maybeLanguage} from "../../../../slides/runtime/build/highlight/index.ts";
import {deckPage} from "../../../../slides/runtime/build/vite-plugin.ts";

const SOURCE = `import {x} from "./x.ts";

/** Not this one. */
export const other = 1;

/**
 * The straight path: x_t = (1 - t) x0 + t x1, costs $5 in $dollars$.
 * @param t time
 */
export function straight(t: number): number {
  return (1 - t) * 0 + t * 1;
}

export function overloaded(a: string): string;
export function overloaded(a: number): number;
export function overloaded(a: unknown): unknown {
  return a;
}

export interface Trainer {
  /** Takes n steps. */
  step(n?: number): number;
  readonly steps: number;
}

export class Model {
  /** Forward pass. */
  forward(x: number): number {
    return x * 2;
  }
}

export const registry = {
  /** The first. */
  first: 1,
  second() {
    return 2;
  }
};

export function factory() {
  let count = 0;
  /** One step. */
  function one(): number {
    return ++count;
  }
  return {
    step(n = 1) {
      for (let i = 0; i < n; i++) one();
      return count;
    }
  };
}
`;

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "code-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), {recursive: true});
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("extractDeclaration", () => {
  it("cuts a top-level function out by name, starting at its JSDoc, with its line numbers", () => {
    const {code, lines} = extractDeclaration(SOURCE, "straight");
    expect(code).toBe(
      SOURCE.slice(SOURCE.indexOf("/**\n * The straight"), SOURCE.indexOf("}\n\nexport function over") + 1)
    );
    expect(code.startsWith("/**")).toBe(true);
    expect(lines).toEqual([6, 12]);
  });

  it("takes every overload of a function, and interfaces, classes and consts by name", () => {
    expect(extractDeclaration(SOURCE, "overloaded").code.match(/export function overloaded/g)).toHaveLength(3);
    expect(extractDeclaration(SOURCE, "Trainer").code).toMatch(/^export interface Trainer \{[\s\S]*\}$/);
    expect(extractDeclaration(SOURCE, "other").code).toBe("/** Not this one. */\nexport const other = 1;");
  });

  it("takes name.member from interfaces, classes, object literals and factories, dedented", () => {
    expect(extractDeclaration(SOURCE, "Trainer.step").code).toBe("/** Takes n steps. */\nstep(n?: number): number;");
    expect(extractDeclaration(SOURCE, "Model.forward").code).toBe(
      "/** Forward pass. */\nforward(x: number): number {\n  return x * 2;\n}"
    );
    expect(extractDeclaration(SOURCE, "registry.first").code).toBe("/** The first. */\nfirst: 1");
    expect(extractDeclaration(SOURCE, "factory.one").code).toContain(
      "/** One step. */\nfunction one(): number {\n  return ++count;\n}"
    );
    expect(extractDeclaration(SOURCE, "factory.step").code).toMatch(/^step\(n = 1\) \{\n {2}for /);
  });

  it("names the file and what it declares when a name is unknown", () => {
    expect(() => extractDeclaration(SOURCE, "nope", "engine/x.ts")).toThrow(
      "no declaration nope in engine/x.ts (it declares: other, straight, overloaded, Trainer, Model, registry, factory)"
    );
    expect(() => extractDeclaration(SOURCE, "Trainer.nope", "engine/x.ts")).toThrow(
      "no member Trainer.nope in engine/x.ts (Trainer has: step, steps)"
    );
  });
});

describe("highlight", () => {
  it("marks TypeScript tokens with highlight.js class names, JSDoc tags and template literals included", () => {
    const html = highlight(
      "/** @param t */\nconst s = `a${t}b`; // x < y\nfunction f(type?: number) { return /a\\/b/g; }",
      "typescript"
    );
    expect(html).toContain('<span class="hljs-comment">/** <span class="hljs-doctag">@param</span> t */</span>');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain('<span class="hljs-string">`a${</span>t<span class="hljs-string">}b`</span>');
    expect(html).toContain('<span class="hljs-comment">// x &lt; y</span>');
    expect(html).toContain('<span class="hljs-title function_">f</span>');
    expect(html).toContain('type?: <span class="hljs-built_in">number</span>');
    expect(html).toContain('<span class="hljs-regexp">/a\\/b/g</span>');
  });

  it("marks Python tokens: keywords, defs, strings, comments, numbers, decorators, literals", () => {
    const html = highlight(
      '@torch.no_grad()\ndef f(x):\n    """Doc."""\n    return x @ w * 2.5 if x else None  # ok',
      "python"
    );
    expect(html).toContain('<span class="hljs-meta">@torch.no_grad</span>');
    expect(html).toContain('<span class="hljs-keyword">def</span> <span class="hljs-title function_">f</span>');
    expect(html).toContain('<span class="hljs-string">&quot;&quot;&quot;Doc.&quot;&quot;&quot;</span>');
    expect(html).toContain("x @ w * <span");
    expect(html).toContain('<span class="hljs-number">2.5</span>');
    expect(html).toContain('<span class="hljs-literal">None</span>');
    expect(html).toContain('<span class="hljs-comment"># ok</span>');
  });

  it("keeps the text: stripping the tags gives back the escaped code", () => {
    const code = 'const a = "<b>" && x > 1; // $x$';
    const text = highlight(code, "typescript").replace(/<[^>]+>/g, "");
    expect(text).toBe(code.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"));
  });

  it("knows languages by name and alias and rejects others by name", () => {
    expect(maybeLanguage("TS")).toBe("typescript");
    expect(maybeLanguage("py")).toBe("python");
    expect(() => maybeLanguage("rust")).toThrow("invalid language: rust (typescript, python or text)");
  });
});

describe("renderCode", () => {
  const root = project({"engine/paths/straight.ts": SOURCE});
  const panel = (inner: string) => `<section><div class="code-panel" data-id="m-code">${inner}</div></section>`;

  it("turns each <pre> into a tab: the quoted declaration, highlighted, then written code; the first tab shows", () => {
    const {html, errors, files} = renderCode(
      panel(
        `<pre data-source="engine/paths/straight.ts#straight"></pre>` +
          `<pre data-lang="python" data-tab="PyTorch">\n    xt = (1 - t) * x0 + t * x1\n    if a &lt; b: pass\n  </pre>`
      ),
      {root}
    );
    expect(errors).toEqual([]);
    expect(files).toEqual([join(root, "engine/paths/straight.ts")]);
    document.body.innerHTML = html;
    const tabs = [...document.querySelectorAll('[role="tab"]')];
    expect(tabs.map((t) => t.textContent)).toEqual(["straight", "PyTorch"]);
    expect(tabs.map((t) => t.getAttribute("aria-selected"))).toEqual(["true", "false"]);
    const panels = [...document.querySelectorAll<HTMLElement>('[role="tabpanel"]')];
    expect(panels.map((p) => p.hidden)).toEqual([false, true]);
    expect(panels[0]!.querySelector("code.language-typescript span.hljs-keyword")).not.toBeNull();
    expect(panels[0]!.textContent).toContain("export function straight(t: number): number {");
    expect(panels[0]!.querySelector(".code-origin")?.textContent).toBe("engine/paths/straight.ts, lines 6–12");
    expect(panels[1]!.querySelector("code")?.textContent).toBe("xt = (1 - t) * x0 + t * x1\nif a < b: pass");
    expect(document.querySelector(".code-panel")?.getAttribute("data-id")).toBe("m-code");
  });

  it("shows a missing file, an unknown name or language as a .code-error box in its tab, shown, and an error", () => {
    const {html, errors} = renderCode(
      panel(
        `<pre data-lang="python">x = 1</pre>` +
          `<pre data-source="engine/nope.ts#f"></pre>` +
          `<pre data-source="engine/paths/straight.ts#nope"></pre>` +
          `<pre data-lang="cobol">x</pre>` +
          `<pre data-source="../outside.ts#f"></pre>`
      ),
      {root}
    );
    expect(errors).toEqual([
      "code panel: no such file: engine/nope.ts",
      expect.stringMatching(/^code panel: no declaration nope in engine\/paths\/straight\.ts \(it declares: other, /),
      "code panel: invalid language: cobol (typescript, python or text)",
      "code panel: invalid data-source: ../outside.ts#f (a path inside the project)"
    ]);
    document.body.innerHTML = html;
    expect(document.querySelectorAll(".code-error")).toHaveLength(4);
    const shown = document.querySelector<HTMLElement>('[role="tabpanel"]:not([hidden])');
    expect(shown?.querySelector(".code-error")?.textContent).toBe("no such file: engine/nope.ts");
  });

  it("leaves panels inside comments alone and numbers panels so their ids differ", () => {
    const {html} = renderCode(
      `<!-- <div class="code-panel"><pre>a</pre></div> -->` + panel("<pre>a</pre>") + panel("<pre>b</pre>"),
      {root}
    );
    expect(html.startsWith(`<!-- <div class="code-panel"><pre>a</pre></div> -->`)).toBe(true);
    expect(html).toContain('id="code-1-panel-1"');
    expect(html).toContain('id="code-2-panel-1"');
  });
});

describe("deckPage with code panels", () => {
  it("never typesets a $ inside code, quoted or written, while math around it is typeset", () => {
    const root = project({
      "engine/paths/straight.ts": SOURCE,
      "slides/talk/deck.json": JSON.stringify({title: "T"}),
      "slides/talk/slides.html": panel2()
    });
    const warnings: string[] = [];
    const sources: string[] = [];
    const html = deckPage(readDeck(root, "slides", "talk"), (m) => warnings.push(m), {
      root,
      onSource: (file) => sources.push(file)
    });
    expect(warnings).toEqual([]);
    expect(sources).toEqual([join(root, "engine/paths/straight.ts")]);
    document.documentElement.innerHTML = html;
    expect(document.querySelectorAll(".katex")).toHaveLength(1);
    const code = [...document.querySelectorAll(".code-panel code")].map((c) => c.textContent);
    expect(code[0]).toContain("costs $5 in $dollars$.");
    expect(code[1]).toBe("price = f'$x$ and $y$'");
  });

  it("warns with the deck's slug for a missing declaration", () => {
    const root = project({
      "slides/talk/deck.json": JSON.stringify({title: "T"}),
      "slides/talk/slides.html": `<section><div class="code-panel"><pre data-source="engine/gone.ts#f"></pre></div></section>`
    });
    const warnings: string[] = [];
    deckPage(readDeck(root, "slides", "talk"), (m) => warnings.push(m), {root});
    expect(warnings).toEqual(["talk: code panel: no such file: engine/gone.ts"]);
  });
});

function panel2(): string {
  return (
    `<section><p>$x_t$</p><div class="code-panel">` +
    `<pre data-source="engine/paths/straight.ts#straight"></pre>` +
    `<pre data-lang="py">price = f'$x$ and $y$'</pre></div></section>`
  );
}
