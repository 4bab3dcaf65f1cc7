import type { AckFailure } from '@diemcau/shared';
import { useCallback } from 'react';
import { useAppStore, type Lang } from '../stores';
import { useLang } from '../stores/selectors';
import { type MessageKey, vi } from './vi';

export type { MessageKey };
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** Vietnamese comes with every page; English is fetched when chosen, so a first load does not carry it. */
const dictionaries: Partial<Record<Lang, Record<MessageKey, string>>> = { vi };
/** Server refusals in English by reason and by code, fetched with the English dictionary. */
let errorsEn: typeof import('./errors.en') | null = null;

/** Fetches the dictionary of `lang` once (before switching to it, and before the first render). */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (dictionaries[lang]) return;
  if (lang !== 'en') return;
  const [dictionary, errors] = await Promise.all([import('./en'), import('./errors.en')]);
  errorsEn = errors;
  dictionaries.en = dictionary.en;
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

/** Letters only Vietnamese writes: a message without any is not the server's Vietnamese. */
const VIETNAMESE_LETTERS = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i;

/**
 * A server refusal in the reader's language: the server's own (Vietnamese) message, or in
 * English the sentence for its reason (else for its code), with the fields it names.
 */
export function failureText(failure: Pick<AckFailure, 'code' | 'message' | 'reason' | 'issues'>): string {
  const lang = useAppStore.getState().lang;
  if (lang === 'vi' || !errorsEn) return failure.message;
  const known = failure.reason ? errorsEn.REASONS[failure.reason] : undefined;
  // a refusal made on this device (no line to the server) is in the reader's language already
  const sentence = known ?? (VIETNAMESE_LETTERS.test(failure.message) ? errorsEn.CODES[failure.code] : failure.message);
  const fields = failure.reason === 'invalid_input' ? [...new Set((failure.issues ?? []).map((issue) => issue.split(': ')[0]).filter(Boolean))] : [];
  return fields.length > 0 ? `${sentence}: ${fields.join(', ')}.` : sentence;
}
