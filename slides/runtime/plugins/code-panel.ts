import type {RevealPlugin} from "reveal.js";

/** Keys a focused tab list uses: they move between tabs and must not also move the deck. */
const TAB_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "Enter", " "]);
/** Keys a focused code panel scrolls with, while it has more to show. */
const SCROLL_KEYS = new Set(["ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"]);

function tabsOf(list: Element): HTMLElement[] {
  return [...list.querySelectorAll<HTMLElement>(':scope > [role="tab"]')];
}

/** Shows `tab`'s panel and hides its siblings' (the markup is made at build time by build/code.ts). */
export function selectTab(tab: HTMLElement, focus = false): void {
  const list = tab.closest('[role="tablist"]');
  if (!list) return;
  for (const other of tabsOf(list)) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    const panel = tab.ownerDocument.getElementById(other.getAttribute("aria-controls") ?? "");
    if (panel) panel.hidden = !selected;
  }
  if (focus) tab.focus();
}

function onClick(event: Event): void {
  const tab = (event.target as Element | null)?.closest?.<HTMLElement>('.code-panel [role="tab"]');
  if (tab) selectTab(tab);
}

function onKeyDown(event: KeyboardEvent): void {
  const target = event.target as HTMLElement | null;
  const tab = target?.closest?.<HTMLElement>('.code-panel [role="tab"]');
  if (tab && TAB_KEYS.has(event.key)) {
    event.stopPropagation();
    if (event.key === "Enter" || event.key === " ") return; // the button's own click selects it
    event.preventDefault();
    const tabs = tabsOf(tab.parentElement!);
    const i = tabs.indexOf(tab);
    const back = event.key === "ArrowLeft" || event.key === "ArrowUp";
    const next =
      event.key === "Home"
        ? 0
        : event.key === "End"
          ? tabs.length - 1
          : (i + (back ? -1 : 1) + tabs.length) % tabs.length;
    selectTab(tabs[next]!, true);
    return;
  }
  const panel = target?.closest?.<HTMLElement>('.code-panel [role="tabpanel"]');
  // A focused panel that scrolls keeps the keys that scroll it; left, right, space and the rest stay Reveal's.
  if (panel && SCROLL_KEYS.has(event.key) && panel.scrollHeight > panel.clientHeight) event.stopPropagation();
}

/**
 * Makes the code panels' tabs work in `root`: click a tab, or focus the tab list and use the arrow keys, Home and End
 * (automatic activation, as the ARIA tabs pattern describes). Keys reach Reveal unless a tab or a scrolling panel has
 * the focus. Listens on `root` (delegation), so it is idempotent per root and survives Reveal moving slides around.
 * Returns a function that removes the listeners.
 */
export function codeTabs(root: HTMLElement): () => void {
  root.addEventListener("click", onClick);
  root.addEventListener("keydown", onKeyDown);
  return () => {
    root.removeEventListener("click", onClick);
    root.removeEventListener("keydown", onKeyDown);
  };
}

/** Reveal plugin: the code panels' tabs (see {@link codeTabs}). In print view the first tab shows, as built. */
export function codePanelPlugin(): RevealPlugin {
  return {
    id: "code-panel",
    init(deck) {
      codeTabs(deck.getRevealElement() as HTMLElement);
    }
  };
}
