/** Calls `onChange(true)` when `element` comes on screen and `onChange(false)` when it leaves. */
export type Watch = (element: Element, onChange: (visible: boolean) => void) => void;

/**
 * One IntersectionObserver for the whole page, so a demo runs only while its figure is on screen. Without
 * IntersectionObserver (an old browser, jsdom) every element counts as on screen.
 */
export function visibilityWatch(win: Window & typeof globalThis): Watch {
  if (typeof win.IntersectionObserver !== "function") return (_element, onChange) => onChange(true);
  const listeners = new Map<Element, (visible: boolean) => void>();
  const observer = new win.IntersectionObserver((entries) => {
    for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
  });
  return (element, onChange) => {
    listeners.set(element, onChange);
    observer.observe(element);
  };
}
