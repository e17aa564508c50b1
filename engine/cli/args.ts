/**
 * Option parsing for the CLI: `--name value`, `--name=value` and boolean `--flag` (or `--flag true|false`). Every
 * command declares its options once (name, kind, default, help) and gets them back typed and validated; anything else
 * is a UsageError, which the entry point prints as one line before exiting with code 2.
 */
export class UsageError extends Error {
  override name = "UsageError";
}

export type OptionKind = "string" | "number" | "integer" | "boolean";

export interface OptionSpec {
  kind: OptionKind;
  /** Omit for a required option. */
  default?: string | number | boolean;
  help: string;
  /** Allowed values of a string option. */
  choices?: readonly string[];
  /** Inclusive bounds of a numeric option. */
  min?: number;
  max?: number;
}

export type OptionSpecs = Record<string, OptionSpec>;

export type ParsedOptions = Record<string, string | number | boolean>;

/** Parses argv (without the command name) against the specs. `--json` and `--help` are always accepted. */
export function parseOptions(argv: readonly string[], specs: OptionSpecs): ParsedOptions {
  const out: ParsedOptions = {json: false, help: false};
  const all: OptionSpecs = {
    ...specs,
    json: {kind: "boolean", default: false, help: "print exactly one JSON object on stdout"},
    help: {kind: "boolean", default: false, help: "show this help"}
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument: ${arg}`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = all[name];
    if (!spec) throw new UsageError(`unknown option: --${name}`);
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else if (spec.kind === "boolean") {
      // `--flag false` reads like `--flag=false` (there are no positional arguments to confuse it with).
      const next = argv[i + 1];
      raw = next === "true" || next === "false" ? next : "true";
      if (raw === next) i++;
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`missing value for --${name}`);
      raw = next;
      i++;
    }
    out[name] = convert(name, raw, spec);
  }
  for (const [name, spec] of Object.entries(all)) {
    if (out[name] !== undefined) continue;
    // A required option is only required when the command runs: `--help` alone must still work.
    if (spec.default === undefined) {
      if (out.help === true) continue;
      throw new UsageError(`missing option: --${name}`);
    }
    out[name] = spec.default;
  }
  return out;
}

function convert(name: string, raw: string, spec: OptionSpec): string | number | boolean {
  switch (spec.kind) {
    case "boolean":
      if (raw === "true") return true;
      if (raw === "false") return false;
      throw new UsageError(`invalid --${name}: ${raw} (expected true or false)`);
    case "string":
      if (spec.choices && !spec.choices.includes(raw)) {
        throw new UsageError(`invalid --${name}: ${raw} (expected one of ${spec.choices.join(", ")})`);
      }
      return raw;
    case "number":
    case "integer": {
      const v = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(v) || (spec.kind === "integer" && !Number.isInteger(v))) {
        throw new UsageError(
          `invalid --${name}: ${raw} (expected ${spec.kind === "integer" ? "an integer" : "a number"})`
        );
      }
      if (spec.min !== undefined && v < spec.min)
        throw new UsageError(`invalid --${name}: ${raw} (minimum ${spec.min})`);
      if (spec.max !== undefined && v > spec.max)
        throw new UsageError(`invalid --${name}: ${raw} (maximum ${spec.max})`);
      return v;
    }
  }
}

/** The help text of one command's options. */
export function formatOptions(specs: OptionSpecs): string {
  return Object.entries(specs)
    .map(([name, s]) => {
      // An empty default means "not given" (e.g. --out): say nothing rather than print "(default )".
      const dflt = s.default === undefined ? " (required)" : s.default === "" ? "" : ` (default ${String(s.default)})`;
      const choices = s.choices ? ` [${s.choices.join("|")}]` : "";
      return `  --${name.padEnd(16)} ${s.help}${choices}${dflt}`;
    })
    .join("\n");
}
