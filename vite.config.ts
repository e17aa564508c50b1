import {defineConfig} from "vite";
import {flowdeck} from "./slides/runtime/build/vite-plugin.ts";

// One static site: the gallery (index.html) and one page per deck, generated from slides/runtime/page.html.
// `base: "./"` makes every URL relative, so the build works from any sub-path. FLOWDECK_DECKS points the build at
// another folder of decks (the end-to-end self-test builds its failing fixture decks this way).
export default defineConfig({
  base: "./",
  // A multi-page site: an unknown path is a 404, not the gallery.
  appType: "mpa",
  plugins: [flowdeck({decksDir: process.env.FLOWDECK_DECKS ?? "slides"})],
  build: {target: "es2022", chunkSizeWarningLimit: 1024},
  worker: {format: "es"}
});
