/**
 * The exact flow of deck 3's turning presets in closed form: rotation, spiral and swirl are all
 * u_t(x) = a(t) x + ω(t) (−x₂, x₁), so φ_t turns x by Θ(t) = ∫₀ᵗ ω and scales it by e^{∫₀ᵗ a}. The engine's flow maps
 * give the same points (a matrix exponential per call); this is the cheap form for drawing whole paths on the page.
 */

/** The presets that turn about the origin. */
export type TurningPreset = "rotation" | "spiral" | "swirl";

/** a(t) and ω(t) of the preset at strength k: rotation (0, k), spiral (−k/2, k), swirl (0, k(1 + 2t)). */
export function turningRate(preset: TurningPreset, k: number, t: number): {a: number; omega: number} {
  if (preset === "rotation") return {a: 0, omega: k};
  if (preset === "spiral") return {a: -0.5 * k, omega: k};
  return {a: 0, omega: k * (1 + 2 * t)};
}

/** φ_t(x₀) from time 0: x₀ turned by Θ(t) and scaled by e^{∫a}. */
export function turningFlow(
  preset: TurningPreset,
  k: number,
  x0: readonly [number, number],
  t: number
): [number, number] {
  const angle = preset === "swirl" ? k * (t + t * t) : k * t;
  const scale = preset === "spiral" ? Math.exp(-0.5 * k * t) : 1;
  const [c, s] = [scale * Math.cos(angle), scale * Math.sin(angle)];
  return [c * x0[0] - s * x0[1], s * x0[0] + c * x0[1]];
}
