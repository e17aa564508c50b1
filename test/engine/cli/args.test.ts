import {describe, expect, it} from "vitest";
import {formatOptions, parseOptions, UsageError, type OptionSpecs} from "../../../engine/cli/args.ts";

const specs: OptionSpecs = {
  name: {kind: "string", help: "a name", choices: ["a", "b"]},
  n: {kind: "integer", default: 10, min: 1, help: "count"},
  lr: {kind: "number", default: 1e-3, help: "rate"},
  verbose: {kind: "boolean", default: false, help: "talk"}
};

describe("parseOptions", () => {
  it("reads values in both spellings, fills defaults and always accepts --json", () => {
    const o = parseOptions(["--name", "a", "--n=5", "--verbose", "--json"], specs);
    expect(o).toEqual({name: "a", n: 5, lr: 1e-3, verbose: true, json: true, help: false});
  });

  it("reads a boolean as --flag, --flag=false or --flag false", () => {
    expect(parseOptions(["--name", "a", "--verbose", "false", "--n", "3"], specs)).toMatchObject({
      verbose: false,
      n: 3
    });
    expect(parseOptions(["--name", "a", "--verbose", "true"], specs).verbose).toBe(true);
    expect(parseOptions(["--verbose", "--name", "a"], specs).verbose).toBe(true);
    expect(() => parseOptions(["--name", "a", "--verbose", "no"], specs)).toThrow(/unexpected argument: no/);
  });

  it("lets --help through without the required options", () => {
    expect(parseOptions(["--help"], specs).help).toBe(true);
  });

  it.each([
    [["--n", "5"], /missing option: --name/],
    [["--name", "c"], /invalid --name: c/],
    [["--name", "a", "--n", "1.5"], /expected an integer/],
    [["--name", "a", "--n", "0"], /minimum 1/],
    [["--name", "a", "--lr", "abc"], /expected a number/],
    [["--name", "a", "--bogus"], /unknown option: --bogus/],
    [["--name"], /missing value for --name/],
    [["stray"], /unexpected argument: stray/]
  ])("rejects %j with a one-line UsageError", (argv, message) => {
    expect(() => parseOptions(argv, specs)).toThrow(UsageError);
    expect(() => parseOptions(argv, specs)).toThrow(message);
  });

  it("documents every option with its default", () => {
    const text = formatOptions(specs);
    expect(text).toContain("--name");
    expect(text).toContain("(required)");
    expect(text).toContain("(default 10)");
    expect(formatOptions({out: {kind: "string", default: "", help: "file"}})).not.toContain("(default");
  });
});
