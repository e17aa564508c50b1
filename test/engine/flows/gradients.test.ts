import {describe, expect, it} from "vitest";
import {gradcheck} from "../../../engine/autodiff/gradcheck.ts";
import {mean, neg} from "../../../engine/autodiff/index.ts";
import {tensor} from "../../../engine/autodiff/tensor.ts";
import type {ActNorm} from "../../../engine/flows/actnorm.ts";
import {affineLayer} from "../../../engine/flows/affine.ts";
import {flow} from "../../../engine/flows/flow.ts";
import {planarLayer} from "../../../engine/flows/planar.ts";
import {flowKinds, flowPreset} from "../../../engine/flows/presets.ts";
import {radialLayer} from "../../../engine/flows/radial.ts";
import {residualBlock} from "../../../engine/flows/residual.ts";
import {twoMoonsTarget} from "../../../engine/flows/targets.ts";
import {sub} from "../../../engine/autodiff/ops/arith.ts";
import {perturb, points} from "./bijector-check.ts";

// Reverse-mode gradients of both training losses against float64 central differences (engine-reference (d)6).
describe("flow gradients", () => {
  it("the maximum-likelihood loss of every preset kind has gradients matching finite differences (< 1e-6)", () => {
    for (const kind of flowKinds) {
      const f = flowPreset(kind, {layers: 2, width: 4, seed: 1});
      perturb(f, 2, kind === "planar" ? 0.8 : 0.3);
      for (const layer of f.layers) {
        if (layer.name === "actnorm") (layer as ActNorm).initialized = true;
        (layer as {base?: {u?: {refresh(): void}}}).base?.u?.refresh();
      }
      const x = tensor(points(6, 3), 6, 2);
      expect(
        gradcheck(() => neg(mean(f.logProb(x))), f.parameters()),
        kind
      ).toBeLessThan(1e-6);
    }
  });

  it("the reverse-KL loss through generator passes (affine, planar, radial, residual in series mode) too", () => {
    const residual = residualBlock({width: 4, seed: 2, logDet: "series", seriesTerms: 8});
    perturb(residual, 3, 0.5);
    residual.u.refresh();
    const f = flow([affineLayer({lower: [1.2, 0.3, 0.8]}), planarLayer({seed: 4}), radialLayer(), residual]);
    const z = tensor(points(6, 5), 6, 2);
    const loss = () => {
      const {x, logProb} = f.sampleWithLogProb(z);
      return mean(sub(logProb, twoMoonsTarget(x)));
    };
    expect(gradcheck(loss, f.parameters())).toBeLessThan(1e-6);
    expect(f.parameters().every((p) => p.grad!.some((g) => g !== 0))).toBe(true);
  });
});
