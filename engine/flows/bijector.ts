/**
 * The one protocol of every 2D flow layer.
 *
 * Direction convention (stated once, used everywhere in engine/flows): a layer is a bijection f: z → x in the
 * **generator** direction (base/noise side z, data side x; deck 2's "forward"). Its inverse g = f⁻¹: x → z is the
 * **normalizing** direction used for density evaluation. `forward(z)` returns x and log|det ∂x/∂z|; `inverse(x)`
 * returns z and log|det ∂z/∂x|, so the two log-dets of a pair of points sum to zero. A flow f = f_K ∘ … ∘ f_1 applies
 * layers[0] first when sampling, and log p(x) = log p_Z(g(x)) + Σ_k log|det ∂z_k/∂x_k| when evaluating.
 *
 * Batches are n×2 autodiff Tensors (rows are samples), log-dets n×1 Tensors, float64 throughout. Both directions are
 * differentiable with respect to the parameters where they are computed by ops (maximum likelihood trains through
 * `inverse`, reverse KL through `forward`); a direction solved numerically (planar, radial, residual inverses)
 * returns constants and says so in its JSDoc.
 */
import type {Tensor} from "../autodiff/tensor.ts";
import type {Module} from "../nn/module.ts";

export interface Bijector extends Module {
  /** Short kind name, e.g. "realnvp", "maf". */
  readonly name: string;
  /** Generator direction: z (n×2) → x (n×2) and log|det ∂x/∂z| (n×1). */
  forward(z: Tensor): {x: Tensor; logDet: Tensor};
  /** Normalizing direction: x (n×2) → z (n×2) and log|det ∂z/∂x| (n×1). */
  inverse(x: Tensor): {z: Tensor; logDet: Tensor};
}

/** A layer read the other way round (see `inverted`). */
export interface Inverted extends Bijector {
  readonly base: Bijector;
}

/**
 * The same bijection read the other way: forward = base.inverse and inverse = base.forward (normflows' `reverse`
 * flag, nflows' `InverseTransform`). Used to train a layer whose explicit direction is the generator (planar,
 * residual) by maximum likelihood: put the explicit direction on the normalizing side.
 */
export function inverted(base: Bijector): Inverted {
  return {
    name: `inverse-${base.name}`,
    base,
    parameters: () => base.parameters(),
    zeroGrad: () => base.zeroGrad(),
    forward(z) {
      const r = base.inverse(z);
      return {x: r.z, logDet: r.logDet};
    },
    inverse(x) {
      const r = base.forward(x);
      return {z: r.x, logDet: r.logDet};
    }
  };
}

/** Throws unless x is n×2. */
export function check2d(x: Tensor): void {
  if (x.cols !== 2) throw new RangeError(`shape mismatch: ${x.shape} vs [${x.rows},2]`);
}
