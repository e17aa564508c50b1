import {describe, expect, it} from "vitest";
import {autoregressiveNd} from "../../engine/flows/autoregressive-nd.ts";
import {defaults} from "../../engine/options/schema.ts";
import {madeMasksDemo, madeNetwork} from "../../demos/made-masks.ts";

const options = defaults(madeMasksDemo.options);

describe("made-masks", () => {
  it("lights for output i exactly the inputs x_j, j < i, with ordered degrees", () => {
    for (let i = 1; i <= 4; i++)
      expect(madeNetwork(options, i).inputs).toEqual(Array.from({length: i - 1}, (_, j) => j + 1));
  });

  it("never lights an input j ≥ i, and matches the masked network's numerical Jacobian", () => {
    for (let seed = 0; seed < 6; seed++)
      for (const layers of [1, 2]) {
        const o = {...options, order: "random" as const, seed, layers};
        const net = autoregressiveNd({dim: 4, variant: "maf", hidden: Array(layers).fill(8), order: "random", seed});
        const x = [0.4, -0.3, 0.9, -1.2];
        const base = net.conditioner(x);
        for (let i = 1; i <= 4; i++) {
          const lit = madeNetwork(o, i).inputs;
          expect(lit.every((j) => j < i)).toBe(true);
          for (let j = 1; j <= 4; j++) {
            const y = x.slice();
            y[j - 1]! += 1e-4;
            const moved = net.conditioner(y);
            const slope =
              Math.abs(moved.mu[i - 1]! - base.mu[i - 1]!) + Math.abs(moved.alpha[i - 1]! - base.alpha[i - 1]!);
            if (!lit.includes(j)) expect(slope).toBe(0); // unreachable input: exactly no effect
          }
        }
      }
  });

  it("makes each output unit clickable and prints what it reads", () => {
    const element = madeMasksDemo.render(undefined, options, {output: 3});
    expect(element.querySelectorAll("[data-set-state]").length).toBe(4);
    expect(element.querySelector(".readout")!.textContent).toContain("reads x₁, x₂");
  });
});
