import { ANONYMOUS_SENDER, contributionFallbackNumber, DEFAULT_CATEGORIES, REPORT_NAMES } from '@diemcau/shared';
import type { MessageKey, Translate } from './index';

/** Names the software gives (stored or sent in Vietnamese) and their keys: shown in the reader's language. */
const NAMES = new Map<string, MessageKey>([
  [ANONYMOUS_SENDER, 'gen.anonymous'],
  ...DEFAULT_CATEGORIES.map((category, i) => [category, `gen.category.${i}` as MessageKey] as const),
  ...Object.entries(REPORT_NAMES).map(([key, name]) => [name, `gen.report.${key}` as MessageKey] as const),
]);

/**
 * A label as the reader's language has it when the software made it (the default question
 * categories, "anonymous", a prepared contribution known by its number, the report's names for
 * what has none); anything a person typed (names, units, their own categories) as typed.
 */
export function shownName(t: Translate, text: string): string {
  const key = NAMES.get(text);
  if (key) return t(key);
  const number = contributionFallbackNumber(text);
  return number === null ? text : t('gen.contribution', { n: number });
}
