import Reveal from "reveal.js";
import type {RevealApi, RevealConfig} from "reveal.js";
import "reveal.js/reveal.css";
import "katex/dist/katex.min.css";
import "./theme.css";
import "./code.css";
import "./reading.css";
import {loadDemo} from "../../demos/index.ts";
import {sharedEngine} from "../../demos/runtime/engine-client.ts";
import {mountDemo} from "../../demos/runtime/mount.ts";
import {codePanelPlugin, codeTabs} from "./plugins/code-panel.ts";
import {copyButtons, copyPlugin} from "./plugins/copy.ts";
import {demosPlugin} from "./plugins/demos.ts";
import {morphPlugin} from "./plugins/morph.ts";
import {scrollLinksPlugin} from "./plugins/scroll-links.ts";
import {timelineEvents, timelinePlugin, timelineScrubbers} from "./plugins/timeline.ts";
import {startReadingView, type ReadingView} from "./reading-view.ts";
import {assignSlideIds} from "./slide-ids.ts";
import {speakerPlugin} from "./speaker-link.ts";
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
 * view (press S: the site's own speaker page, speaker-link.ts), the demos plugin (live demos and stages) and equation and figure morphs, the code panels' tabs. Math is already typeset
 * at build time. Exposes the instance as `window.flowdeck` for the console and the end-to-end walk. Resolves once Reveal is ready.
 */
export async function createDeck(config: RevealConfig = {}): Promise<RevealApi> {
  const element = document.querySelector<HTMLElement>(".reveal");
  if (!element) throw new Error("no .reveal element on the page");
  // Before Reveal reads the link: a deep link to a readable id must find its slide.
  assignSlideIds(element.querySelector(".slides") ?? element);
  // Reduced motion: slides, their backgrounds and auto-animate cut instead of moving (theme.css stills the chrome).
  const still = prefersReducedMotion()
    ? {transition: "none" as const, backgroundTransition: "none" as const, autoAnimate: false}
    : {};
  // A preview frame of the speaker view (`?receiver`) tells the speaker page when it is ready for its state.
  const preview = /[?&]receiver(&|=|$)/.test(location.search) ? {postMessageEvents: true} : {};
  const deck = new Reveal(element, {
    ...SHARED,
    ...still,
    ...preview,
    ...config,
    plugins: [
      speakerPlugin,
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

/**
 * Starts the deck on the page as an article for reading on a phone (reading-view.ts): no Reveal, the same demos,
 * code tabs and copy buttons. Exposes the view as `window.flowdeckReading`. Resolves once the linked slide is in view.
 */
export async function createReadingPage(): Promise<ReadingView> {
  const element = document.querySelector<HTMLElement>(".reveal");
  const slides = element?.querySelector<HTMLElement>(".slides");
  if (!element || !slides) throw new Error("no .reveal .slides element on the page");
  assignSlideIds(slides);
  const view = startReadingView(slides, {
    load: loadDemo,
    mount: (figure, load, options) => mountDemo(figure, load(figure.dataset.demo ?? ""), options),
    engine: sharedEngine,
    reducedMotion: prefersReducedMotion(),
    search: location.search
  });
  codeTabs(element);
  copyButtons(element);
  // Every fragment shows in an article, so a timeline starts at its last date; its slider still scrubs.
  timelineScrubbers(element, {print: true});
  timelineEvents(element);
  (window as unknown as {flowdeckReading: ReadingView}).flowdeckReading = view;
  await view.ready;
  return view;
}
