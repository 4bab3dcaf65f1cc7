import { useCallback } from 'react';
import { useAppStore, type Lang } from '../stores';
import { useLang } from '../stores/selectors';
import { type MessageKey, vi } from './vi';

export type { MessageKey };
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** Vietnamese comes with every page; English is fetched when chosen, so a first load does not carry it. */
const dictionaries: Partial<Record<Lang, Record<MessageKey, string>>> = { vi };

/** Fetches the dictionary of `lang` once (before switching to it, and before the first render). */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (dictionaries[lang]) return;
  if (lang === 'en') dictionaries.en = (await import('./en')).en;
}

/** The text of `key` in `lang` (Vietnamese while that dictionary is not loaded) with `{name}` placeholders filled in. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const template = (dictionaries[lang] ?? vi)[key];
  return vars ? template.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole)) : template;
}

/** Translation outside React (realtime module, toasts), in the current language. */
export const t: Translate = (key, vars) => translate(useAppStore.getState().lang, key, vars);

/** Translation bound to the current language; components re-render when it changes. */
export function useT(): Translate {
  const lang = useLang();
  return useCallback((key, vars) => translate(lang, key, vars), [lang]);
}
