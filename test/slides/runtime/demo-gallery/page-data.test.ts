import {describe, expect, it} from "vitest";
import {demoUsesScript} from "../../../../slides/runtime/build/demo-uses.ts";
import {onlyIds, readUses, useLabel} from "../../../../slides/runtime/demo-gallery/page-data.ts";

describe("the demo gallery's page data", () => {
  it("reads ?only= as ids in order, without repeats or blanks", () => {
    expect(onlyIds("")).toBeUndefined();
    expect(onlyIds("?only=b,a,,b")).toEqual(["b", "a"]);
    expect(onlyIds("?only=")).toEqual([]);
  });

  it("reads the uses the build wrote into the page, and none without them", () => {
    const use = {slug: "t", title: "T", h: 3, v: 1, href: "./slides/t/#/3/1"};
    document.body.innerHTML = demoUsesScript({a: [use]});
    expect(readUses(document)).toEqual({a: [use]});
    expect(useLabel(use)).toBe("T, slide 4.2");
    document.body.innerHTML = "";
    expect(readUses(document)).toEqual({});
  });
});
