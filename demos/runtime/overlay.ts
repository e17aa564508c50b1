/** Class of the inline error box; the end-to-end walk fails on any it finds. */
export const ERROR_CLASS = "demo-error";

/**
 * Shows an error on one demo only: replaces what `output` holds with a short message box, so the rest of the
 * slide and the deck keep working.
 */
export function showError(output: HTMLElement, id: string, error: unknown): void {
  const box = output.ownerDocument.createElement("div");
  box.className = ERROR_CLASS;
  box.setAttribute("role", "alert");
  const title = output.ownerDocument.createElement("strong");
  title.textContent = `demo ${id || "(no id)"}: `;
  box.append(title, error instanceof Error ? error.message : String(error));
  output.replaceChildren(box);
}
