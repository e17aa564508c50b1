import {describe, expect, it} from "vitest";
import {mlp} from "../../../engine/nn/mlp.ts";
import {tensor} from "../../../engine/autodiff/tensor.ts";
import {
  jacobianDeterminant,
  MLP_GAIN,
  MLP_SKIP,
  randomFlowMap,
  randomMlpMap
} from "../../../engine/flows/random-maps.ts";

/** A (k + 1)² lattice over [−3, 3]². */
function lattice(k: number): {z: Float64Array; n: number} {
  const n = (k + 1) ** 2;
  const z = new Float64Array(2 * n);
  for (let j = 0; j <= k; j++) {
    for (let i = 0; i <= k; i++) {
      z[2 * (j * (k + 1) + i)] = -3 + (6 * i) / k;
      z[2 * (j * (k + 1) + i) + 1] = -3 + (6 * j) / k;
    }
  }
  return {z, n};
}

describe("randomFlowMap", () => {
  for (const seed of [0, 1, 2, 7]) {
    it(`seed ${seed}: det J > 0 on every point of a 61 × 61 grid, and G⁻¹(G(z)) = z`, () => {
      const G = randomFlowMap(seed);
      const {z, n} = lattice(60);
      const det = jacobianDeterminant(G, z, n);
      expect(Math.min(...det)).toBeGreaterThan(0);
      const x = G.map(new Float64Array(2 * n), z, n);
      const back = G.inverse!(new Float64Array(2 * n), x, n);
      for (let k = 0; k < 2 * n; k++) expect(Math.abs(back[k]! - z[k]!)).toBeLessThan(1e-10);
    });
  }

  it("its central-difference det J equals the layers' exact exp(Σ log-det) (rel. 1e-6)", () => {
    const G = randomFlowMap(0);
    const {z, n} = lattice(20);
    const det = jacobianDeterminant(G, z, n);
    const logDet = G.logDet!(new Float64Array(n), z, n);
    for (let i = 0; i < n; i++) expect(Math.abs(det[i]! / Math.exp(logDet[i]!) - 1)).toBeLessThan(1e-6);
  });
});

describe("randomMlpMap", () => {
  it("folds for the default seed 0: det J takes both signs on the grid", () => {
    const G = randomMlpMap(0);
    const {z, n} = lattice(60);
    const det = jacobianDeterminant(G, z, n);
    expect(Math.min(...det)).toBeLessThan(-0.1);
    expect(Math.max(...det)).toBeGreaterThan(0.1);
  });

  it("its central-difference det J equals det(½I + 5 J_m) from the network's exact input Jacobian", () => {
    const seed = 3;
    const G = randomMlpMap(seed);
    // The same network, built independently: the seed's init with the first layer ×3.
    const net = mlp({sizes: [2, 32, 32, 2], activation: "tanh", seed});
    const first = net.parameters()[0]!;
    for (let i = 0; i < first.data.length; i++) first.data[i]! *= 3;
    const {z, n} = lattice(12);
    const [c0, c1] = net.inputJacobian(tensor(z.slice(), n, 2));
    const det = jacobianDeterminant(G, z, n);
    for (let i = 0; i < n; i++) {
      const a = MLP_SKIP + MLP_GAIN * c0!.data[2 * i]!;
      const c = MLP_GAIN * c0!.data[2 * i + 1]!;
      const b = MLP_GAIN * c1!.data[2 * i]!;
      const d = MLP_SKIP + MLP_GAIN * c1!.data[2 * i + 1]!;
      expect(Math.abs(det[i]! - (a * d - b * c))).toBeLessThan(1e-6);
    }
  });

  it("rejects bad batches with a clear error", () => {
    expect(() => randomMlpMap(0).map(new Float64Array(2), new Float64Array(2), 3)).toThrow(/invalid z/);
    expect(() => jacobianDeterminant(randomMlpMap(0), new Float64Array(2), 1, 0)).toThrow(/invalid h/);
  });
});
