/**
 * Registers the built site's service worker (slides/runtime/build/service-worker.ts), which keeps every page, demo,
 * weight file and font for offline use after one visit. Built pages only: the dev server has no `sw.js`. Each page
 * says where the site's root is (`<meta name="flowdeck-root">`), since the site may live under any path.
 */
export function registerOffline(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const root = document.querySelector<HTMLMetaElement>('meta[name="flowdeck-root"]')?.content ?? "./";
  navigator.serviceWorker.register(new URL(`${root}sw.js`, location.href)).catch((error: unknown) => {
    // Offline use is a convenience: the page works without it.
    console.info(`flowdeck: no offline cache (${error instanceof Error ? error.message : String(error)})`);
  });
}
