/**
 * Training-time samplers for flow matching (lecture §8.10), in flow time (t = 0 noise, t = 1 data):
 * - uniform on [0, 1) (TorchCFM);
 * - logit-normal: t = sigmoid(μ + ς ν), ν ~ N(0, 1) (SD3's default μ = 0, ς = 1);
 * - shifted: a base sample moved by the SD3 shift s' = κ s / (1 + (κ − 1) s) applied in diffusion time s = 1 − t,
 *   so κ > 1 spends more steps near the noise end.
 */
import type {Rng} from "../random.ts";
import {registry} from "../registry.ts";

export interface TimeSampler {
  readonly name: string;
  /** Fills out[0..n) with times in [0, 1] and returns it. */
  sample(out: Float64Array, n: number, rng: Rng): Float64Array;
  /** The density of t on (0, 1), where it is closed. */
  density?(t: number): number;
}

function checkN(out: Float64Array, n: number): void {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`invalid n: ${n}`);
  if (out.length < n) throw new RangeError(`shape mismatch: out of length ${out.length} vs [${n}]`);
}

/** t ~ U(0, 1). */
export function uniformTime(): TimeSampler {
  return {
    name: "uniform",
    sample(out, n, rng) {
      checkN(out, n);
      for (let i = 0; i < n; i++) out[i] = rng.uniform();
      return out;
    },
    density: (t) => (t >= 0 && t <= 1 ? 1 : 0)
  };
}

export interface LogitNormalOptions {
  /** @defaultValue 0 */
  mean?: number;
  /** @defaultValue 1 */
  std?: number;
}

/** t = sigmoid(mean + std·ν), density (1 / (std √(2π))) · 1 / (t(1 − t)) · exp(−(logit t − mean)² / (2 std²)). */
export function logitNormalTime(options: LogitNormalOptions = {}): TimeSampler {
  const {mean = 0, std = 1} = options;
  if (!Number.isFinite(mean)) throw new RangeError(`invalid mean: ${mean}`);
  if (!(Number.isFinite(std) && std > 0)) throw new RangeError(`invalid std: ${std}`);
  return {
    name: "logit-normal",
    sample(out, n, rng) {
      checkN(out, n);
      for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-(mean + std * rng.normal())));
      return out;
    },
    density(t) {
      if (!(t > 0 && t < 1)) return 0;
      const z = (Math.log(t / (1 - t)) - mean) / std;
      return Math.exp(-0.5 * z * z) / (std * Math.sqrt(2 * Math.PI) * t * (1 - t));
    }
  };
}

/** The SD3 shift in diffusion time: t ↦ 1 − κ s / (1 + (κ − 1) s) with s = 1 − t. */
export function shiftTime(t: number, shift: number): number {
  const s = 1 - t;
  return 1 - (shift * s) / (1 + (shift - 1) * s);
}

/** A base sampler (default uniform) pushed through the SD3 shift κ (SD3 uses κ = 3 at 1024²). */
export function shiftedTime(shift: number, base: TimeSampler = uniformTime()): TimeSampler {
  if (!(Number.isFinite(shift) && shift > 0)) throw new RangeError(`invalid shift: ${shift}`);
  const baseDensity = base.density;
  return {
    name: `shifted-${base.name}`,
    sample(out, n, rng) {
      base.sample(out, n, rng);
      for (let i = 0; i < n; i++) out[i] = shiftTime(out[i]!, shift);
      return out;
    },
    // Change of variables through the inverse shift t = shiftTime(t', 1/κ): ds/ds' = κ / (κ + (1 − κ) s')².
    ...(baseDensity && {
      density(t: number) {
        const s = 1 - t;
        return baseDensity(shiftTime(t, 1 / shift)) * (shift / (shift + (1 - shift) * s) ** 2);
      }
    })
  };
}

/** The samplers by name; each entry takes `shift`, κ of "shifted" (the others ignore it). */
export const timeSamplers = registry<"uniform" | "logit-normal" | "shifted", (shift: number) => TimeSampler>(
  "time sampler",
  {
    uniform: () => uniformTime(),
    "logit-normal": () => logitNormalTime(),
    shifted: (shift: number) => shiftedTime(shift)
  }
);

export const timeSamplerNames = timeSamplers.names;

/** A sampler by name; `shift` is κ of "shifted" (over a uniform base). */
export function timeSamplerByName(name: string, shift = 3): TimeSampler {
  return timeSamplers.get(name)(shift);
}
