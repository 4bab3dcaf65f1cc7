import type { McView } from '@diemcau/shared';
import { type MouseEvent, useSyncExternalStore } from 'react';

export { type McView, parseRoute, type Route } from '@diemcau/shared';

/** The path of an MC view. */
export const mcPath = (token: string, view: McView) => `/mc/${encodeURIComponent(token)}${view === 'console' ? '' : `/${view}`}`;

const NAVIGATED = 'diemcau:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

/** The current path; re-renders on back/forward and on `navigate`. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function navigate(path: string, { replace = false } = {}): void {
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** Click handler for in-app links: keeps modifier clicks (new tab) to the browser. */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.pathname);
}
