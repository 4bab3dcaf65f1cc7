import { useSyncExternalStore } from 'react';

/** Phones: the lists switch from table rows to cards (the same width as in styles.css). */
export const PHONE_QUERY = '(max-width: 760px)';

/** Whether a CSS media query matches now; re-renders when it flips (phone ↔ wide layouts). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}
