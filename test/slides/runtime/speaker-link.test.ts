import {describe, expect, it} from "vitest";
import {deckFromSearch, deckPath, speakerUrl} from "../../../slides/runtime/speaker-link.ts";

describe("the speaker page's address", () => {
  it("is found from the deck's page and the root it states, under any sub-path", () => {
    const page = "https://example.org/course/site/slides/03-cnf/?x=1#/euler";
    expect(deckPath(page, "../../")).toBe("slides/03-cnf/");
    expect(speakerUrl(page, "../../")).toBe(
      "https://example.org/course/site/slides/runtime/speaker.html?deck=slides%2F03-cnf%2F"
    );
    expect(deckPath("http://localhost:5173/test/e2e/fixtures/x/index.html", "../../../../")).toBe(
      "test/e2e/fixtures/x/"
    );
  });

  it("refuses a root that is not above the page", () => {
    expect(() => deckPath("https://example.org/a/", "../../../b/")).toThrow(/invalid flowdeck-root/);
  });

  it("round-trips: the speaker page reads back the deck it was given", () => {
    const url = new URL(speakerUrl("https://example.org/site/slides/01-introduction/", "../../"));
    expect(deckFromSearch(url.search)).toBe("slides/01-introduction/");
  });
});

describe("deckFromSearch", () => {
  it("refuses a missing deck, another site, a way up or an absolute path", () => {
    expect(() => deckFromSearch("")).toThrow(/missing \?deck=/);
    for (const bad of [
      "https://evil.example/",
      "//evil.example/x/",
      "/slides/x/",
      "slides/../../x/",
      "slides/x",
      "a b/"
    ])
      expect(() => deckFromSearch(`?deck=${encodeURIComponent(bad)}`), bad).toThrow(RangeError);
  });
});
