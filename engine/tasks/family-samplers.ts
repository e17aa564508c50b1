/**
 * family-samplers: how each family of deep generative models draws a sample, run by the engine on TorchCFM's moons
 * (deck 1, the taxonomy). Every animation starts from the same noise z ~ N(0, I) (except the autoregressive one, which
 * needs none of it) and is a list of key frames of the particles with their times in [0, 1]:
 * - GAN: x = G(z) in one jump. G is the shipped i-cfm flow's whole map (RK4, 24 steps): no GAN is trained here.
 * - VAE: z, then the decoder mean μ(z) (the same map), then x ~ N(μ(z), σ²I) with σ = VAE_SIGMA.
 * - autoregressive: x₁ ~ p(x₁), then x₂ ~ p(x₂ | x₁), exact conditionals of the moons density on a 200 × 200 grid.
 * - normalizing flow: x = f₈ ∘ … ∘ f₁(z), eight invertible steps: the 8 RK4 steps of the i-cfm flow's ODE.
 * - energy-based: unadjusted Langevin MCMC on an energy E = −log p known in closed form: the moons as a mixture of
 *   MOONS_ENERGY_MODES equal Gaussians along the two arcs, with its exact score. The moons' own exact density
 *   cannot be used: its jitter is uniform, so log p is flat inside the strips and −∞ outside, and has no useful slope.
 * - diffusion: an SDE with the same marginals as the flow, dx = [u + ½g²∇log p_t] dt + g dW, g² = DIFFUSION_G2·(1 − t),
 *   Euler-Maruyama; the score of the straight path from N(0, I) comes from the field: ∇log p_t(x) = −(x − t u)/(1 − t).
 * - CNF and flow matching: the ODE dx/dt = u_t(x) with the i-cfm model (RK4, 24 steps), the same sampler: they differ
 *   in training only.
 * Each family's end points are scored by the exact W2 to held-out moons, next to the W2 between two data samples.
 */
import type {VelocityField} from "../fields/field.ts";
import {gaussianMixture, type GaussianMixture} from "../data/gaussian-mixture.ts";
import {maybeDataset} from "../data/registry.ts";
import {fastModel} from "../fm/model.ts";
import {w2} from "../metrics/w2.ts";
import {loadAssignmentKernels} from "../ot/wasm-kernels.ts";
import {rng} from "../random.ts";
import {gridAutoregressive} from "../samplers/grid-autoregressive.ts";
import {langevin, type ScoreFn} from "../samplers/langevin.ts";
import {loadWeights} from "../weights/index.ts";
import {FAMILIES, familySamplersOptions, type FamilySamplersOptions} from "./family-samplers-options.ts";
import type {EngineTask, Job} from "./task.ts";

/** RK4 steps of the ODE samplers (and of G), and of the "normalizing flow" (one layer per step). */
export const ODE_STEPS = 24;
export const FLOW_LAYERS = 8;
/** The VAE's decoder noise. */
export const VAE_SIGMA = 0.15;
/** Langevin: steps, step size η, a key frame every `every` steps. */
export const LANGEVIN = {steps: 300, stepSize: 0.03, every: 15} as const;
/** The energy-based model's mixture: modes per arc ×2, and their standard deviation (the strips' half-width). */
export const MOONS_ENERGY_MODES = 24;
export const MOONS_ENERGY_STD = 0.3;
/** Diffusion: Euler-Maruyama steps, g_t² = DIFFUSION_G2·(1 − t), a key frame every 5 steps. */
export const DIFFUSION_STEPS = 100;
export const DIFFUSION_G2 = 1;
/** The autoregressive grid's cells per side. */
export const AR_GRID = 200;
/** Where the moons live (TorchCFM's recipe: x ∈ [−4, 5], y ∈ [−2.5, 2]), with room. */
export const MOONS_EXTENT = [-4.5, 5.5, -3, 2.6] as const;

/**
 * The moons as a Gaussian mixture: the two arcs of scikit-learn's recipe (cos θ, sin θ) and (1 − cos θ, ½ − sin θ),
 * θ evenly spaced in [0, π], placed like TorchCFM's moons (×3, then −0.7, the centre of its jitter), each mode
 * N(m, 0.3² I).
 */
export function moonsEnergy(): GaussianMixture {
  const per = MOONS_ENERGY_MODES / 2;
  const means: [number, number][] = [];
  for (let k = 0; k < per; k++) {
    const theta = (Math.PI * k) / (per - 1);
    means.push([3 * Math.cos(theta) - 0.7, 3 * Math.sin(theta) - 0.7]);
    means.push([3 * (1 - Math.cos(theta)) - 0.7, 3 * (0.5 - Math.sin(theta)) - 0.7]);
  }
  return gaussianMixture({means, cov: MOONS_ENERGY_STD ** 2, name: "moons-energy"});
}

/**
 * The exact score of an equal-weight mixture of isotropic Gaussians N(m_k, s²I) (moonsEnergy's):
 * ∇log p(x) = Σ_k r_k(x)(m_k − x)/s², r_k the posterior weight of mode k at x.
 */
export function moonsEnergyScore(mixture: GaussianMixture, std = MOONS_ENERGY_STD): ScoreFn {
  const K = mixture.weights.length;
  const m = mixture.means;
  const logits = new Float64Array(K);
  return (out, x, n) => {
    for (let i = 0; i < n; i++) {
      const px = x[2 * i]!;
      const py = x[2 * i + 1]!;
      let top = -Infinity;
      for (let k = 0; k < K; k++) {
        logits[k] =
          Math.log(mixture.weights[k]!) - ((px - m[2 * k]!) ** 2 + (py - m[2 * k + 1]!) ** 2) / (2 * std * std);
        top = Math.max(top, logits[k]!);
      }
      let total = 0;
      let gx = 0;
      let gy = 0;
      for (let k = 0; k < K; k++) {
        const r = Math.exp(logits[k]! - top);
        total += r;
        gx += r * (m[2 * k]! - px);
        gy += r * (m[2 * k + 1]! - py);
      }
      out[2 * i] = gx / (total * std * std);
      out[2 * i + 1] = gy / (total * std * std);
    }
    return out;
  };
}

/** One family's animation: key frames of the n particles ([n, 2] each) and when each is reached (0 to 1). */
export interface Animation {
  keys: Float64Array[];
  times: number[];
}

export type FamilySamplersFrame = {
  n: number;
  /** Families computed so far, in table order. */
  ready: number;
  /** [Σ keys, n, 2] every computed family's key frames, family after family. */
  keys: Float32Array;
  /** [9]: family f's key frames are offsets[f] to offsets[f + 1] − 1 (equal offsets: not computed yet). */
  offsets: Int32Array;
  /** [Σ keys] the time of each key frame in its animation, 0 to 1. */
  times: Float32Array;
  /** [8] W2 of each family's end points to the held-out data (NaN until computed). */
  w2: Float64Array;
  /** W2 between two independent data samples of size n: what a perfect sampler scores. */
  floor: number;
  /** [n, 2] held-out moons, drawn under the particles. */
  data: Float32Array;
  done: boolean;
};

export const familySamplers: EngineTask<typeof familySamplersOptions, FamilySamplersFrame> = {
  name: "family-samplers",
  options: familySamplersOptions,
  async start(options, env) {
    await loadAssignmentKernels();
    const weights = await loadWeights("i-cfm");
    return familySamplersJob(options, fastModel(env.kernels, {}, weights.model).field());
  }
};

/** Evenly spaced key frames over [0, 1]. */
function even(keys: Float64Array[]): Animation {
  return {keys, times: keys.map((_, k) => (keys.length > 1 ? k / (keys.length - 1) : 1))};
}

/**
 * RK4 through the field from t = 0 to 1 in `steps` steps, every step kept; a generator that yields after each step,
 * so that the job can stop within its time slice.
 */
export function* odeKeys(
  field: VelocityField,
  z: Float64Array,
  n: number,
  steps: number
): Generator<void, Float64Array[]> {
  const x = z.slice(0, 2 * n);
  const [k1, k2, k3, k4, y] = Array.from({length: 5}, () => new Float64Array(2 * n));
  const h = 1 / steps;
  const keys = [x.slice()];
  for (let s = 0; s < steps; s++) {
    const t = s * h;
    field.velocity(k1!, x, n, t);
    for (let i = 0; i < 2 * n; i++) y![i] = x[i]! + 0.5 * h * k1![i]!;
    field.velocity(k2!, y!, n, t + 0.5 * h);
    for (let i = 0; i < 2 * n; i++) y![i] = x[i]! + 0.5 * h * k2![i]!;
    field.velocity(k3!, y!, n, t + 0.5 * h);
    for (let i = 0; i < 2 * n; i++) y![i] = x[i]! + h * k3![i]!;
    field.velocity(k4!, y!, n, t + h);
    for (let i = 0; i < 2 * n; i++) x[i] = x[i]! + (h / 6) * (k1![i]! + 2 * k2![i]! + 2 * k3![i]! + k4![i]!);
    keys.push(x.slice());
    yield;
  }
  return keys;
}

/**
 * Euler-Maruyama for dx = [u + ½g²∇log p_t] dt + g dW from t = 0 to 1 with g² = c(1 − t), the score of the straight
 * path from N(0, I) written with the field (∇log p_t = −(x − t u)/(1 − t)), so that ½g²∇log p_t = −½c(x − t u).
 */
export function* diffusionKeys(
  field: VelocityField,
  z: Float64Array,
  n: number,
  random: ReturnType<typeof rng>,
  steps = DIFFUSION_STEPS,
  c = DIFFUSION_G2,
  every = 5
): Generator<void, Float64Array[]> {
  const x = z.slice(0, 2 * n);
  const u = new Float64Array(2 * n);
  const dt = 1 / steps;
  const keys = [x.slice()];
  for (let k = 0; k < steps; k++) {
    const t = k * dt;
    field.velocity(u, x, n, t);
    const g = Math.sqrt(c * (1 - t) * dt);
    for (let i = 0; i < 2 * n; i++) {
      x[i] = x[i]! + dt * (u[i]! - 0.5 * c * (x[i]! - t * u[i]!)) + g * random.normal();
    }
    if ((k + 1) % every === 0) keys.push(x.slice());
    yield;
  }
  return keys;
}

/** The job: one family per slice, in table order, then done. */
export function familySamplersJob(o: FamilySamplersOptions, field: VelocityField): Job<FamilySamplersFrame> {
  const {n} = o;
  const random = rng(o.seed);
  const z = random.fillNormal(new Float64Array(2 * n)) as Float64Array;
  const moons = maybeDataset("torchcfm-moons");
  const data = moons.sample(n, rng(o.seed + 1));
  const floor = w2(moons.sample(n, rng(o.seed + 2)), moons.sample(n, rng(o.seed + 3)), n);
  let ode: Float64Array[] | undefined;
  function* odePath(): Generator<void, Float64Array[]> {
    return (ode ??= yield* odeKeys(field, z, n, ODE_STEPS));
  }
  const animations: Animation[] = [];
  const w2s = new Float64Array(FAMILIES.length).fill(NaN);

  // Each family is a generator that yields after every unit of work (a solver or sampler step) and returns its
  // animation: the job runs them one after the other within its time slices.
  const make: Record<(typeof FAMILIES)[number], () => Generator<void, Animation>> = {
    *gan() {
      const x = (yield* odePath()).at(-1)!;
      return {keys: [z, z, x, x], times: [0, 0.35, 0.55, 1]};
    },
    *vae() {
      const mu = (yield* odePath()).at(-1)!;
      const r = rng(o.seed + 4);
      const x = Float64Array.from(mu, (m) => m + VAE_SIGMA * r.normal());
      return {keys: [z, z, mu, mu, x, x], times: [0, 0.2, 0.45, 0.6, 0.8, 1]};
    },
    *autoregressive() {
      const sampler = gridAutoregressive(moons.logDensity!.bind(moons), MOONS_EXTENT, AR_GRID);
      yield;
      const {x1, x} = sampler.sample(n, rng(o.seed + 5));
      const first = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        first[2 * i] = x1[i]!;
        first[2 * i + 1] = MOONS_EXTENT[2];
      }
      return {keys: [first, first, x, x], times: [0, 0.4, 0.8, 1]};
    },
    *flow() {
      const layers = yield* odeKeys(field, z, n, FLOW_LAYERS);
      const keys: Float64Array[] = [layers[0]!];
      const times = [0];
      for (let k = 1; k <= FLOW_LAYERS; k++) {
        keys.push(layers[k - 1]!, layers[k]!);
        times.push((k - 1) / FLOW_LAYERS + 0.35 / FLOW_LAYERS, k / FLOW_LAYERS);
      }
      return {keys, times};
    },
    *energy() {
      const score = moonsEnergyScore(moonsEnergy());
      const r = rng(o.seed + 6);
      let x = z;
      const keys = [z];
      // The same chain as one langevin() call of LANGEVIN.steps steps (the rng carries on), cut at every key frame.
      for (let done = 0; done < LANGEVIN.steps; done += LANGEVIN.every) {
        x = langevin(score, x, n, r, {steps: LANGEVIN.every, stepSize: LANGEVIN.stepSize}).x;
        keys.push(x);
        yield;
      }
      return even(keys);
    },
    *diffusion() {
      return even(yield* diffusionKeys(field, z, n, rng(o.seed + 7)));
    },
    *cnf() {
      return even(yield* odePath());
    },
    *fm() {
      return even(yield* odePath());
    }
  };

  let ready = 0;
  const frame = (): FamilySamplersFrame => {
    const total = animations.reduce((s, a) => s + a.keys.length, 0);
    const keys = new Float32Array(total * 2 * n);
    const times = new Float32Array(total);
    const offsets = new Int32Array(FAMILIES.length + 1);
    let at = 0;
    for (let f = 0; f < FAMILIES.length; f++) {
      offsets[f] = at;
      const a = animations[f];
      if (!a) continue;
      a.keys.forEach((key, k) => {
        keys.set(key.subarray(0, 2 * n), (at + k) * 2 * n);
        times[at + k] = a.times[k]!;
      });
      at += a.keys.length;
    }
    offsets[FAMILIES.length] = at;
    return {
      n,
      ready,
      keys,
      offsets,
      times,
      w2: w2s.slice(),
      floor,
      data: new Float32Array(data),
      done: ready === FAMILIES.length
    };
  };

  let current: Generator<void, Animation> | undefined;
  return {
    run(budgetMs) {
      const started = performance.now();
      let made = false;
      do {
        current ??= make[FAMILIES[ready]!]();
        const step = current.next();
        if (!step.done) continue;
        current = undefined;
        animations.push(step.value);
        w2s[ready] = w2(step.value.keys.at(-1)!, data, n);
        ready++;
        made = true;
      } while (ready < FAMILIES.length && performance.now() - started < budgetMs);
      return {frame: made ? frame() : undefined, done: ready === FAMILIES.length};
    }
  };
}
