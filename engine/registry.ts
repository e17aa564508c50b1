/**
 * One helper for the engine's name lookups (datasets, paths, ODE solvers, flow presets, time samplers, flow-matching
 * methods): a fixed table of entries by name, optional short aliases, and one message for a name it does not know,
 * `unknown dataset: spiral (one of ffjord-8gaussians, …; or moons, …)`, so the command line, a link and a `data-*`
 * attribute all say the same thing. Lookups go through a Map, so `constructor` or `__proto__` are unknown names like
 * any other.
 */
export interface Registry<T, N extends string = string> {
  /** What an entry is, in messages: "dataset", "solver". */
  readonly noun: string;
  /** The registered names in registration order, without aliases. */
  readonly names: readonly N[];
  /** Short names and the registered name each stands for. */
  readonly aliases: Readonly<Record<string, N>>;
  /** The entry under `name` or an alias; throws `unknown <noun>: <name> (one of <names>; or <aliases>)` otherwise. */
  get(name: string): T;
  /** True when `name` is a registered name or an alias. */
  has(name: string): boolean;
}

/**
 * A registry of `entries`: `[name, entry]` pairs (when the names come from the entries themselves), or a record.
 * Throws a RangeError for a repeated name, or an alias that shadows a name or points to no entry.
 */
export function registry<N extends string, T>(
  noun: string,
  entries: Iterable<readonly [N, T]>,
  aliases?: Readonly<Record<string, NoInfer<N>>>
): Registry<T, N>;
export function registry<N extends string, T>(
  noun: string,
  entries: Readonly<Record<N, T>>,
  aliases?: Readonly<Record<string, NoInfer<N>>>
): Registry<T, N>;
export function registry<N extends string, T>(
  noun: string,
  entries: Iterable<readonly [N, T]> | Readonly<Record<N, T>>,
  aliases: Readonly<Record<string, N>> = {}
): Registry<T, N> {
  const pairs: (readonly [N, T])[] = Symbol.iterator in entries ? [...entries] : (Object.entries(entries) as [N, T][]);
  const byName = new Map<string, T>();
  for (const [name, entry] of pairs) {
    if (byName.has(name)) throw new RangeError(`duplicate ${noun}: ${name}`);
    byName.set(name, entry);
  }
  const names = Object.freeze(pairs.map(([name]) => name));
  const alias = new Map<string, N>(Object.entries(aliases));
  for (const [short, name] of alias) {
    if (byName.has(short) || !byName.has(name)) throw new RangeError(`invalid ${noun} alias: ${short} = ${name}`);
  }
  const shortNames = [...alias.keys()];
  const known = `one of ${names.join(", ")}${shortNames.length > 0 ? `; or ${shortNames.join(", ")}` : ""}`;
  return {
    noun,
    names,
    aliases: Object.freeze({...aliases}),
    get(name) {
      const entry = byName.get(alias.get(name) ?? name);
      if (entry === undefined) throw new RangeError(`unknown ${noun}: ${shown(name)} (${known})`);
      return entry;
    },
    has: (name) => byName.has(alias.get(name) ?? name)
  };
}

/** A name as typed, shortened: a link can carry a hostile kilobyte where a name should be. */
function shown(name: unknown): string {
  const s = String(name);
  return s.length > 40 ? s.slice(0, 40) + "…" : s;
}
