import {describe, expect, it} from "vitest";
import {blockedCoupling} from "../../../engine/couplings/blocked.ts";
import {otCoupling} from "../../../engine/couplings/coupling.ts";
import {pairCost} from "../../../engine/couplings/minibatch-cost.ts";
import {otPairing} from "../../../engine/ot/plan.ts";
import {rng} from "../../../engine/random.ts";

const n = 32;
const r = rng(11);
const x0 = r.fillNormal(new Float64Array(2 * n)) as Float64Array;
const x1 = (r.fillNormal(new Float64Array(2 * n)) as Float64Array).map((v, k) => (k % 2 ? 2 * v : v + 3));

describe("blockedCoupling", () => {
  it("pairs each block of B by its own exact OT permutation and never pairs across blocks", () => {
    const B = 8;
    const p = blockedCoupling(otCoupling({replace: false}), B).pair(x0, x1, n, rng(0));
    expect(Array.from(p.x0)).toEqual(Array.from(x0));
    for (let s = 0; s < n; s += B) {
      const a = x0.subarray(2 * s, 2 * (s + B));
      const b = x1.subarray(2 * s, 2 * (s + B));
      const perm = otPairing(a, b, B);
      for (let i = 0; i < B; i++) {
        expect([p.x1[2 * (s + i)], p.x1[2 * (s + i) + 1]]).toEqual([b[2 * perm[i]!], b[2 * perm[i]! + 1]]);
      }
    }
  });

  it("costs more than OT over the whole batch and less than the independent pairs (the B effect on one batch)", () => {
    const small = blockedCoupling(otCoupling({replace: false}), 4).pair(x0, x1, n, rng(0));
    const cost4 = pairCost(small.x0, small.x1, n);
    const whole = blockedCoupling(otCoupling({replace: false}), n).pair(x0, x1, n, rng(0));
    const costN = pairCost(whole.x0, whole.x1, n);
    expect(costN).toBeCloseTo(pairCost(x0, x1, n, otPairing(x0, x1, n)), 12);
    expect(costN).toBeLessThan(cost4);
    expect(cost4).toBeLessThan(pairCost(x0, x1, n));
  });

  it("refuses a block that is not a positive integer and a batch that is not a multiple of it", () => {
    expect(() => blockedCoupling(otCoupling(), 0)).toThrow(/invalid block: 0/);
    expect(() => blockedCoupling(otCoupling(), 3).pair(x0, x1, n, rng(0))).toThrow(/invalid batch: 32/);
  });
});
