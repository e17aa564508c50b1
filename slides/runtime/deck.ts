import Reveal from "reveal.js";
import type {RevealApi, RevealConfig} from "reveal.js";
import Notes from "reveal.js/plugin/notes";
import "reveal.js/reveal.css";
import "katex/dist/katex.min.css";
import "./theme.css";
import "./code.css";
import {loadDemo} from "../../demos/index.ts";
import {sharedEngine} from "../../demos/runtime/engine-client.ts";
import {mountDemo} from "../../demos/runtime/mount.ts";
import {codePanelPlugin} from "./plugins/code-panel.ts";
import {copyPlugin} from "./plugins/copy.ts";
import {demosPlugin} from "./plugins/demos.ts";
import {morphPlugin} from "./plugins/morph.ts";
import {scrollLinksPlugin} from "./plugins/scroll-links.ts";
import {timelinePlugin} from "./plugins/timeline.ts";
import {assignSlideIds} from "./slide-ids.ts";
import {prefersReducedMotion} from "./view.ts";

/** Settings every deck shares; a deck passes overrides to {@link createDeck}. */
const SHARED: RevealConfig = {
  hash: true,
  slideNumber: "c/t",
  controls: true,
  progress: true,
  center: true,
  width: 1280,
  height: 720,
  margin: 0.04,
  transition: "slide",
  autoAnimateDuration: 0.6,
  pdfSeparateFragments: true
};

/**
 * Starts the deck on the page (`.reveal`): readable slide ids (`#/ot-cfm`), Reveal with hash deep links, the speaker
 * view (press S), the demos plugin (live demos and stages) and equation and figure morphs, the code panels' tabs. Math is already typeset
 * at build time. Exposes the instance as `window.flowdeck` for the console and the end-to-end walk. Resolves once Reveal is ready.
 */
export async function createDeck(config: RevealConfig = {}): Promise<RevealApi> {
  const element = document.querySelector<HTMLElement>(".reveal");
  if (!element) throw new Error("no .reveal element on the page");
  // Before Reveal reads the link: a deep link to a readable id must find its slide.
  assignSlideIds(element.querySelector(".slides") ?? element);
  const still = prefersReducedMotion() ? {transition: "none" as const, autoAnimate: false} : {};
  const deck = new Reveal(element, {
    ...SHARED,
    ...still,
    ...config,
    plugins: [
      Notes,
      () =>
        demosPlugin({
          load: loadDemo,
          // A stage's later figures carry a copy of the owner's data-demo in static views.
          mount: (figure, load, options) => mountDemo(figure, load(figure.dataset.demo ?? ""), options),
          engine: sharedEngine
        }),
      morphPlugin,
      scrollLinksPlugin,
      codePanelPlugin,
      copyPlugin,
      timelinePlugin,
      ...(config.plugins ?? [])
    ]
  });
  (window as unknown as {flowdeck: RevealApi}).flowdeck = deck;
  await deck.initialize();
  return deck;
}
