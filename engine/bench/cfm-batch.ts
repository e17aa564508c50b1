import type {Rng} from "../random.ts";

/**
 * One conditional-flow-matching regression batch, as the benchmark feeds every contender: x0 ~ N(0, I),
 * x1 from FFJORD's 8 gaussians ((4·c + 0.5·ε)/1.414 with c one of the 8 unit vectors at angles kπ/4, see
 * engine-reference.md (c); not TorchCFM's sample_8gaussians, which is 5·c with per-axis std 0.562), t ~ U(0, 1),
 * input [x_t, t] with x_t = (1 − t) x0 + t x1, target x1 − x0.
 * input: n×3 row-major, target: n×2.
 */
export function fillCfmBatch(input: Float32Array, target: Float32Array, n: number, random: Rng): void {
  for (let i = 0; i < n; i++) {
    const x0 = random.normal();
    const y0 = random.normal();
    const angle = (random.int(8) * Math.PI) / 4;
    const x1 = (4 * Math.cos(angle) + 0.5 * random.normal()) / 1.414;
    const y1 = (4 * Math.sin(angle) + 0.5 * random.normal()) / 1.414;
    const t = random.uniform();
    input[3 * i] = (1 - t) * x0 + t * x1;
    input[3 * i + 1] = (1 - t) * y0 + t * y1;
    input[3 * i + 2] = t;
    target[2 * i] = x1 - x0;
    target[2 * i + 1] = y1 - y0;
  }
}
