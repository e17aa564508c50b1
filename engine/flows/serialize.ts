/**
 * A flow built by `stackFlow` (stack.ts) to and from plain JSON: its block names, hidden width and seed, every
 * parameter array in the order `parameters()` lists them, and ActNorm's one piece of state (whether its data-dependent
 * init has run). Numbers are written as they are (JSON keeps every float64 digit), so a round trip is exact; a
 * writer that wants a smaller file rounds the parameters itself and evaluates the flow it reads back. State that is
 * not a parameter and not ActNorm's flag (a residual block's power-iteration vectors) is rebuilt from the seed, not
 * saved: the file is exact for the deck's coupling, NICE, ActNorm, linear, swap and autoregressive stacks.
 */
import type {ActNorm} from "./actnorm.ts";
import type {Flow} from "./flow.ts";
import {stackFlow} from "./stack.ts";

/** A stacked flow as JSON. */
export interface StackedFlowJson {
  /** Block names in generator order (stack.ts). */
  blocks: string[];
  width: number;
  seed: number;
  /** Every parameter tensor's values, in `flow.parameters()` order. */
  parameters: number[][];
  /** Per block: ActNorm's `initialized` flag, null for the other blocks. */
  initialized: (boolean | null)[];
}

function isActNorm(layer: unknown): layer is ActNorm {
  return typeof layer === "object" && layer !== null && (layer as {name?: string}).name === "actnorm";
}

/** The JSON of a flow made by `stackFlow(blocks, {width, seed})`; throws if the flow has other layers. */
export function flowToJson(f: Flow, blocks: readonly string[], width: number, seed = 0): StackedFlowJson {
  if (f.layers.length !== blocks.length) {
    throw new RangeError(`shape mismatch: ${f.layers.length} layers vs ${blocks.length} blocks`);
  }
  return {
    blocks: blocks.slice(),
    width,
    seed,
    parameters: f.parameters().map((p) => Array.from(p.data)),
    initialized: f.layers.map((l) => (isActNorm(l) ? l.initialized : null))
  };
}

/** The flow a JSON describes: `stackFlow` rebuilt, then every parameter and ActNorm flag set from the file. */
export function flowFromJson(json: StackedFlowJson): Flow {
  if (!(json && Array.isArray(json.blocks) && Array.isArray(json.parameters))) {
    throw new Error("invalid flow json: blocks or parameters missing");
  }
  const f = stackFlow(json.blocks, {width: json.width, seed: json.seed});
  const params = f.parameters();
  if (params.length !== json.parameters.length) {
    throw new RangeError(
      `invalid flow json: ${json.parameters.length} parameter arrays, the flow has ${params.length}`
    );
  }
  params.forEach((p, i) => {
    const values = json.parameters[i]!;
    if (values.length !== p.data.length) {
      throw new RangeError(`invalid flow json: parameter ${i} has ${values.length} values, expected ${p.data.length}`);
    }
    p.data.set(values);
  });
  f.layers.forEach((l, k) => {
    const flag = json.initialized?.[k];
    if (isActNorm(l)) l.initialized = flag ?? true;
  });
  return f;
}
