import {spawnSync} from "node:child_process";
import {describe, expect, it} from "vitest";

/** Runs the real entry point in a child Node process, as `npm run flow -- ...` does. */
function flow(...argv: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "engine/cli/main.ts", ...argv], {encoding: "utf8"});
  return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}

describe("flow entry point", () => {
  it("with --json prints exactly one JSON object on stdout and nothing on stderr", () => {
    for (const argv of [
      ["datasets", "--json"],
      ["datasets", "--name", "moons", "--n", "3", "--json"],
      ["integrate", "--n", "5", "--steps", "4", "--json"]
    ]) {
      const r = flow(...argv);
      expect(r.status, argv.join(" ")).toBe(0);
      expect(r.stderr, argv.join(" ")).toBe("");
      const lines = r.stdout.split("\n").filter((line) => line !== "");
      expect(lines, argv.join(" ")).toHaveLength(1);
      const value: unknown = JSON.parse(lines[0]!);
      expect(typeof value === "object" && value !== null && !Array.isArray(value), argv.join(" ")).toBe(true);
      expect(JSON.stringify(value), "keys are snake_case").not.toMatch(/"[a-z0-9_]*[A-Z][A-Za-z0-9_]*":/);
    }
  });

  it("answers bad input with one line on stderr, nothing on stdout, and exit code 2", () => {
    for (const argv of [
      ["nosuch"],
      ["datasets", "--bogus"],
      ["datasets", "--n", "abc"],
      ["datasets", "--name", "nope", "--json"],
      ["integrate", "--solver", "rk45"],
      ["w2", "--a", "moons"]
    ]) {
      const r = flow(...argv);
      expect(r.status, argv.join(" ")).toBe(2);
      expect(r.stdout, argv.join(" ")).toBe("");
      expect(r.stderr, argv.join(" ")).toMatch(/^flow: [^\n]+\n$/);
    }
  });

  it("shows the command list and each command's options with --help, even without required options", () => {
    const top = flow("--help");
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/^usage: npm run flow -- <command>/);
    for (const name of ["datasets", "w2", "integrate", "train-cnf", "bench"]) {
      expect(top.stdout, name).toContain(`  ${name} `);
      const r = flow(name, "--help");
      expect(r.status, name).toBe(0);
      expect(r.stdout, name).toMatch(new RegExp(`^usage: npm run flow -- ${name} \\[options\\]`));
    }
  });
});
