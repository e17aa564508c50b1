import type {OptionSpecs, ParsedOptions} from "./args.ts";

/** What a command gives back: a JSON-serialisable result, and the human-readable text printed without --json. */
export interface CommandResult {
  json: Record<string, unknown>;
  text: string;
}

/** One CLI command: its options, and a function that runs it headless on the engine. */
export interface Command {
  name: string;
  summary: string;
  options: OptionSpecs;
  run(options: ParsedOptions): Promise<CommandResult> | CommandResult;
}
