import {beforeAll, describe, expect, it} from "vitest";
import {dataset} from "../../../engine/data/registry.ts";
import type {GaussianMixture} from "../../../engine/data/gaussian-mixture.ts";
import {cfmProbe} from "../../../engine/fm/cfm-probe.ts";
import {marginalField} from "../../../engine/fm/marginal.ts";
import {kernels, type Kernels} from "../../../engine/kernels/index.ts";
import {iCfmPath, lipmanPath} from "../../../engine/paths/cfm.ts";

let k: Kernels;
beforeAll(async () => {
  k = await kernels();
});

const q = dataset("ffjord-8gaussians") as GaussianMixture;

describe("cfmProbe", () => {
  it("keeps the minibatch: x on Lipman's path from x₁, and the conditional target of each pair", () => {
    const path = lipmanPath(0.1);
    const probe = cfmProbe({path, target: q, kernels: k, batch: 16, seed: 3});
    probe.step();
    const {x1, t, xt, target} = probe.batch;
    for (let i = 0; i < 16; i++) {
      const s = 1 - 0.9 * t[i]!;
      for (let c = 0; c < 2; c++) {
        // u_t(x | x₁) = (x₁ − (1 − σ_min) x) / (1 − (1 − σ_min) t)
        expect(target[2 * i + c]!).toBeCloseTo((x1[2 * i + c]! - 0.9 * xt[2 * i + c]!) / s, 9);
      }
    }
    probe.dispose();
  });

  it("on a batch, L_CFM − L_FM is the spread |u(x|x₁) − u(x)|²/2 up to the cross term, which averages out", () => {
    const path = lipmanPath(0.05);
    const marginal = marginalField(path, q, q);
    const probe = cfmProbe({path, target: q, kernels: k, marginal, batch: 256, measured: 256, seed: 0});
    probe.step(150);
    // With every batch point measured, L_FM and the spread are the same points' as L_CFM.
    const r = probe.step(100);
    expect(r.fm!).toBeLessThan(r.loss);
    expect(Math.abs(r.loss - r.fm! - r.spread!)).toBeLessThan(0.05 * r.spread!);
    probe.dispose();
  });

  it("rejects a two-sided path by name", () => {
    expect(() => cfmProbe({path: iCfmPath(0), target: q, kernels: k})).toThrow(/invalid path: i-cfm/);
  });
});
