import {describe, expect, it} from "vitest";
import {defaults, parseValues, type Value} from "../../engine/options/schema.ts";
import {demoIds, loadDemo} from "../../demos/index.ts";
import {exampleSlug, examplesOf} from "../../demos/runtime/examples.ts";
import {resolveOptions} from "../../demos/runtime/options.ts";
import type {DemoExample, DemoSpec} from "../../demos/runtime/spec.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";

// The demo gallery's definitions as snapshot tests: every demo of the registry, at its defaults and at each of its
// examples, computed by its `snapshot` (the frame print view shows) and drawn by `render`, into test/output/gallery-*.

const specs = await Promise.all(demoIds.map((id) => loadDemo(id)));
// Raster layers read the palette's colours from the page, as on a slide, and paint on a (fake) canvas.
loadTheme();
stubCanvas();

/** Options and state of an example, read as the page reads them (attributes, then a declared state). */
function settings(spec: DemoSpec, example?: DemoExample) {
  const options = resolveOptions(spec.options, example?.options ?? {});
  spec.check?.(options);
  const where = `example ${JSON.stringify(example?.name)}`;
  const state = {...defaults(spec.state), ...parseValues(spec.state, example?.state ?? {}, where, "state key")};
  return {options, state: state as Record<string, Value>};
}

describe("the demo gallery's snapshots", () => {
  for (const spec of specs) {
    const cases = [undefined, ...examplesOf(spec)];
    for (const example of cases) {
      const name = `gallery-${spec.id}${example ? `-${exampleSlug(example.name)}` : ""}`;
      const title = `${spec.id}, ${example ? `example "${example.name}"` : "defaults"}`;
      if (!spec.snapshot) {
        it.skip(`${title}: no snapshot(), so no frame to draw without the worker`, () => {});
        continue;
      }
      it(`${title} → test/output/${name}.svg`, () => {
        const {options, state} = settings(spec, example);
        const figure = spec.render(spec.snapshot!(options, state), options, state);
        expect(figure.localName === "svg" || figure.querySelector("svg") !== null).toBe(true);
        expectSvgSnapshot(name, figure);
      });
    }
  }
});

describe("examples", () => {
  it("have names that give distinct slugs, in every demo", () => {
    for (const spec of specs) expect(() => examplesOf(spec)).not.toThrow();
  });

  it("refuse an empty name and two names with the same slug", () => {
    const spec = specs[0]!;
    expect(() => examplesOf({...spec, examples: [{name: "!!"}]})).toThrow(/invalid example name: "!!"/);
    expect(() => examplesOf({...spec, examples: [{name: "Two words"}, {name: "two-words"}]})).toThrow(
      /two examples named two-words/
    );
    expect(exampleSlug("Wide, unlabelled (σ = 2)")).toBe("wide-unlabelled-2");
  });
});
