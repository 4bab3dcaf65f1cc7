import { useAppStore } from '../stores';
import type { LoadedMeeting } from '../stores/meeting.slice';
import type { AppState } from '../stores';

/**
 * A site page's last known state on its device: the meeting's view, the site's own row and
 * its roll calls, with the time they were current. A site that opens its page with no line
 * (the installed app, its shell from the service worker) sees them at once, marked as stale
 * from that time, until the server answers. Data, not the shell: it lives in localStorage, per
 * link, and is replaced by the server's snapshot as soon as one arrives.
 */

const PREFIX = 'diemcau.last.';
const SAVE_AFTER_MS = 500;

type Saved = { savedAt: number; meeting: LoadedMeeting; ownSite: AppState['ownSite']; rollCalls: AppState['rollCalls'] };

function isSaved(value: unknown): value is Saved {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Saved>;
  return typeof v.savedAt === 'number' && typeof v.meeting === 'object' && v.meeting !== null && v.meeting.role === 'site' && Array.isArray(v.rollCalls);
}

/** Puts the saved state of `token` in the store; returns when it was current, or null when there is none. */
export function restoreLastState(token: string): number | null {
  try {
    const raw = localStorage.getItem(PREFIX + token);
    if (raw === null) return null;
    const saved: unknown = JSON.parse(raw);
    if (!isSaved(saved)) return null;
    useAppStore.setState({ meeting: saved.meeting, ownSite: saved.ownSite, rollCalls: saved.rollCalls });
    return saved.savedAt;
  } catch (error) {
    console.warn('the last state of this page could not be read; waiting for the server', error);
    return null;
  }
}

/**
 * Saves a site page's state (half a second after it changes) while it is live. `isLive` says
 * whether what the store holds came from the server on this connection (not from the saved copy).
 */
export function keepLastState(token: string, isLive: () => boolean): () => void {
  let timer: number | null = null;
  const save = () => {
    timer = null;
    const { meeting, ownSite, rollCalls } = useAppStore.getState();
    if (meeting?.role !== 'site' || !isLive()) return;
    try {
      localStorage.setItem(PREFIX + token, JSON.stringify({ savedAt: Date.now(), meeting, ownSite, rollCalls } satisfies Saved));
    } catch (error) {
      console.warn('the page state could not be kept on this device (storage full or off)', error);
    }
  };
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    if (state.meeting === previous.meeting && state.ownSite === previous.ownSite && state.rollCalls === previous.rollCalls) return;
    if (timer === null) timer = window.setTimeout(save, SAVE_AFTER_MS);
  });
  // leaving the page: what it showed was current until now
  const onHide = () => {
    if (useAppStore.getState().connection.status === 'online') save();
  };
  window.addEventListener('pagehide', onHide);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', onHide);
    if (timer !== null) {
      window.clearTimeout(timer);
      save();
    }
  };
}

/** The public page's meeting (title, window, categories) as last read, per link: it opens with no line too. */
export function recallPublicInfo<T extends { meetingId: string }>(token: string): T | null {
  try {
    const raw = localStorage.getItem(`${PREFIX}q.${token}`);
    const value: unknown = raw === null ? null : JSON.parse(raw);
    return typeof value === 'object' && value !== null && typeof (value as { meetingId?: unknown }).meetingId === 'string' ? (value as T) : null;
  } catch (error) {
    console.warn('the last meeting details of this page could not be read', error);
    return null;
  }
}

export function rememberPublicInfo(token: string, info: { meetingId: string }): void {
  try {
    localStorage.setItem(`${PREFIX}q.${token}`, JSON.stringify(info));
  } catch (error) {
    console.warn('the meeting details could not be kept on this device', error);
  }
}
