import type {Schema, Value} from "../../engine/options/schema.ts";

/** How long a declared state takes to arrive, in milliseconds (about PowerPoint's morph). */
export const TWEEN_MS = 600;

/** Cubic ease-in-out on [0, 1]. */
export function easeInOut(u: number): number {
  return u < 0.5 ? 4 * u * u * u : 1 - (-2 * u + 2) ** 3 / 2;
}

/** A state on its way from one value to another; `at(now)` is the state at that time and whether it has arrived. */
export interface Tween {
  at(now: number): {values: Record<string, Value>; done: boolean};
}

/**
 * Moves numbers from `from` to `to` over `duration` ms from `start`, eased (integers rounded on the way);
 * every other kind (choices, booleans, text, seeds) switches at once. The last value is exactly `to`, so going back to
 * a slide restores its state exactly rather than within a rounding error.
 */
export function tween(
  schema: Schema,
  from: Readonly<Record<string, Value>>,
  to: Readonly<Record<string, Value>>,
  start: number,
  duration = TWEEN_MS
): Tween {
  const moving = Object.keys(to).filter((key) => {
    const kind = schema[key]?.kind;
    return (kind === "number" || kind === "integer") && typeof from[key] === "number" && from[key] !== to[key];
  });
  return {
    at(now) {
      const u = duration > 0 ? Math.min(1, Math.max(0, (now - start) / duration)) : 1;
      if (u >= 1 || moving.length === 0) return {values: {...to}, done: true};
      const values: Record<string, Value> = {...to};
      const e = easeInOut(u);
      for (const key of moving) {
        const a = from[key] as number;
        const v = a + e * ((to[key] as number) - a);
        values[key] = schema[key]!.kind === "integer" ? Math.round(v) : v;
      }
      return {values, done: false};
    }
  };
}
