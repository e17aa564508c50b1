import type {OptionSpecs, ParsedOptions} from "./args.ts";

/** What a command gives back: a JSON-serialisable result, and the human-readable text printed without --json. */
export interface CommandResult {
  json: Record<string, unknown>;
  text: string;
}

/** One CLI command: its options, and a function that runs it headless on the engine with them, parsed and typed. */
export interface Command<S extends OptionSpecs = OptionSpecs> {
  name: string;
  summary: string;
  options: S;
  run(options: ParsedOptions<S>): Promise<CommandResult> | CommandResult;
}

/** Declares a command, so that `run` gets its options typed by the option table (`o.n` is a number, `o.solver` a name). */
export function command<S extends OptionSpecs>(c: Command<S>): Command<S> {
  return c;
}
