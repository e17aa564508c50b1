import {describe, expect, it} from "vitest";
import {readDemoLinks} from "../../../slides/runtime/demo-links.ts";

describe("readDemoLinks", () => {
  it("reads every demo-<key> parameter of the query by key, and ignores the others", () => {
    const links = readDemoLinks("?demo-hero=t:0.5;seed:3&print-pdf&demo-=x:1&demo-fm%2Dtrain=lr%3A0.01&x=1");
    expect([...links]).toEqual([
      ["hero", {texts: {t: "0.5", seed: "3"}}],
      ["fm-train", {texts: {lr: "0.01"}}]
    ]);
  });

  it("keeps a malformed or hostile value as an error naming the parameter, without throwing", () => {
    const links = readDemoLinks(`?demo-a=<script>alert(1)</script>&demo-b=${"x:1;".repeat(6000)}&demo-c=ok:1`);
    const a = links.get("a")!;
    const b = links.get("b")!;
    expect("error" in a && a.error.message).toMatch(/^link \?demo-a: invalid entry/);
    expect("error" in b && b.error.message).toMatch(/^link \?demo-b: too long/);
    expect(links.get("c")).toEqual({texts: {ok: "1"}});
  });
});
