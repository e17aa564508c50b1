/**
 * A flow from a list of named blocks, in generator order (the first block acts first on the noise z), for the demos
 * that let a viewer compose a flow (deck 2's build-a-flow) and for any task that trains a stack chosen by name:
 * - "coupling-1" / "coupling-2": a RealNVP affine coupling that keeps coordinate 1 (resp. 2) and scales and shifts
 *   the other as a function of it;
 * - "nice-1" / "nice-2": the additive (NICE) coupling, shift only, det J = 1;
 * - "actnorm": a per-coordinate scale and shift, initialised from the first batch it normalizes;
 * - "linear": x = Lz + b with L lower triangular (a 2×2 "1×1 convolution" in LU form);
 * - "swap": exchanges the two coordinates (a permutation, |det| = 1);
 * - "maf" / "iaf": a 2D affine autoregressive layer whose conditioner reads x₁ (MAF) or z₁ (IAF);
 * - "planar": a planar layer, used in the normalizing direction so the density is explicit;
 * - "residual": a residual block x = z + u(z) (Lip(u) ≤ 0.97), also used in the normalizing direction.
 */
import {actNorm} from "./actnorm.ts";
import {affineLayer} from "./affine.ts";
import {iafLayer, mafLayer} from "./autoregressive.ts";
import {inverted, type Bijector} from "./bijector.ts";
import {additiveCoupling, affineCoupling} from "./coupling.ts";
import {flow, type Flow} from "./flow.ts";
import {permute} from "./permute.ts";
import {planarLayer} from "./planar.ts";
import {residualBlock} from "./residual.ts";

export const blockNames = [
  "coupling-1",
  "coupling-2",
  "nice-1",
  "nice-2",
  "actnorm",
  "linear",
  "swap",
  "maf",
  "iaf",
  "planar",
  "residual"
] as const;

export type BlockName = (typeof blockNames)[number];

export interface StackOptions {
  /** Hidden width of the conditioners and residual branches. @defaultValue 32 */
  width?: number;
  /** Seed of the initial weights (block k uses seed·1000 + k). @defaultValue 0 */
  seed?: number;
}

/** Whether `name` is a block this module builds. */
export function isBlockName(name: string): name is BlockName {
  return (blockNames as readonly string[]).includes(name);
}

/** One block by name. */
export function block(name: BlockName, width: number, seed: number): Bijector {
  switch (name) {
    case "coupling-1":
      return affineCoupling({keep: 0, width, seed});
    case "coupling-2":
      return affineCoupling({keep: 1, width, seed});
    case "nice-1":
      return additiveCoupling({keep: 0, width, seed});
    case "nice-2":
      return additiveCoupling({keep: 1, width, seed});
    case "actnorm":
      return actNorm();
    case "linear":
      return affineLayer();
    case "swap":
      return permute();
    case "maf":
      return mafLayer({width, seed});
    case "iaf":
      return iafLayer({width, seed});
    case "planar":
      return inverted(planarLayer({seed}));
    case "residual":
      return inverted(residualBlock({width, seed, coeff: 0.97}));
  }
}

/** The flow of the named blocks in generator order; throws a RangeError naming an unknown block. */
export function stackFlow(names: readonly string[], options: StackOptions = {}): Flow {
  const {width = 32, seed = 0} = options;
  if (names.length === 0) throw new RangeError("invalid stack: no blocks");
  if (!(Number.isInteger(width) && width >= 1)) throw new RangeError(`invalid width: ${width}`);
  return flow(
    names.map((name, k) => {
      if (!isBlockName(name)) throw new RangeError(`unknown block: ${name} (one of ${blockNames.join(", ")})`);
      return block(name, width, seed * 1000 + k);
    })
  );
}
