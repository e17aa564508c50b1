// Entry of the speaker view (speaker.html, one page for the whole site): the slide now and the next one (the deck
// itself in two `?receiver` frames, which draw their demos as stills and start no worker), the current slide's notes,
// the slide count, the elapsed time and the clock. It follows the deck's window and drives it (speaker-sync.ts), so
// arrows, space and page keys here move the deck. Opened by S in a deck (speaker-link.ts) with `?deck=<folder>`.
import "katex/dist/katex.min.css";
import "./speaker.css";
import {broadcastPort, deckFromSearch} from "./speaker-link.ts";
import {channelName, clockTime, followDeck, keyCommand, type DeckStateMessage} from "./speaker-sync.ts";

function element<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`speaker page has no ${selector}`);
  return found;
}

function start(): void {
  const deck = deckFromSearch(location.search);
  const root = document.querySelector<HTMLMetaElement>('meta[name="flowdeck-root"]')?.content ?? "./";
  const deckUrl = new URL(`${root}${deck}`, location.href);
  const [current, upcoming] = ["current", "upcoming"].map((name) =>
    element<HTMLIFrameElement>(`.speaker-${name} iframe`)
  ) as [HTMLIFrameElement, HTMLIFrameElement];
  const notes = element<HTMLElement>(".speaker-notes-text");
  const count = element<HTMLElement>(".speaker-count");
  const end = element<HTMLElement>(".speaker-end");
  element<HTMLElement>(".speaker-title").textContent = `Speaker view: ${deck.replace(/\/$/, "")}`;

  const show = (message: DeckStateMessage) => {
    // The notes come from the deck's own page (same origin, typeset at build time).
    notes.innerHTML = message.notes || "<p>No notes on this slide.</p>";
    notes.scrollTop = 0;
    count.textContent = `${message.slide} / ${message.total}`;
    end.hidden = message.hasNext;
  };
  const post = (frame: HTMLIFrameElement) => ({
    post: (data: string) => frame.contentWindow?.postMessage(data, location.origin)
  });
  const sync = followDeck(broadcastPort(channelName(deck)), {show}, {current: post(current), upcoming: post(upcoming)});
  window.addEventListener("message", (event) => {
    if (event.origin !== location.origin) return;
    if (event.source === current.contentWindow) sync.fromFrame("current", event.data);
    else if (event.source === upcoming.contentWindow) sync.fromFrame("upcoming", event.data);
  });
  // Listen before loading the frames: each says `ready` once (postMessageEvents, set by the deck in receiver mode).
  const preview = new URL(deckUrl);
  preview.search = "?receiver";
  current.src = upcoming.src = preview.href;

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const command = keyCommand(event.key, event.shiftKey);
    // Space on the timer's button restarts the timer; every other key drives the deck.
    if (!command || (event.key === " " && (event.target as Element | null)?.closest?.("button"))) return;
    event.preventDefault();
    sync.go(command);
  });

  const elapsed = element<HTMLButtonElement>(".speaker-elapsed");
  const clock = element<HTMLElement>(".speaker-clock");
  let since = Date.now();
  const tick = () => {
    elapsed.textContent = clockTime(Date.now() - since);
    clock.textContent = new Date().toLocaleTimeString([], {hour: "2-digit", minute: "2-digit"});
  };
  elapsed.addEventListener("click", () => {
    since = Date.now();
    tick();
  });
  tick();
  setInterval(tick, 1000);
  (window as unknown as {flowdeckSpeaker: typeof sync}).flowdeckSpeaker = sync;
}

try {
  start();
} catch (error) {
  const message = document.createElement("p");
  message.className = "speaker-error";
  message.textContent = error instanceof Error ? error.message : String(error);
  document.querySelector(".speaker-main")?.replaceChildren(message);
}
