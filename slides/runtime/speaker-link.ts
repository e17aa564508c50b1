import type {RevealApi} from "reveal.js";
import {channelName, presentDeck, type PresentedDeck, type SpeakerMessage, type SpeakerPort} from "./speaker-sync.ts";

/** Where the speaker page sits in the built site, from the site's root. */
export const SPEAKER_PAGE = "slides/runtime/speaker.html";

/**
 * The deck's folder seen from the site's root (`slides/03-cnf/`), given the page's address and the root as the page
 * states it (`<meta name="flowdeck-root">`, e.g. `../../`).
 */
export function deckPath(href: string, root: string): string {
  const page = new URL(href);
  const base = new URL(root, page);
  const folder = page.pathname.replace(/[^/]*$/, "");
  if (!folder.startsWith(base.pathname)) throw new RangeError(`invalid flowdeck-root: ${root} is not above ${folder}`);
  return decodeURIComponent(folder.slice(base.pathname.length));
}

/** The speaker page's address for the deck at `href` (relative links only: the site may live under any path). */
export function speakerUrl(href: string, root: string): string {
  const url = new URL(`${root}${SPEAKER_PAGE}`, href);
  url.searchParams.set("deck", deckPath(href, root));
  return url.href;
}

/**
 * The deck folder a speaker page was given (`?deck=slides/03-cnf/`): a relative path of plain folder names inside the
 * site, never an address elsewhere or a way up. Throws a RangeError naming the parameter otherwise.
 */
export function deckFromSearch(search: string): string {
  const deck = new URLSearchParams(search).get("deck");
  if (deck === null) throw new RangeError("missing ?deck= (open the speaker view from a deck with S)");
  if (!/^(?:[A-Za-z0-9_][\w.-]*\/)+$/.test(deck) || deck.split("/").includes(".."))
    throw new RangeError(`invalid ?deck=: "${deck}" is not a deck folder of this site`);
  return deck;
}

/** A BroadcastChannel as a {@link SpeakerPort}. */
export function broadcastPort(name: string): SpeakerPort & {close(): void} {
  const channel = new BroadcastChannel(name);
  return {
    post: (message: SpeakerMessage) => channel.postMessage(message),
    listen(handler) {
      const listener = (event: MessageEvent) => handler(event.data);
      channel.addEventListener("message", listener);
      return () => channel.removeEventListener("message", listener);
    },
    close: () => channel.close()
  };
}

function siteRoot(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="flowdeck-root"]')?.content ?? "./";
}

/**
 * The speaker view of a presented deck, replacing Reveal's notes plugin (whose popup is written with inline scripts,
 * which the site's Content-Security-Policy forbids): S opens the site's speaker page (speaker.ts) for this deck, and
 * the deck tells it where it stands over a BroadcastChannel and takes its moves. Not in the speaker view's own
 * preview frames (`?receiver`), which are driven by the speaker page instead.
 */
export function speakerPlugin(): {id: string; init(deck: RevealApi): void} {
  return {
    id: "flowdeck-speaker",
    init(deck) {
      if (deck.isSpeakerNotes()) return;
      const root = siteRoot();
      const port = broadcastPort(channelName(deckPath(location.href, root)));
      deck.on("ready", () => presentDeck(deck as unknown as PresentedDeck, port));
      deck.addKeyBinding({keyCode: 83, key: "S", description: "Speaker view"}, () => {
        window.open(speakerUrl(location.href, root), "flowdeck-speaker", "popup,width=1200,height=760");
      });
    }
  };
}
