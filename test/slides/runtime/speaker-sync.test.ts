import {describe, expect, it} from "vitest";
import {
  channelName,
  clockTime,
  followDeck,
  isSpeakerMessage,
  keyCommand,
  presentDeck,
  type DeckStateMessage,
  type PresentedDeck,
  type SpeakerMessage,
  type SpeakerPort
} from "../../../slides/runtime/speaker-sync.ts";

/** Two ports on one fake channel: what one posts, the other hears (as a BroadcastChannel, never the sender). */
function channel(): [SpeakerPort, SpeakerPort, SpeakerMessage[]] {
  const log: SpeakerMessage[] = [];
  const handlers: [Set<(m: unknown) => void>, Set<(m: unknown) => void>] = [new Set(), new Set()];
  const port = (mine: 0 | 1): SpeakerPort => ({
    post(message) {
      log.push(message);
      // Structured clone, as the real channel does: no shared objects between the pages.
      for (const handler of handlers[1 - mine]!) handler(structuredClone(message));
    },
    listen(handler) {
      handlers[mine].add(handler);
      return () => handlers[mine].delete(handler);
    }
  });
  return [port(0), port(1), log];
}

/** A deck of `slides` slides, the second with two fragments, that fires Reveal's events on each move. */
function fakeDeck(slides = 4) {
  const listeners = new Map<string, Set<() => void>>();
  let h = 0;
  let f = -1;
  const fragments = (i: number) => (i === 1 ? 2 : 0);
  const fire = (type: string) => listeners.get(type)?.forEach((l) => l());
  const deck: PresentedDeck & {moves: string[]} = {
    moves: [],
    getState: () => ({indexh: h, indexv: 0, indexf: f, paused: false, overview: false}),
    getSlideNotes: () => (h === 2 ? null : `<p>notes of slide ${h + 1}</p>`),
    getSlidePastCount: () => h,
    getTotalSlides: () => slides,
    isLastSlide: () => h === slides - 1,
    availableFragments: () => ({next: f < fragments(h) - 1}),
    on: (type, l) => listeners.set(type, (listeners.get(type) ?? new Set()).add(l)),
    off: (type, l) => listeners.get(type)?.delete(l),
    next() {
      deck.moves.push("next");
      if (f < fragments(h) - 1) {
        f++;
        fire("fragmentshown");
      } else if (h < slides - 1) {
        h++;
        f = -1;
        fire("slidechanged");
      }
    },
    prev() {
      deck.moves.push("prev");
      if (f >= 0) {
        f--;
        fire("fragmenthidden");
      } else if (h > 0) {
        h--;
        f = fragments(h) - 1;
        fire("slidechanged");
      }
    },
    left: () => deck.moves.push("left"),
    right: () => deck.moves.push("right"),
    up: () => deck.moves.push("up"),
    down: () => deck.moves.push("down"),
    slide(to) {
      deck.moves.push(`slide ${to}`);
      h = to;
      f = -1;
      fire("slidechanged");
    },
    getHorizontalSlides: () => Array.from({length: slides})
  };
  return deck;
}

/** A preview frame that records what the speaker page posts into it. */
const frame = () => {
  const posted: {method: string; args: unknown[]}[] = [];
  return {posted, post: (data: string) => posted.push(JSON.parse(data) as {method: string; args: unknown[]})};
};
const ready = JSON.stringify({namespace: "reveal", eventName: "ready", state: {}});

function speaker(deckSide: SpeakerPort, speakerSide: SpeakerPort, deck = fakeDeck()) {
  const shown: DeckStateMessage[] = [];
  const frames = {current: frame(), upcoming: frame()};
  presentDeck(deck, deckSide);
  const sync = followDeck(speakerSide, {show: (m) => shown.push(m)}, frames);
  return {deck, shown, frames, sync};
}

describe("the deck side", () => {
  it("tells where it stands on connecting, after every move, and to a speaker view that says hello", () => {
    const [deckSide, speakerSide, log] = channel();
    const deck = fakeDeck();
    const heard: unknown[] = [];
    speakerSide.listen((m) => heard.push(m));
    presentDeck(deck, deckSide);
    expect(heard).toHaveLength(1);
    deck.next();
    deck.next();
    expect(heard.at(-1)).toEqual({
      type: "state",
      state: {indexh: 1, indexv: 0, indexf: 0, paused: false, overview: false},
      notes: "<p>notes of slide 2</p>",
      slide: 2,
      total: 4,
      hasNext: true
    });
    speakerSide.post({type: "hello"});
    expect(heard).toHaveLength(4);
    expect(log.filter((m) => m.type === "hello")).toHaveLength(1);
  });

  it("makes only the moves it knows, and stops when disconnected", () => {
    const [deckSide, speakerSide] = channel();
    const deck = fakeDeck();
    const stop = presentDeck(deck, deckSide);
    speakerSide.post({type: "go", command: "right"});
    (speakerSide.post as (m: unknown) => void)({type: "go", command: "destroy"});
    (speakerSide.post as (m: unknown) => void)({type: "go", command: "toString"});
    speakerSide.post({type: "go", command: "last"});
    expect(deck.moves).toEqual(["right", "slide 3"]);
    stop();
    speakerSide.post({type: "go", command: "first"});
    deck.next();
    expect(deck.moves).toEqual(["right", "slide 3", "next"]);
  });

  it("says there is no next step on the last one, and empty notes where a slide has none", () => {
    const [deckSide, speakerSide] = channel();
    const {deck, shown} = speaker(deckSide, speakerSide);
    deck.slide(2);
    expect(shown.at(-1)).toMatchObject({notes: "", slide: 3, hasNext: true});
    deck.slide(3);
    expect(shown.at(-1)).toMatchObject({slide: 4, hasNext: false});
  });
});

describe("the speaker side", () => {
  it("shows the deck's state as soon as it opens, and follows every move of the deck", () => {
    const [deckSide, speakerSide] = channel();
    const {deck, shown} = speaker(deckSide, speakerSide);
    // The deck told its state on connecting (nobody listening yet) and again in answer to hello.
    expect(shown.map((m) => m.slide)).toEqual([1]);
    deck.next();
    deck.next();
    deck.prev();
    expect(shown.map((m) => [m.state.indexh, m.state.indexf])).toEqual([
      [0, -1],
      [1, -1],
      [1, 0],
      [1, -1]
    ]);
  });

  it("sets each preview frame once its deck is ready: current to the state, upcoming a step further", () => {
    const [deckSide, speakerSide] = channel();
    const {deck, frames, sync} = speaker(deckSide, speakerSide);
    expect(frames.current.posted).toEqual([]);
    sync.fromFrame("current", ready);
    expect(frames.current.posted).toEqual([{method: "setState", args: [deck.getState()]}]);
    expect(frames.upcoming.posted).toEqual([]);
    sync.fromFrame("upcoming", ready);
    expect(frames.upcoming.posted).toEqual([
      {method: "setState", args: [deck.getState()]},
      {method: "next", args: []}
    ]);
    deck.next();
    expect(frames.current.posted.at(-1)).toEqual({method: "setState", args: [deck.getState()]});
    expect(frames.upcoming.posted.slice(-2)).toEqual([
      {method: "setState", args: [deck.getState()]},
      {method: "next", args: []}
    ]);
  });

  it("ignores a frame's other events, non-JSON and messages that are not the deck's", () => {
    const [deckSide, speakerSide] = channel();
    const {frames, sync, shown} = speaker(deckSide, speakerSide);
    sync.fromFrame("current", JSON.stringify({namespace: "reveal", eventName: "slidechanged"}));
    sync.fromFrame("current", "{not json");
    sync.fromFrame("current", {namespace: "reveal", eventName: "ready"});
    expect(frames.current.posted).toEqual([]);
    deckSide.post({type: "state", notes: "<p>x</p>"} as unknown as SpeakerMessage);
    expect(shown).toHaveLength(1);
  });

  it("drives the deck: its keys become the deck's moves, and the deck's answer comes back", () => {
    const [deckSide, speakerSide] = channel();
    const {deck, shown, sync} = speaker(deckSide, speakerSide);
    for (const key of [" ", "ArrowRight", "PageDown", "n"]) sync.go(keyCommand(key)!);
    expect(deck.moves).toEqual(["next", "right", "next", "next"]);
    expect(shown.at(-1)?.state.indexh).toBe(1);
    expect(sync.last).toBe(shown.at(-1));
  });
});

describe("keyCommand", () => {
  it("reads the keys a presenter uses, and nothing else", () => {
    expect(keyCommand("ArrowLeft")).toBe("left");
    expect(keyCommand("ArrowUp")).toBe("up");
    expect(keyCommand("ArrowDown")).toBe("down");
    expect(keyCommand(" ", true)).toBe("prev");
    expect(keyCommand("PageUp")).toBe("prev");
    expect(keyCommand("p")).toBe("prev");
    expect(keyCommand("Home")).toBe("first");
    expect(keyCommand("End")).toBe("last");
    expect(keyCommand("s")).toBeUndefined();
    expect(keyCommand("Enter")).toBeUndefined();
  });
});

describe("messages", () => {
  it("accepts only well-formed messages", () => {
    expect(isSpeakerMessage({type: "hello"})).toBe(true);
    expect(isSpeakerMessage({type: "go", command: "next"})).toBe(true);
    expect(isSpeakerMessage({type: "go", command: "eval"})).toBe(false);
    expect(isSpeakerMessage({type: "state", state: {}, notes: "", slide: 1, total: 2, hasNext: true})).toBe(true);
    expect(isSpeakerMessage({type: "state", state: {}, notes: "", slide: 1.5, total: 2, hasNext: true})).toBe(false);
    expect(isSpeakerMessage({type: "state", state: null, notes: "", slide: 1, total: 2, hasNext: true})).toBe(false);
    expect(isSpeakerMessage(null)).toBe(false);
    expect(isSpeakerMessage("hello")).toBe(false);
  });

  it("names one channel per deck", () => {
    expect(channelName("slides/03-cnf/")).not.toBe(channelName("slides/04-flow-matching/"));
  });
});

describe("clockTime", () => {
  it("writes h:mm:ss", () => {
    expect(clockTime(0)).toBe("0:00:00");
    expect(clockTime(59_999)).toBe("0:00:59");
    expect(clockTime(3_725_000)).toBe("1:02:05");
    expect(clockTime(-5)).toBe("0:00:00");
  });
});
