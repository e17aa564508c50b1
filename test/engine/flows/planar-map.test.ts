import {describe, expect, it} from "vitest";
import {tensor} from "../../../engine/autodiff/tensor.ts";
import {planarLayer} from "../../../engine/flows/planar.ts";
import {
  constrainPlanar,
  planarDet,
  planarFolds,
  planarForward,
  planarM,
  planarPreimages,
  planarStackDensity,
  planarStackForward,
  planarWa,
  randomPlanarLayers,
  scalarPreimages,
  type PlanarParams
} from "../../../engine/flows/planar-map.ts";
import {rng} from "../../../engine/random.ts";

const r = rng(11);
const randomParams = (scale = 1.2): PlanarParams => ({
  a: [scale * r.normal(), scale * r.normal()],
  w: [scale * r.normal(), scale * r.normal()],
  b: 0.5 * r.normal()
});

describe("the 2D planar map", () => {
  it("det J by the determinant lemma equals central differences", () => {
    for (let k = 0; k < 30; k++) {
      const p = randomParams();
      const z: [number, number] = [r.normal(), r.normal()];
      const h = 1e-6;
      const dx = planarForward(p, [z[0] + h, z[1]]).map(
        (v, i) => (v - planarForward(p, [z[0] - h, z[1]])[i]!) / (2 * h)
      );
      const dy = planarForward(p, [z[0], z[1] + h]).map(
        (v, i) => (v - planarForward(p, [z[0], z[1] - h])[i]!) / (2 * h)
      );
      expect(planarDet(p, z)).toBeCloseTo(dx[0]! * dy[1]! - dx[1]! * dy[0]!, 7);
    }
  });

  it("the constraint gives wᵀâ = m(wᵀa) > −1 and matches the engine's planar layer", () => {
    for (let k = 0; k < 30; k++) {
      const p = randomParams(2);
      const q = constrainPlanar(p);
      expect(planarWa(q)).toBeCloseTo(planarM(planarWa(p)), 12);
      expect(planarWa(q)).toBeGreaterThan(-1);
      expect(planarFolds(q)).toBe(false);
      const layer = planarLayer({u: p.a, w: p.w, b: p.b});
      const uHat = layer.constrained().uHat.data;
      expect(uHat[0]).toBeCloseTo(q.a[0], 12);
      expect(uHat[1]).toBeCloseTo(q.a[1], 12);
    }
    expect(planarM(-50)).toBeCloseTo(-1, 12);
    expect(planarM(50)).toBeCloseTo(49, 12);
  });

  it("the push-forward density equals the planar layer's log-density where it applies (constrained)", () => {
    for (let k = 0; k < 10; k++) {
      const p = randomParams(1.5);
      const q = constrainPlanar(p);
      const layer = planarLayer({u: p.a, w: p.w, b: p.b});
      const xs = Array.from({length: 20}, () => [2 * r.normal(), 2 * r.normal()] as [number, number]);
      const inv = layer.inverse(tensor(xs.flat(), xs.length, 2));
      xs.forEach((x, i) => {
        const z0 = inv.z.data[2 * i]!;
        const z1 = inv.z.data[2 * i + 1]!;
        const logP = -0.5 * (z0 * z0 + z1 * z1) - Math.log(2 * Math.PI) + inv.logDet.data[i]!;
        expect(Math.log(planarStackDensity([q], x))).toBeCloseTo(logP, 8);
      });
    }
  });

  it("preimages map back to x, and there are several only when wᵀa < −1", () => {
    for (let k = 0; k < 40; k++) {
      const p = randomParams(1.5);
      let most = 0;
      for (let i = 0; i < 200; i++) {
        const x: [number, number] = [3 * r.normal(), 3 * r.normal()];
        const pre = planarPreimages(p, x);
        most = Math.max(most, pre.length);
        for (const z of pre) {
          const back = planarForward(p, z);
          expect(back[0]).toBeCloseTo(x[0], 9);
          expect(back[1]).toBeCloseTo(x[1], 9);
        }
      }
      // Points on the fold band's image: near x = f(z) with wᵀz + b = 0 there are three preimages.
      const w2 = p.w[0] ** 2 + p.w[1] ** 2;
      const onLine = planarForward(p, [(-p.b * p.w[0]) / w2, (-p.b * p.w[1]) / w2]);
      const n = planarPreimages(p, onLine).length;
      if (planarFolds(p)) expect(Math.max(most, n)).toBe(3);
      else expect(most).toBe(1);
      expect(planarFolds(p)).toBe(planarWa(p) < -1);
    }
  });

  it("scalar preimages: three roots of α − 2 tanh α = 0, one of α + tanh α = 1", () => {
    const roots = scalarPreimages(0, -2, 0);
    expect(roots.length).toBe(3);
    expect(roots[1]).toBeCloseTo(0, 12);
    expect(roots[2]! - 2 * Math.tanh(roots[2]!)).toBeCloseTo(0, 12);
    expect(scalarPreimages(1, 1, 0).length).toBe(1);
  });

  it("the stacked density integrates to 1, and matches samples inside a fold's three-sheeted region", () => {
    const layers = randomPlanarLayers(3, 1);
    const n = 200;
    const lim = 8;
    const h = (2 * lim) / n;
    let mass = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++)
        mass += planarStackDensity(layers, [-lim + (i + 0.5) * h, -lim + (j + 0.5) * h]) * h * h;
    }
    expect(mass).toBeCloseTo(1, 3);
    // A folding layer: the box sits between the two caustics (three preimages), away from them.
    const fold: PlanarParams = {a: [-2.5, 0], w: [1, 0], b: 0.3};
    expect(planarFolds(fold)).toBe(true);
    const box = [-0.1, 0.1, -0.5, 0.5] as const;
    expect(planarPreimages(fold, [0, 0]).length).toBe(3);
    const m = 40;
    let inBox = 0;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        const x: [number, number] = [box[0] + ((i + 0.5) * 0.2) / m, box[2] + (j + 0.5) / m];
        inBox += (planarStackDensity([fold], x) * 0.2) / m / m;
      }
    }
    const s = rng(21);
    const draws = 400000;
    let hits = 0;
    for (let k = 0; k < draws; k++) {
      const x = planarForward(fold, [s.normal(), s.normal()]);
      if (x[0] > box[0] && x[0] < box[1] && x[1] > box[2] && x[1] < box[3]) hits++;
    }
    expect(Math.abs(hits / draws - inBox)).toBeLessThan(4 * Math.sqrt(inBox / draws));
    const {det} = planarStackForward([fold, ...layers], [-0.3, 0]);
    expect(det).toBeLessThan(0);
  });
});
