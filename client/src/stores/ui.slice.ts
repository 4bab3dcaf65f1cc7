import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export type Lang = 'vi' | 'en';
export type Toast = { id: number; kind: 'error' | 'success'; text: string };
export type ConfirmRequest = {
  title: string;
  body: string;
  confirmLabel: string;
  danger: boolean;
  resolve: (confirmed: boolean) => void;
};

const LANG_KEY = 'diemcau.lang';

/** The saved language; Vietnamese when none is saved or storage is unavailable. */
function savedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch (error) {
    console.warn('language preference unavailable, using Vietnamese', error);
    return 'vi';
  }
}

export type UiSlice = {
  lang: Lang;
  toasts: Toast[];
  /** Commands sent and not yet answered (and seen applied): controls are disabled meanwhile. */
  pendingCommands: number;
  confirm: ConfirmRequest | null;
  setLang: (lang: Lang) => void;
  pushToast: (kind: Toast['kind'], text: string) => void;
  dismissToast: (id: number) => void;
  commandStarted: () => void;
  commandSettled: () => void;
  setConfirm: (request: ConfirmRequest | null) => void;
};

let nextToastId = 1;
const TOAST_MS = { error: 10_000, success: 3_500 } as const;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  lang: savedLang(),
  toasts: [],
  pendingCommands: 0,
  confirm: null,

  setLang: (lang) => {
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch (error) {
      console.warn('could not save the language preference', error);
    }
    document.documentElement.lang = lang;
    set({ lang });
  },

  pushToast: (kind, text) => {
    const id = nextToastId++;
    // the same refusal twice in a row replaces the older one instead of stacking
    set({ toasts: [...get().toasts.filter((t) => t.text !== text), { id, kind, text }].slice(-4) });
    window.setTimeout(() => get().dismissToast(id), TOAST_MS[kind]);
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),

  commandStarted: () => set({ pendingCommands: get().pendingCommands + 1 }),
  commandSettled: () => set({ pendingCommands: Math.max(0, get().pendingCommands - 1) }),
  setConfirm: (confirm) => set({ confirm }),
});
