// Same seed, same stream, in Node and in Chromium: the engine's generator (engine/random.ts and the one module it
// imports, engine/portable-math.ts) is transpiled into one module, run in both, and the first draws of several seeds
// must agree bit for bit.
import {Buffer} from "node:buffer";
import {readFileSync} from "node:fs";
import ts from "typescript";

const transpile = (file) =>
  ts.transpileModule(readFileSync(file, "utf8"), {
    compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022}
  }).outputText;
const source = [transpile("engine/portable-math.ts"), transpile("engine/random.ts").replace(/^import .*$/gm, "")].join(
  "\n"
);

/** The draws compared: every kind of variate, for seeds including 0 and 2³¹. */
function draws(rng) {
  return [0, 1, 42, 2 ** 31].map((seed) => {
    const r = rng(seed);
    const values = [r.uint32(), r.uint32(), r.uniform(), r.normal(), r.normal(), r.normal(), r.rademacher()];
    const normals = Array.from({length: 250}, () => r.normal());
    return [...values, r.int(1000), r.categorical([1, 2, 3]), ...r.permutation(6), ...normals];
  });
}

/** One check: the draws in the page at `url` equal the draws in this Node process. */
export async function checkDeterminism(context, url) {
  const {rng} = await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`);
  const expected = JSON.stringify(draws(rng));
  const page = await context.newPage();
  try {
    await page.goto(url);
    // Evaluated by the test harness, not as a script tag: the site's Content-Security-Policy forbids inline scripts.
    const body = source.replace(/^export /gm, "");
    const actual = await page.evaluate(`(() => {\n${body}\nreturn JSON.stringify((${draws.toString()})(rng));\n})()`);
    const same = actual === expected;
    return {
      name: "the engine's random stream is bit-identical in Chromium and in Node",
      ok: same,
      detail: same ? "265 draws for each of 4 seeds" : `node ${expected} vs chromium ${actual}`
    };
  } finally {
    await page.close();
  }
}
