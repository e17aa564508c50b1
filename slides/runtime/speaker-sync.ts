// How the speaker view (speaker.ts, its own page) and a deck's window stay in step, over a channel both pages open
// (a BroadcastChannel named after the deck): the deck says where it stands after every move, the speaker view asks it
// to move. The preview frames are the deck itself in `?receiver` mode, driven with Reveal's postMessage API. No DOM
// here beyond what the caller passes in, so the logic runs in unit tests with fake channels, decks and frames.

/** A two-way channel between same-origin pages (a BroadcastChannel, or a fake in tests). */
export interface SpeakerPort {
  post(message: SpeakerMessage): void;
  /** Calls `handler` with every message from the other side; returns a function that stops listening. */
  listen(handler: (message: unknown) => void): () => void;
}

/** Where the deck stands, with what the speaker view shows of it. */
export interface DeckStateMessage {
  type: "state";
  /** Reveal's own state (`getState()`), which the preview frames are set to. */
  state: Record<string, unknown>;
  /** The current slide's notes, as HTML (math already typeset by the build). */
  notes: string;
  /** 1-based number of the current slide and the total, as the deck counts them. */
  slide: number;
  total: number;
  /** False on the deck's last step: there is no next slide to preview. */
  hasNext: boolean;
}

/** Moves the speaker view can ask of the deck (Reveal's navigation methods of the same names). */
export const COMMANDS = ["next", "prev", "left", "right", "up", "down", "first", "last"] as const;
export type SpeakerCommand = (typeof COMMANDS)[number];

export type SpeakerMessage = DeckStateMessage | {type: "hello"} | {type: "go"; command: SpeakerCommand};

/** What the deck side needs of Reveal. */
export interface PresentedDeck {
  getState(): object;
  getSlideNotes(): string | null | undefined;
  getSlidePastCount(): number;
  getTotalSlides(): number;
  isLastSlide(): boolean;
  availableFragments(): {next: boolean};
  on(type: string, listener: () => void): void;
  off(type: string, listener: () => void): void;
  next(): void;
  prev(): void;
  left(): void;
  right(): void;
  up(): void;
  down(): void;
  slide(h: number, v?: number, f?: number): void;
  getHorizontalSlides(): readonly unknown[];
}

/** Events after which the deck tells the speaker view where it stands. */
const MOVES = ["slidechanged", "fragmentshown", "fragmenthidden", "overviewshown", "overviewhidden"];

/** The channel's name for one deck (its path in the site), so two decks presented at once do not mix. */
export function channelName(deckPath: string): string {
  return `flowdeck-speaker:${deckPath}`;
}

/** What the deck says of itself now. */
export function deckState(deck: PresentedDeck): DeckStateMessage {
  return {
    type: "state",
    state: {...deck.getState()} as Record<string, unknown>,
    notes: deck.getSlideNotes() ?? "",
    slide: deck.getSlidePastCount() + 1,
    total: deck.getTotalSlides(),
    hasNext: !deck.isLastSlide() || deck.availableFragments().next
  };
}

/** True for a message one side may act on (anything else on the channel is ignored). */
export function isSpeakerMessage(message: unknown): message is SpeakerMessage {
  if (typeof message !== "object" || message === null) return false;
  const m = message as Record<string, unknown>;
  if (m.type === "hello") return true;
  if (m.type === "go") return (COMMANDS as readonly unknown[]).includes(m.command);
  return (
    m.type === "state" &&
    typeof m.state === "object" &&
    m.state !== null &&
    typeof m.notes === "string" &&
    Number.isInteger(m.slide) &&
    Number.isInteger(m.total) &&
    typeof m.hasNext === "boolean"
  );
}

/**
 * The deck's side: says where the deck stands after every move and whenever a speaker view says hello, and makes the
 * moves a speaker view asks for. Returns a function that disconnects.
 */
export function presentDeck(deck: PresentedDeck, port: SpeakerPort): () => void {
  const tell = () => port.post(deckState(deck));
  const moves: Record<SpeakerCommand, () => void> = {
    next: () => deck.next(),
    prev: () => deck.prev(),
    left: () => deck.left(),
    right: () => deck.right(),
    up: () => deck.up(),
    down: () => deck.down(),
    first: () => deck.slide(0, 0, -1),
    last: () => deck.slide(deck.getHorizontalSlides().length - 1)
  };
  const stop = port.listen((message) => {
    if (!isSpeakerMessage(message)) return;
    if (message.type === "hello") tell();
    // The move's own event tells the speaker view where the deck went.
    else if (message.type === "go") moves[message.command]();
  });
  for (const type of MOVES) deck.on(type, tell);
  tell();
  return () => {
    stop();
    for (const type of MOVES) deck.off(type, tell);
  };
}

/** The speaker view's command for a key, or undefined (keys as the deck itself reads them). */
export function keyCommand(key: string, shiftKey = false): SpeakerCommand | undefined {
  switch (key) {
    case "ArrowRight":
      return "right";
    case "ArrowLeft":
      return "left";
    case "ArrowDown":
      return "down";
    case "ArrowUp":
      return "up";
    case " ":
      return shiftKey ? "prev" : "next";
    case "PageDown":
    case "n":
    case "N":
      return "next";
    case "PageUp":
    case "p":
    case "P":
      return "prev";
    case "Home":
      return "first";
    case "End":
      return "last";
    default:
      return undefined;
  }
}

/** One preview frame as the speaker view drives it: posts a string into the deck's window. */
export interface PreviewFrame {
  post(data: string): void;
}

/** What the speaker view shows besides the frames. */
export interface SpeakerScreen {
  show(message: DeckStateMessage): void;
}

/** The speaker view's side, returned by {@link followDeck}. */
export interface SpeakerSync {
  /** A message a preview frame posted to the speaker page (Reveal's postMessage events). */
  fromFrame(frame: "current" | "upcoming", data: unknown): void;
  /** Asks the deck for a move. */
  go(command: SpeakerCommand): void;
  /** The last state the deck told, if any. */
  readonly last: DeckStateMessage | undefined;
  /** Stops listening to the channel. */
  stop(): void;
}

const reveal = (method: string, args: unknown[] = []) => JSON.stringify({method, args});

/**
 * The speaker view's side: says hello (the deck answers with where it stands), shows each state the deck tells, and
 * sets the two preview frames to it, the upcoming one a step further. A frame is set once its deck is ready (Reveal
 * posts `ready` to its parent with `postMessageEvents`); until then the latest state waits.
 */
export function followDeck(
  port: SpeakerPort,
  screen: SpeakerScreen,
  frames: Record<"current" | "upcoming", PreviewFrame>
): SpeakerSync {
  const ready = {current: false, upcoming: false};
  let last: DeckStateMessage | undefined;
  const setFrame = (frame: "current" | "upcoming") => {
    if (!last || !ready[frame]) return;
    frames[frame].post(reveal("setState", [last.state]));
    if (frame === "upcoming") frames.upcoming.post(reveal("next"));
  };
  const stop = port.listen((message) => {
    if (!isSpeakerMessage(message) || message.type !== "state") return;
    last = message;
    screen.show(message);
    setFrame("current");
    setFrame("upcoming");
  });
  port.post({type: "hello"});
  return {
    fromFrame(frame, data) {
      if (typeof data !== "string" || !data.startsWith("{")) return;
      let event: unknown;
      try {
        event = JSON.parse(data);
      } catch {
        return;
      }
      const e = event as {namespace?: unknown; eventName?: unknown};
      if (e.namespace !== "reveal" || e.eventName !== "ready") return;
      ready[frame] = true;
      setFrame(frame);
    },
    go: (command) => port.post({type: "go", command}),
    get last() {
      return last;
    },
    stop
  };
}

/** `h:mm:ss` of a duration in milliseconds (the speaker view's elapsed time). */
export function clockTime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number) => String(n).padStart(2, "0");
  return `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}
