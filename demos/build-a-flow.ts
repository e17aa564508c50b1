import * as Plot from "@observablehq/plot";
import {dataset} from "../engine/data/registry.ts";
import {text, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {nfTrainOptions} from "../engine/tasks/nf-train-options.ts";
import type {NfTrainFrame} from "../engine/tasks/nf-train.ts";
import {svgColor} from "./layers/conventions.ts";
import {densityContours, densityRaster} from "./layers/density.ts";
import {figure} from "./layers/figure.ts";
import {lossCurve} from "./layers/loss-curve.ts";
import {particles} from "./layers/particles.ts";
import type {DemoSpec} from "./runtime/spec.ts";

/** The blocks a viewer can add (engine/flows/stack.ts names), with a button label and their Jacobian pattern. */
export const buildableBlocks = {
  "coupling-1": {label: "coupling 1→2", title: "affine coupling: keeps z₁, scales and shifts z₂", pattern: "1 0 * d"},
  "coupling-2": {label: "coupling 2→1", title: "affine coupling: keeps z₂, scales and shifts z₁", pattern: "d * 0 1"},
  actnorm: {label: "actnorm", title: "actnorm: x = s ⊙ z + b, one scale per coordinate", pattern: "d 0 0 d"},
  linear: {
    label: "2×2 linear",
    title: "invertible 2×2 linear map (the 2D '1×1 conv'), here in its L factor",
    pattern: "d 0 * d"
  },
  swap: {label: "swap", title: "permutation: exchanges z₁ and z₂, |det P| = 1", pattern: "0 1 1 0"}
} as const;

export type BuildableBlock = keyof typeof buildableBlocks;

/** The most blocks a stack may hold. */
export const MAX_BLOCKS = 8;

/** The stack the slide opens with: one coupling layer, the same with its mask flipped, twice, after an actnorm. */
export const DEFAULT_BLOCKS = "actnorm,coupling-1,coupling-2,coupling-1,coupling-2";

const options = {
  ...nfTrainOptions,
  blocks: text(DEFAULT_BLOCKS, "the stack in generator order (the first block acts first on z), comma-separated", 200)
};

const state = {};

export type BuildAFlowOptions = Values<typeof options>;

/** The block names of a stack text ("actnorm, coupling-1"), trimmed, empty entries dropped. */
export function stackNames(blocks: string): string[] {
  return blocks
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
}

/** Checks a stack text: 1 to MAX_BLOCKS known blocks; throws a RangeError naming `blocks`. */
export function checkBlocks(blocks: string): void {
  const names = stackNames(blocks);
  if (names.length === 0) throw new RangeError("invalid blocks: the stack is empty (add a block)");
  if (names.length > MAX_BLOCKS) throw new RangeError(`invalid blocks: ${names.length} blocks (at most ${MAX_BLOCKS})`);
  for (const name of names) {
    if (!Object.hasOwn(buildableBlocks, name)) {
      throw new RangeError(`invalid blocks: unknown block ${name} (one of ${Object.keys(buildableBlocks).join(", ")})`);
    }
  }
}

/** The stack text after a button: add a block (up to MAX_BLOCKS), remove the last, or clear to one coupling. */
export function editStack(blocks: string, action: BuildableBlock | "remove" | "clear"): string {
  const names = stackNames(blocks);
  if (action === "clear") return "coupling-1";
  if (action === "remove") return (names.length > 1 ? names.slice(0, -1) : names).join(",");
  return (names.length < MAX_BLOCKS ? [...names, action] : names).join(",");
}

/** What the task receives for these options: nf-train's own options, the stack as its `blocks`. */
export function taskOptions(o: BuildAFlowOptions): Record<string, string | number | boolean> {
  return {...o, blocks: stackNames(o.blocks).join(",")};
}

/** A static view before anything trained (print, previews, the gallery): the data alone. */
export type BuildAFlowStill = {still: true; data: Float32Array; extent: Float64Array; entropy: number};
/**
 * Print and the speaker previews on moons: the RealNVP deck 2 ships (engine/weights/realnvp-moons.json), its recorded
 * loss, its final density and the latent images of its held-out points, with what it is in words.
 */
export type BuildAFlowRecorded = BuildAFlowStill & {
  recorded: {
    /** Two short lines for the loss panel, and the longer words of the text alternative. */
    caption: string;
    detail: string;
    grid: number;
    density: Float32Array;
    latent: Float32Array;
    lossSteps: Float64Array;
    lossValues: Float64Array;
    steps: number;
  };
};
type Frame = NfTrainFrame | BuildAFlowStill | BuildAFlowRecorded;

const isLive = (frame: Frame | undefined): frame is NfTrainFrame => frame !== undefined && !("still" in frame);

/** What the panels draw of a trained model: the live run's newest pictures, or the shipped run's last checkpoint. */
function trained(frame: Frame | undefined) {
  if (frame && "recorded" in frame) return {...frame.recorded, data: frame.data};
  if (!isLive(frame) || frame.picturesStep < 0) return undefined;
  const {grid, density, latent, lossSteps, lossValues, data} = frame;
  return {
    caption: undefined,
    detail: undefined,
    grid,
    density,
    latent,
    lossSteps,
    lossValues,
    steps: frame.progress.steps,
    data
  };
}

/** The still on moons: the shipped RealNVP's recorded run (a lazy import: its JSON loads with this view only). */
async function recordedStill(o: BuildAFlowOptions, data: BuildAFlowStill): Promise<Frame> {
  const {recording} = await import("./nf/recording.ts");
  if (dataset(o.dataset).name !== recording.dataset) return data;
  const last = recording.checkpoints.at(-1)!;
  const couplings = recording.recipe.blocks.filter((b) => b.startsWith("coupling")).length;
  const e = recording.evaluation;
  return {
    ...data,
    data: Float32Array.from(recording.points),
    extent: Float64Array.from(recording.grid.extent),
    recorded: {
      caption: `shipped RealNVP, test NLL ${fmt(e.nll)}\nthe slide trains your stack live`,
      detail: `the shipped RealNVP (actnorm + ${couplings} couplings, ${last.step} steps), test NLL ${fmt(e.nll)}`,
      grid: recording.grid.n,
      density: Float32Array.from(last.density),
      latent: Float32Array.from(last.latent),
      lossSteps: Float64Array.from(recording.loss.steps),
      lossValues: Float64Array.from(recording.loss.values),
      steps: last.step
    }
  };
}

const STILL_N = 500;
const PANEL = 220;
const LOSS: readonly [number, number] = [400, 254];
/** The data panel is wider: the moons' plane is 4.5 × 3. */
const DATA_WIDTH = 340;
const LATENT = 3.5;

/** N(0, I) on a grid over the latent panel, for its contours. */
function normalGrid(n = 40) {
  const values = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const u = -LATENT + ((i + 0.5) * 2 * LATENT) / n;
      const v = -LATENT + ((j + 0.5) * 2 * LATENT) / n;
      values[j * n + i] = Math.exp(-0.5 * (u * u + v * v)) / (2 * Math.PI);
    }
  }
  return {nx: n, ny: n, extent: [-LATENT, LATENT, -LATENT, LATENT] as const, values};
}

/** A 2×2 Jacobian pattern as a tiny icon: 1 (identity entry), 0, d (a diagonal scale), * (anything). */
export function jacobianIcon(doc: Document, pattern: string): HTMLElement {
  const icon = doc.createElement("span");
  icon.className = "jacobian-icon";
  icon.setAttribute("aria-hidden", "true");
  for (const entry of pattern.split(" ")) {
    const cell = doc.createElement("span");
    cell.className = {"1": "j-one", "0": "j-zero", d: "j-diag", "*": "j-full"}[entry] ?? "j-full";
    icon.append(cell);
  }
  return icon;
}

/** Writes a new stack into the demo's `blocks` control, which restarts the training as a control does. */
function pushStack(from: Element, next: string): void {
  const input = from.closest(".demo-output")?.querySelector<HTMLInputElement>('.demo-controls input[name="blocks"]');
  if (!input) return;
  input.value = next;
  input.dispatchEvent(new Event("change", {bubbles: true}));
}

/** The block buttons and the stack drawn as chips, each with its Jacobian icon. */
function builder(doc: Document, blocks: string): HTMLElement {
  const wrap = doc.createElement("div");
  wrap.className = "block-builder";
  const buttons = doc.createElement("div");
  buttons.className = "block-buttons";
  const actions: [BuildableBlock | "remove" | "clear", string, string][] = [
    ...Object.entries(buildableBlocks).map(
      ([k, b]) => [k as BuildableBlock, `+ ${b.label}`, b.title] as [BuildableBlock, string, string]
    ),
    ["remove", "remove last", "remove the last block"],
    ["clear", "clear", "start again from one coupling layer"]
  ];
  for (const [action, label, title] of actions) {
    const b = doc.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    b.dataset.block = action;
    b.addEventListener("click", () => pushStack(b, editStack(blocks, action)));
    buttons.append(b);
  }
  const stack = doc.createElement("ol");
  stack.className = "block-stack";
  stack.setAttribute("aria-label", "the stack, first block acting first on z");
  for (const name of stackNames(blocks)) {
    const block = buildableBlocks[name as BuildableBlock];
    const chip = doc.createElement("li");
    chip.title = block?.title ?? name;
    chip.append(jacobianIcon(doc, block?.pattern ?? "* * * *"), doc.createTextNode(block?.label ?? name));
    stack.append(chip);
  }
  wrap.append(buttons, stack);
  return wrap;
}

const fmt = (v: number | undefined, digits = 2) => (v === undefined || !Number.isFinite(v) ? "–" : v.toFixed(digits));

function square(label: string, title: string, extent: readonly number[], marks: Plot.Markish[], width = PANEL) {
  return figure({
    label,
    size: [width, PANEL + 34],
    equal: true,
    marginTop: 34,
    marginBottom: 6,
    marginLeft: 6,
    marginRight: 6,
    x: {domain: [extent[0]!, extent[1]!], axis: null},
    y: {domain: [extent[2]!, extent[3]!], axis: null},
    marks: [
      ...marks,
      Plot.frame({stroke: svgColor("muted"), strokeOpacity: 0.5}),
      Plot.text([title], {frameAnchor: "top", dy: -20, fontSize: 21})
    ]
  });
}

function lossPanel(frame: Frame | undefined): Element {
  const live = trained(frame);
  const floor = frame?.entropy ?? NaN;
  const steps = live?.lossSteps ?? new Float64Array(0);
  const losses = live?.lossValues ?? new Float64Array(0);
  const top = Number.isFinite(floor) ? floor + 2.5 : 4;
  const bottom = Number.isFinite(floor) ? floor - 0.4 : 0;
  const floorOptions = Number.isFinite(floor) ? {floor, floorLabel: `H(q) ${floor.toFixed(2)}`} : {};
  return figure({
    label: "loss: mean negative log-likelihood of a batch (nats) against step, above the data's entropy H(q)",
    size: LOSS,
    marginTop: 40,
    marginRight: 16,
    marginLeft: 70,
    marginBottom: 50,
    x: {label: "step", domain: [0, Math.max(live?.steps ?? 0, 50)], ticks: 3},
    y: {label: "NLL (nats)", domain: [bottom, top], ticks: 4},
    marks: [
      steps.length > 0
        ? lossCurve(
            steps,
            Array.from(losses, (v) => Math.min(v, top)),
            floorOptions
          )
        : lossCurve([0], [NaN], floorOptions),
      Plot.text([live?.caption ?? (live ? `step ${live.steps}` : "trains live on the slide")], {
        frameAnchor: "top-left",
        dy: -30,
        fontSize: 20,
        lineAnchor: "top"
      }),
      live && !live.caption
        ? Plot.text([`−log p = ${fmt(live.lossValues.at(-1))}`], {
            frameAnchor: "top-right",
            dy: -30,
            fontSize: 20,
            lineAnchor: "top",
            fill: svgColor("model")
          })
        : null
    ]
  });
}

/**
 * Build-a-flow (slide D2.13): the viewer composes a stack from buttons (couplings either way, actnorm, a 2×2 linear
 * map, a swap; up to eight blocks), sees each block's Jacobian pattern, and the engine worker trains it live on moons
 * by maximum likelihood with the shared nf-train task. Panels: the model's density over held-out data (data side x),
 * the data sent through g = f⁻¹ over N(0, I)'s contours (noise side z), and the loss above the entropy floor H(q).
 */
export const buildAFlow: DemoSpec<typeof options, typeof state, Frame> = {
  id: "build-a-flow",
  description: "compose a flow from coupling, actnorm, linear and swap blocks and train it live on moons",
  options,
  state,
  controls: ["blocks", "lr"],
  player: true,
  check: (o) => checkBlocks(o.blocks),
  task: (o) => ({task: "nf-train", options: taskOptions(o)}),
  examples: [
    {name: "one coupling", options: {blocks: "coupling-1"}},
    {name: "glow-like", options: {blocks: "actnorm,linear,coupling-1,actnorm,linear,coupling-2"}}
  ],
  snapshot(o) {
    const q = dataset(o.dataset);
    return {
      still: true,
      data: new Float32Array(q.sample(STILL_N, rng(o.seed + 15485863))),
      extent: Float64Array.from(q.extent),
      entropy: q.entropy ?? NaN
    };
  },
  still(o, state) {
    return recordedStill(o, this.snapshot!(o, state) as BuildAFlowStill);
  },
  renderKeys: [],
  render(frame, o) {
    const doc = document;
    const extent = frame ? Array.from(frame.extent) : [-2, 3, -1.5, 2];
    const live = trained(frame);
    const dataPanel = square(
      "data side x: the model's density p_X (purple) over held-out moons data (orange)",
      "data x: p_X and data",
      extent,
      [
        live
          ? densityRaster(
              {nx: live.grid, ny: live.grid, extent: extent as [number, number, number, number], values: live.density},
              {color: "model", opacity: 0.85}
            )
          : null,
        frame ? particles(frame.data, {color: "target", symbol: "diamond", r: 1.6, opacity: 0.5}) : null
      ],
      DATA_WIDTH
    );
    const latentPanel = square(
      "noise side z: the held-out data sent through g = f⁻¹, over the contours of N(0, I)",
      "noise z = g(x)",
      [-LATENT, LATENT, -LATENT, LATENT],
      [
        densityContours(normalGrid(), {kind: "source", thresholds: 4, strokeWidth: 1.5}),
        live ? particles(live.latent, {color: "model", r: 1.6, opacity: 0.6}) : null
      ]
    );
    const panels = doc.createElement("div");
    panels.className = "demo-panels panels-natural panels-ltr";
    panels.append(dataPanel, latentPanel, lossPanel(frame));
    const root = doc.createElement("div");
    root.className = "demo-stack";
    root.append(builder(doc, o.blocks), panels);
    return root;
  },
  describe(frame, o) {
    const names = stackNames(o.blocks).join(" → ");
    const what = `a flow of ${stackNames(o.blocks).length} blocks (${names}) trained by maximum likelihood on ${o.dataset}`;
    const shown = trained(frame);
    if (shown?.caption)
      return `${what}: it trains live on the slide; drawn here: ${shown.detail}; the data's entropy H(q) is ${fmt(frame?.entropy)} nats`;
    if (!isLive(frame))
      return `${what}: it trains live on the slide; the data's entropy H(q) is ${fmt(frame?.entropy)} nats`;
    return (
      `${what}: step ${frame.progress.steps} of ${frame.progress.total}, batch loss ${fmt(frame.lossValues.at(-1))} ` +
      `nats above the floor H(q) = ${fmt(frame.entropy)}; left the model's density over the data, middle the data ` +
      `sent to the noise side, which should become a round N(0, I) blob`
    );
  }
};

export default buildAFlow;
