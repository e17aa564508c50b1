import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {readSlides} from "../../../../slides/runtime/build/partials.ts";

function deck(html: string): string {
  const dir = mkdtempSync(join(tmpdir(), "flowdeck-partials-"));
  writeFileSync(join(dir, "slides.html"), html);
  return dir;
}

describe("readSlides", () => {
  it("readSlides() puts the shared citation slide where a deck includes it", () => {
    const {html, errors, files} = readSlides(deck("<section>a</section>\n<!-- include: cite -->\n"));
    expect(errors).toEqual([]);
    expect(html).toContain('<section id="cite">');
    expect(html).toContain("@misc{huang2025flowmatching,");
    expect(html).not.toContain("include: cite");
    expect(files).toHaveLength(1);
  });

  it("readSlides() leaves a deck without includes as it is, and reads partials from the folder given", () => {
    const partials = mkdtempSync(join(tmpdir(), "flowdeck-partials-dir-"));
    mkdirSync(partials, {recursive: true});
    writeFileSync(join(partials, "end.html"), "<section>the end</section>");
    expect(readSlides(deck("<section>a</section>")).html).toBe("<section>a</section>");
    expect(readSlides(deck("<!-- include: end -->"), partials).html).toBe("<section>the end</section>");
  });

  it("readSlides() reports an unknown partial and shows it on a slide of its own", () => {
    const {html, errors} = readSlides(deck("<!-- include: ../secrets -->"));
    expect(errors).toEqual(["unknown partial: ../secrets (no slides/runtime/partials/../secrets.html)"]);
    expect(html).toContain('class="code-error"');
  });
});
