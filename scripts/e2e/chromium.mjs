// Finds a Chromium for the end-to-end walk, installing Debian's package when we are root with apt-get.
import {spawnSync} from "node:child_process";
import {existsSync} from "node:fs";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/opt/google/chrome/chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
  "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe"
];

/** The first Chromium found: $CHROME_PATH, then the usual install paths. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

function canInstall() {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  return root && spawnSync("apt-get", ["--version"], {stdio: "ignore"}).status === 0;
}

/** A Chromium path, or a one-line instruction (thrown) saying how to get one. */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (!process.env.CHROME_PATH && canInstall()) {
    console.log("e2e: no Chromium found; installing Debian's chromium with apt-get (about a minute)");
    const env = {...process.env, DEBIAN_FRONTEND: "noninteractive"};
    const update = spawnSync("apt-get", ["update"], {stdio: "inherit", env});
    const install = update.status === 0 && spawnSync("apt-get", ["install", "-y", "chromium"], {stdio: "inherit", env});
    const installed = install && install.status === 0 ? findChromium() : undefined;
    if (installed) return installed;
  }
  throw new Error(
    process.env.CHROME_PATH
      ? `CHROME_PATH=${process.env.CHROME_PATH} does not exist: point it at a Chromium or Chrome executable`
      : "no Chromium found: install it (e.g. `sudo apt-get install chromium`) or set CHROME_PATH to Chrome/Chromium"
  );
}
