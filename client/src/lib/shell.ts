/**
 * The site page and the public page install as web apps: their service worker (dist/sw.js,
 * written at build from client/service-worker.js) keeps the shell so the page opens with no
 * line, and never keeps data. Other pages do not register it.
 */
export function keepShellOffline(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
    console.warn('the service worker did not register; the page works, but not without a line', error);
  });
}
