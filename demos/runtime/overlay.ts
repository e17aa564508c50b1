/** Class of the inline error box; the end-to-end walk fails on any it finds. */
export const ERROR_CLASS = "demo-error";

/**
 * Shows an error on one demo only: replaces what `output` holds with a short message box, so the rest of the
 * slide and the deck keep working. With `reset`, the box has a "reset" button that calls it (a diverging run, a
 * crashed worker or a bad declared state can be started again from there).
 */
export function showError(output: HTMLElement, id: string, error: unknown, reset?: () => void): void {
  const doc = output.ownerDocument;
  const box = doc.createElement("div");
  box.className = ERROR_CLASS;
  box.setAttribute("role", "alert");
  const title = doc.createElement("strong");
  title.textContent = `demo ${id || "(no id)"}: `;
  box.append(title, error instanceof Error ? error.message : String(error));
  if (reset) {
    const button = doc.createElement("button");
    button.type = "button";
    button.className = "demo-reset";
    button.textContent = "reset";
    button.addEventListener("click", reset);
    box.append(" ", button);
  }
  output.replaceChildren(box);
}
