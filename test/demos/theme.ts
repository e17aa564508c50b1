import {readFileSync} from "node:fs";
import {join} from "node:path";

/** The deck's stylesheet, so that `--fd-*` variables resolve in jsdom as on a slide (raster colours read them). */
export function loadTheme(): void {
  if (document.getElementById("fd-theme")) return;
  const style = document.createElement("style");
  style.id = "fd-theme";
  style.textContent = readFileSync(join(import.meta.dirname, "..", "..", "slides", "runtime", "theme.css"), "utf8");
  document.head.append(style);
}
