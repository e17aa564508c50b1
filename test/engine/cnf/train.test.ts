import {describe, expect, it} from "vitest";
import {cnfTrainer} from "../../../engine/cnf/train.ts";
import {rng, type Rng} from "../../../engine/random.ts";

/** Two noisy half-circles (make_moons-like, random angles): a small, fixed target for the trainer tests. */
const moons = {
  sample(n: number, r: Rng): Float64Array {
    const x = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const th = Math.PI * r.uniform();
      const outer = i % 2 === 0;
      x[2 * i] = (outer ? Math.cos(th) : 1 - Math.cos(th)) + 0.1 * r.normal();
      x[2 * i + 1] = (outer ? Math.sin(th) : 0.5 - Math.sin(th)) + 0.1 * r.normal();
    }
    return x;
  }
};

const small = {data: moons, hidden: [16, 16], batch: 64, steps: 6, lr: 1e-2};

describe("cnfTrainer", () => {
  it("cnfTrainer() lowers the held-out NLL on moons within a few dozen seeded steps", () => {
    const trainer = cnfTrainer({...small, seed: 0});
    const test = moons.sample(500, rng(99));
    const before = trainer.nll(test, 500);
    const report = trainer.step(40);
    const after = trainer.nll(test, 500);
    expect(report).toMatchObject({steps: 40, nfe: 24});
    expect(trainer.steps).toBe(40);
    expect(after).toBeLessThan(before - 0.3);
    expect(trainer.seconds).toBeGreaterThan(0);
  });

  it("cnfTrainer() is deterministic for a seed, with exact or Hutchinson divergence", () => {
    for (const divergence of ["exact", "hutchinson"] as const) {
      const a = cnfTrainer({...small, divergence, seed: 4});
      const b = cnfTrainer({...small, divergence, seed: 4});
      const losses = (t: typeof a) => [1, 2, 3].map(() => t.step().loss);
      expect(losses(a)).toEqual(losses(b));
    }
    expect(cnfTrainer({...small, seed: 5}).step().loss).not.toBe(cnfTrainer({...small, seed: 4}).step().loss);
  });

  it("cnfTrainer() rejects bad options", () => {
    expect(() => cnfTrainer({data: moons, batch: 0})).toThrow("invalid batch: 0");
    expect(() => cnfTrainer({data: moons, lr: -1})).toThrow("invalid lr: -1");
    expect(() => cnfTrainer({data: moons}).step(0)).toThrow("invalid count: 0");
  });
});
