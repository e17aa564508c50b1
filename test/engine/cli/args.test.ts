import {describe, expect, expectTypeOf, it} from "vitest";
import {formatOptions, parseOptions, required, UsageError} from "../../../engine/cli/args.ts";
import {commands} from "../../../engine/cli/commands.ts";
import {boolean, choice, integer, number, seed, text} from "../../../engine/options/schema.ts";

const specs = {
  name: required(choice(["a", "b"], "a", "a name")),
  n: integer(10, "count", {min: 1}),
  lr: number(1e-3, "rate"),
  verbose: boolean(false, "talk")
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
    [["--name", "c"], /^invalid --name: "c" \(one of a, b\)$/],
    [["--name", "a", "--n", "1.5"], /^invalid --n: "1.5" \(an integer ≥ 1\)$/],
    [["--name", "a", "--n", "0"], /^invalid --n: "0" \(an integer ≥ 1\)$/],
    [["--name", "a", "--lr", "abc"], /^invalid --lr: "abc" \(a number\)$/],
    [["--name", "a", "--lr", "0x10"], /^invalid --lr: "0x10" \(a number\)$/],
    [["--name", "a", "--verbose=no"], /^invalid --verbose: "no" \(true or false\)$/],
    [["--name", "a", "--bogus"], /unknown option: --bogus/],
    [["--name", "a", "--constructor"], /unknown option: --constructor/],
    [["--name"], /missing value for --name/],
    [["stray"], /unexpected argument: stray/]
  ])("rejects %j with a one-line UsageError", (argv, message) => {
    expect(() => parseOptions(argv, specs)).toThrow(UsageError);
    expect(() => parseOptions(argv, specs)).toThrow(message);
  });

  it("documents every option with its default", () => {
    const help = formatOptions(specs);
    expect(help).toContain("--name");
    expect(help).toContain("(required)");
    expect(help).toContain("(default 10)");
    expect(help).toContain("[a|b]");
    expect(formatOptions({out: text("", "file")})).not.toContain("(default");
  });

  it("types the parsed options by the option table", () => {
    const o = parseOptions(["--name", "b"], {...specs, seed: seed(3)});
    expect(o).toEqual({name: "b", n: 10, lr: 1e-3, verbose: false, seed: 3, json: false, help: false});
    expectTypeOf(o).toEqualTypeOf<
      {
        name: "a" | "b";
        n: number;
        lr: number;
        verbose: boolean;
        seed: number;
      } & {json: boolean; help: boolean}
    >();
  });

  it("every command's defaults are valid values of its own options", () => {
    for (const c of commands) {
      const given = Object.entries(c.options).flatMap(([name, f]) => (f.required ? [`--${name}`, "moons"] : []));
      expect(() => parseOptions(given, c.options), c.name).not.toThrow();
    }
  });
});
