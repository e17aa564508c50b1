// `npm test`: every gate in order (unit and property tests, types, lint, format, then the decks in Chromium).
// Stops at the first failing gate and exits with its code.
import {spawnSync} from "node:child_process";

const gates = [
  ["WebAssembly kernels", "node", ["scripts/build-wasm.mjs"]],
  ["unit and property tests", "npx", ["vitest", "run", "--project", "engine", "--project", "demos"]],
  // The engine again with the plain TypeScript kernels forced: both implementations must pass everything.
  [
    "engine tests on the reference kernels",
    "npx",
    ["vitest", "run", "--project", "engine"],
    {FLOWDECK_KERNELS: "reference"}
  ],
  ["types", "npx", ["tsc", "--noEmit"]],
  ["lint", "npx", ["eslint", "."]],
  ["format", "npx", ["prettier", "--check", "."]],
  ["end-to-end", "node", ["scripts/e2e.mjs"]]
];

for (const [name, cmd, args, env] of gates) {
  console.log(`\n== ${name}: ${cmd} ${args.join(" ")}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, {stdio: "inherit", env: {...process.env, ...env}});
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`== ${name} failed (${seconds} s)`);
    process.exit(r.status ?? 1);
  }
  console.log(`== ${name} passed (${seconds} s)`);
}
