/**
 * Option parsing for the CLI: `--name value`, `--name=value` and boolean `--flag` (or `--flag true|false`). Every
 * command declares its options once, as fields of the one option schema (engine/options/schema.ts) that the demos'
 * attributes, links and controls also read, and gets them back typed and validated; anything else is a UsageError,
 * which the entry point prints as one line before exiting with code 2.
 */
import {boolean, formatValue, parseValue, type Field, type Values} from "../options/schema.ts";

export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * One command-line option: a schema field (`choice`, `text`, `number`, `integer`, `boolean`, `seed`). A `required`
 * option has no default on the command line (its field's default is a placeholder that is never used).
 */
export type OptionSpec = Field & {readonly required?: boolean};

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The parsed options of a command: one typed value per option, plus the `--json` and `--help` every command takes. */
export type ParsedOptions<S extends OptionSpecs = OptionSpecs> = Values<S> & {json: boolean; help: boolean};

/** The longest path a `text` option takes (`--out`, `--weights`, a file for `w2`). */
export const PATH_LENGTH = 4096;

/** The field, as an option that must be given: `a: required(text("", "first sample", PATH_LENGTH))`. */
export function required<F extends Field>(f: F): F & {readonly required: true} {
  return Object.freeze(Object.assign({}, f, {required: true as const}));
}

const always = {
  json: boolean(false, "print exactly one JSON object on stdout"),
  help: boolean(false, "show this help")
};

/** Parses argv (without the command name) against the specs. `--json` and `--help` are always accepted. */
export function parseOptions<S extends OptionSpecs>(argv: readonly string[], specs: S): ParsedOptions<S> {
  const out: Record<string, string | number | boolean> = {json: false, help: false};
  const all: OptionSpecs = {...specs, ...always};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument: ${arg}`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = Object.hasOwn(all, name) ? all[name] : undefined;
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
    if (Object.hasOwn(out, name)) continue;
    // A required option is only required when the command runs: `--help` alone must still work.
    if (spec.required) {
      if (out.help === true) continue;
      throw new UsageError(`missing option: --${name}`);
    }
    out[name] = spec.default;
  }
  return out as ParsedOptions<S>;
}

/** The schema's parse, with the schema's message (`invalid --n: "0" (an integer from 1 to 1024)`) as a UsageError. */
function convert(name: string, raw: string, spec: OptionSpec): string | number | boolean {
  try {
    return parseValue(`--${name}`, spec, raw);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The help text of one command's options. */
export function formatOptions(specs: OptionSpecs): string {
  return Object.entries(specs)
    .map(([name, s]) => {
      // An empty default means "not given" (e.g. --out): say nothing rather than print "(default )".
      const dflt = s.required ? " (required)" : s.default === "" ? "" : ` (default ${formatValue(s.default)})`;
      const choices = s.kind === "choice" ? ` [${s.choices.join("|")}]` : "";
      return `  --${name.padEnd(16)} ${s.help}${choices}${dflt}`;
    })
    .join("\n");
}
