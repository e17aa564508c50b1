/**
 * `npm run flow -- <command> [options] [--json]`: the engine, headless, in Node. Like the worker entry, this is one of
 * the two places allowed to touch its host (process, files); everything it runs is plain engine code.
 */
import {formatOptions, parseOptions, UsageError} from "./args.ts";
import {commands} from "./commands.ts";
import {snakeKeys} from "./snake.ts";

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n");
  return `usage: npm run flow -- <command> [options] [--json]\n\ncommands:\n${list}\n\nnpm run flow -- <command> --help shows a command's options.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "help") {
    console.log(usage());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command: ${name} (try --help)`);
  const options = parseOptions(rest, command.options);
  if (options.help) {
    console.log(
      `usage: npm run flow -- ${command.name} [options]\n\n${command.summary}\n\n${formatOptions(command.options)}`
    );
    return 0;
  }
  const result = await command.run(options);
  console.log(options.json ? JSON.stringify(snakeKeys(result.json)) : result.text);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Bad input is one line and exit code 2; anything else is a failure of the run (exit 1), also one line.
    const usageError = error instanceof UsageError || (error instanceof Error && error.name === "RangeError");
    const message = error instanceof Error ? error.message : String(error);
    console.error(`flow: ${message}`);
    process.exit(usageError ? 2 : 1);
  }
);
