import type {RevealPlugin} from "reveal.js";

/** How long the button says "copied" (ms). */
const CONFIRM_MS = 1500;

/** Copies `text`: the Clipboard API where the page may use it, else a selection and the copy command. */
async function copyText(element: HTMLElement, text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard access (an insecure origin, a denied permission): select the text so the viewer can copy it.
    const range = element.ownerDocument.createRange();
    range.selectNodeContents(element);
    const selection = element.ownerDocument.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return element.ownerDocument.execCommand?.("copy") ?? false;
  }
}

/**
 * Adds a "copy" button to every `<pre data-copy>` in `root` (a BibTeX entry, a command, a snippet): one click puts
 * the block's text on the clipboard and the button says "copied". Idempotent: a block that has its button keeps it.
 */
export function copyButtons(root: ParentNode): void {
  for (const block of root.querySelectorAll<HTMLElement>("pre[data-copy]")) {
    if (block.previousElementSibling?.classList.contains("copy-button")) continue;
    const button = block.ownerDocument.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "copy";
    button.setAttribute("aria-label", `copy ${block.dataset.copy || "this text"}`);
    button.addEventListener("click", () => {
      void copyText(block, block.textContent ?? "").then((done) => {
        button.textContent = done ? "copied" : "selected: press Ctrl+C";
        setTimeout(() => (button.textContent = "copy"), CONFIRM_MS);
      });
    });
    block.before(button);
  }
}

/** Reveal plugin: copy buttons on `pre[data-copy]` blocks (see {@link copyButtons}). */
export function copyPlugin(): RevealPlugin {
  return {
    id: "copy",
    init(deck) {
      copyButtons(deck.getRevealElement() as HTMLElement);
    }
  };
}
