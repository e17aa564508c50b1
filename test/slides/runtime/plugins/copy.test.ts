import {afterEach, describe, expect, it, vi} from "vitest";
import {copyButtons} from "../../../../slides/runtime/plugins/copy.ts";

function slide(): HTMLElement {
  const root = document.createElement("div");
  root.innerHTML = `<section><pre data-copy="the BibTeX entry">@misc{key,\n  title = {T}\n}</pre><pre>plain</pre></section>`;
  document.body.replaceChildren(root);
  return root;
}

afterEach(() => vi.unstubAllGlobals());

describe("copy plugin", () => {
  it("adds one button per pre[data-copy], once, named after what it copies", () => {
    const root = slide();
    copyButtons(root);
    copyButtons(root);
    const buttons = root.querySelectorAll("button.copy-button");
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.getAttribute("aria-label")).toBe("copy the BibTeX entry");
    expect(buttons[0]!.nextElementSibling?.textContent).toContain("@misc{key");
  });

  it("puts the block's exact text on the clipboard and says so", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal("navigator", {clipboard: {writeText}});
    const root = slide();
    copyButtons(root);
    const button = root.querySelector<HTMLButtonElement>("button.copy-button")!;
    button.click();
    await vi.waitFor(() => expect(button.textContent).toBe("copied"));
    expect(writeText).toHaveBeenCalledWith("@misc{key,\n  title = {T}\n}");
  });

  it("selects the text when the clipboard is refused", async () => {
    vi.stubGlobal("navigator", {clipboard: {writeText: () => Promise.reject(new Error("denied"))}});
    const root = slide();
    copyButtons(root);
    const button = root.querySelector<HTMLButtonElement>("button.copy-button")!;
    button.click();
    await vi.waitFor(() => expect(button.textContent).not.toBe("copy"));
    expect(document.getSelection()?.toString()).toContain("@misc{key");
  });
});
