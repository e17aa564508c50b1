/**
 * The exact density of points spread uniformly in the parameter of a curve and blurred by isotropic Gaussian noise:
 * sklearn's moons, the S-curve and the swiss roll all are such curves in the large-n limit. For pieces c_j(t),
 * t ~ U[t0_j, t1_j] with mass w_j,
 *
 *   p(x) = Σ_j w_j/(t1_j − t0_j) ∫ N(x; c_j(t), σ²I) dt,
 *
 * where each integral is a composite Gauss-Legendre rule (8 nodes a panel, panels no longer than σ along the curve,
 * so doubling them changes log p by < 1e-10 where log p > −30), summed in log space so that points far from the
 * curve keep a finite log-density. The entropy −∫ p log p is a midpoint rule on a grid of step σ/4 over the curve's
 * box widened by 10σ: the integrand is smooth and decays like a Gaussian, so that rule converges faster than any
 * power of the step (σ/2 and σ/4 agree to 1e-7 nats on the moons).
 */
import type {LogDensityFn} from "./affine-density.ts";
import {checkDensityShapes} from "./dataset.ts";
import {composite, gaussLegendre} from "./quadrature.ts";

/** One piece of a curve: t ↦ point(t) for t uniform on [t0, t1], carrying mass `weight` (normalised over pieces). */
export interface CurvePiece {
  point(t: number): readonly [number, number];
  readonly t0: number;
  readonly t1: number;
  readonly weight: number;
}

/** A curve blurred by N(0, noise²I). */
export interface NoisyCurve {
  readonly pieces: readonly CurvePiece[];
  readonly noise: number;
}

/** Gauss-Legendre nodes per panel. */
const NODES = 8;
/** Panels whose every term is below e^{−PRUNE} times some other term are skipped (a relative error < 1e-15). */
const PRUNE = 45;

/**
 * Nodes of the curve's quadrature, panel by panel (NODES consecutive entries): positions and log-weights (weights
 * include 1/(2πσ²)), and for each panel a centre, a radius around it holding its nodes, and its largest log-weight.
 */
interface CurveNodes {
  cx: Float64Array;
  cy: Float64Array;
  logW: Float64Array;
  panels: number;
  centre: Float64Array;
  radius: Float64Array;
  maxLogW: Float64Array;
  minLogW: Float64Array;
}

function curveNodes({pieces, noise}: NoisyCurve): CurveNodes {
  if (!(noise > 0 && Number.isFinite(noise))) throw new RangeError(`invalid noise: ${noise}`);
  if (pieces.length === 0) throw new RangeError("invalid curve: no pieces");
  const total = pieces.reduce((s, p) => s + p.weight, 0);
  const cx: number[] = [];
  const cy: number[] = [];
  const logW: number[] = [];
  const gauss = gaussLegendre(NODES);
  for (const piece of pieces) {
    if (!(piece.t1 > piece.t0 && piece.weight > 0))
      throw new RangeError(`invalid curve piece: [${piece.t0}, ${piece.t1}]`);
    const rule = composite(gauss, piece.t0, piece.t1, Math.ceil(curveLength(piece) / noise));
    const scale = piece.weight / total / (piece.t1 - piece.t0) / (2 * Math.PI * noise * noise);
    for (let i = 0; i < rule.x.length; i++) {
      const [x, y] = piece.point(rule.x[i]!);
      cx.push(x);
      cy.push(y);
      logW.push(Math.log(scale * rule.w[i]!));
    }
  }
  const panels = cx.length / NODES;
  const centre = new Float64Array(2 * panels);
  const radius = new Float64Array(panels);
  const maxLogW = new Float64Array(panels).fill(-Infinity);
  const minLogW = new Float64Array(panels).fill(Infinity);
  for (let p = 0; p < panels; p++) {
    let [mx, my] = [0, 0];
    for (let k = p * NODES; k < (p + 1) * NODES; k++) {
      mx += cx[k]! / NODES;
      my += cy[k]! / NODES;
      maxLogW[p] = Math.max(maxLogW[p]!, logW[k]!);
      minLogW[p] = Math.min(minLogW[p]!, logW[k]!);
    }
    centre[2 * p] = mx;
    centre[2 * p + 1] = my;
    for (let k = p * NODES; k < (p + 1) * NODES; k++) {
      radius[p] = Math.max(radius[p]!, Math.hypot(cx[k]! - mx, cy[k]! - my));
    }
  }
  const [x, y, w] = [Float64Array.from(cx), Float64Array.from(cy), Float64Array.from(logW)];
  return {cx: x, cy: y, logW: w, panels, centre, radius, maxLogW, minLogW};
}

/** Length of a piece, by a 1000-segment polyline (enough to size the panels). */
function curveLength(piece: CurvePiece): number {
  let length = 0;
  let [px, py] = piece.point(piece.t0);
  for (let k = 1; k <= 1000; k++) {
    const [x, y] = piece.point(piece.t0 + ((piece.t1 - piece.t0) * k) / 1000);
    length += Math.hypot(x - px, y - py);
    [px, py] = [x, y];
  }
  return length;
}

/**
 * The exact log-density of a noisy curve (the large-n limit of its sampler). Panels that cannot matter at a point
 * (their largest term below e^{−45} times the smallest term of some other panel) are skipped.
 */
export function curveLogDensity(curve: NoisyCurve): LogDensityFn {
  const nodes = curveNodes(curve);
  const {cx, cy, logW, panels, centre, radius, maxLogW, minLogW} = nodes;
  const upper = new Float64Array(panels);
  const scale = -0.5 / (curve.noise * curve.noise);
  return (out, x, n) => {
    checkDensityShapes(out, x, n);
    for (let i = 0; i < n; i++) {
      const px = x[2 * i]!;
      const py = x[2 * i + 1]!;
      // Bounds on each panel's terms from the distance to its centre ± its radius.
      let floor = -Infinity;
      for (let p = 0; p < panels; p++) {
        const dx = px - centre[2 * p]!;
        const dy = py - centre[2 * p + 1]!;
        const d = Math.sqrt(dx * dx + dy * dy); // not Math.hypot, which is several times slower here
        upper[p] = maxLogW[p]! + scale * Math.max(0, d - radius[p]!) ** 2;
        floor = Math.max(floor, minLogW[p]! + scale * (d + radius[p]!) ** 2);
      }
      let max = -Infinity;
      for (let p = 0; p < panels; p++) {
        if (upper[p]! < floor - PRUNE) continue;
        for (let k = p * NODES; k < (p + 1) * NODES; k++) {
          max = Math.max(max, logW[k]! + scale * ((px - cx[k]!) ** 2 + (py - cy[k]!) ** 2));
        }
      }
      let sum = 0;
      for (let p = 0; p < panels; p++) {
        if (upper[p]! < floor - PRUNE) continue;
        for (let k = p * NODES; k < (p + 1) * NODES; k++) {
          sum += Math.exp(logW[k]! + scale * ((px - cx[k]!) ** 2 + (py - cy[k]!) ** 2) - max);
        }
      }
      out[i] = max + Math.log(sum);
    }
    return out;
  };
}

/** H in nats of a noisy curve: −∫ p log p by the midpoint rule with step `step`·noise (see the file comment). */
export function curveEntropy(curve: NoisyCurve, step = 0.25): number {
  if (!(step > 0 && step <= 1)) throw new RangeError(`invalid step: ${step} (a fraction of the noise in (0, 1])`);
  const {cx, cy} = curveNodes(curve);
  const logp = curveLogDensity(curve);
  const h = step * curve.noise;
  const margin = 10 * curve.noise;
  const x0 = Math.min(...cx) - margin;
  const y0 = Math.min(...cy) - margin;
  const nx = Math.ceil((Math.max(...cx) + margin - x0) / h);
  const ny = Math.ceil((Math.max(...cy) + margin - y0) / h);
  const pts = new Float64Array(2 * ny);
  const out = new Float64Array(ny);
  let sum = 0;
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      pts[2 * j] = x0 + (i + 0.5) * h;
      pts[2 * j + 1] = y0 + (j + 0.5) * h;
    }
    logp(out, pts, ny);
    for (let j = 0; j < ny; j++) if (out[j]! > -Infinity) sum -= Math.exp(out[j]!) * out[j]!;
  }
  return sum * h * h;
}
