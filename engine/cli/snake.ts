/**
 * The CLI's JSON speaks snake_case (`train_seconds`, `steps_per_second`, `w2_floor`), as the Python tools our users
 * compare against do. Commands build their results in the engine's camelCase; this is the one place that converts.
 */
export function snakeKey(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** A deep copy of a JSON-like value with every object key in snake_case. */
export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== "object" || ArrayBuffer.isView(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeKey(k), snakeKeys(v)]));
}
