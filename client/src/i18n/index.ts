import { useCallback } from 'react';
import { useAppStore, type Lang } from '../stores';
import { useLang } from '../stores/selectors';
import { en } from './en';
import { type MessageKey, vi } from './vi';

export type { MessageKey };
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };

/** The text of `key` in `lang` with `{name}` placeholders filled in. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const template = dictionaries[lang][key];
  return vars ? template.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole)) : template;
}

/** Translation outside React (realtime module, toasts), in the current language. */
export const t: Translate = (key, vars) => translate(useAppStore.getState().lang, key, vars);

/** Translation bound to the current language; components re-render when it changes. */
export function useT(): Translate {
  const lang = useLang();
  return useCallback((key, vars) => translate(lang, key, vars), [lang]);
}
