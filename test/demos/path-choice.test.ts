import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {rng} from "../../engine/random.ts";
import {endpoints, flowOf, pathChoice, pathField} from "../../demos/path-choice.ts";

const o = {...defaults(pathChoice.options), n: 2000, seed: 3};
const coefficients = {
  linear: (t: number) => [1 - t, t] as const,
  trigonometric: (t: number) => [Math.cos((Math.PI * t) / 2), Math.sin((Math.PI * t) / 2)] as const
};

/** Mean and mean square of each coordinate of the particles at step k of [K + 1, n, 2] paths. */
function moments(paths: Float32Array, n: number, k: number): number[] {
  const m = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const [x, y] = [paths[2 * (k * n + i)]!, paths[2 * (k * n + i) + 1]!];
    m[0]! += x / n;
    m[1]! += y / n;
    m[2]! += (x * x) / n;
    m[3]! += (y * y) / n;
  }
  return m;
}

describe("path-choice", () => {
  for (const path of ["linear", "trigonometric"] as const) {
    it(`moves the particles along the ${path} path's p_t, with or without the swirl (moments of the closed form)`, () => {
      const [a, b] = coefficients[path](0.5);
      // x_t = a x0 + b x1, x0 ~ N((0, −4), I), x1 ~ ½N((±10, 4), I): its mean and mean square per coordinate.
      const exact = [0, -4 * a + 4 * b, a * a + b * b * 101, (-4 * a + 4 * b) ** 2 + a * a + b * b];
      const plain = flowOf(path, o, 0);
      const swirled = flowOf(path, o, 1.5);
      for (const run of [plain, swirled]) {
        const m = moments(run.paths, o.n, 16);
        expect(m[0]).toBeCloseTo(exact[0]!, 0);
        expect(m[1]).toBeCloseTo(exact[1]!, 0);
        expect(m[2]! / exact[2]!).toBeCloseTo(1, 1);
        expect(m[3]! / exact[3]!).toBeCloseTo(1, 1);
      }
      // Same densities, other particle paths.
      let moved = 0;
      for (let i = 0; i < o.n; i++) {
        const k = 2 * (16 * o.n + i);
        moved += Math.hypot(plain.paths[k]! - swirled.paths[k]!, plain.paths[k + 1]! - swirled.paths[k + 1]!) / o.n;
      }
      expect(moved).toBeGreaterThan(0.3);
    });

    it(`prints the ${path} flow's kinetic energy: E_{p_t}‖u_t‖² integrated over t, from fresh draws of x_t`, () => {
      const field = pathField(path, o.a);
      const {source, target} = endpoints(o.a);
      const random = rng(11);
      const m = 4000;
      const u = new Float64Array(2 * m);
      let energy = 0;
      const K = 40;
      for (let k = 0; k <= K; k++) {
        const t = k / K;
        const [a, b] = coefficients[path](t);
        const x = new Float64Array(2 * m);
        for (let i = 0; i < m; i++) {
          const side = random.uniform() < 0.5 ? 0 : 1;
          const x1 = [target.means[2 * side]! + random.normal(), target.means[2 * side + 1]! + random.normal()];
          const x0 = [source.means[0]! + random.normal(), source.means[1]! + random.normal()];
          x[2 * i] = a * x0[0]! + b * x1[0]!;
          x[2 * i + 1] = a * x0[1]! + b * x1[1]!;
        }
        field.velocity(u, x, m, t);
        let sum = 0;
        for (let i = 0; i < 2 * m; i++) sum += u[i]! ** 2;
        energy += ((k === 0 || k === K ? 0.5 : 1) * sum) / m / K;
      }
      expect(flowOf(path, o, 0).energy / energy).toBeCloseTo(1, 1);
    });
  }

  it("shows the energy of the shown path and of the other one in its snapshot and its text", () => {
    const state = {...defaults(pathChoice.state), path: "trigonometric" as const};
    const frame = pathChoice.snapshot!({...o, n: 200}, state);
    expect(frame.energy).toBeCloseTo(flowOf("trigonometric", {...o, n: 200}, 0).energy, 10);
    expect(pathChoice.describe!(frame, {...o, n: 200}, state)).toContain(`kinetic energy ${frame.energy.toFixed(1)}`);
  });
});
