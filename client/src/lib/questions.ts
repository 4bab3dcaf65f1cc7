import { foldVietnamese, type Office, type Question, type QuestionStatus, vnDate, vnTime } from '@diemcau/shared';
import type { Translate } from '../i18n';

/** The status tabs of the moderation view, in the order a moderator works through them. */
export const STATUS_TABS = ['pending', 'approved', 'answered', 'rejected', 'all'] as const;
/** An office's inbox: what still needs its answer (pending or approved), what it answered, everything. */
export const OFFICE_TABS = ['open', 'answered', 'all'] as const;
export type StatusTab = (typeof STATUS_TABS)[number] | (typeof OFFICE_TABS)[number];

/** Whether a question belongs to a status tab. */
export const inTab = (tab: StatusTab, q: Question) => tab === 'all' || (tab === 'open' ? q.status === 'pending' || q.status === 'approved' : q.status === tab);

/** Office filter: every office, questions not routed yet, or one office by id. */
export const ALL = '\u0000all';
export const UNROUTED = '\u0000none';

export type QuestionSort = 'time' | 'votes';

/** Merged rows count in their entry: the lists show entries only. */
export const isEntry = (q: Question) => q.mergedInto === null;

/** What a search is matched against: text as shown and as sent, sender, unit, answer; folded once per version. */
export function haystackOf(q: Question): string {
  return foldVietnamese([q.text, q.text === q.originalText ? '' : q.originalText, q.anonymous ? '' : q.senderName, q.anonymous ? '' : q.senderUnit, q.category, q.answer, q.answeredBy].join(' \u0001 '));
}

/** Entries per status tab (merged rows left out). */
export function countByStatus(entries: readonly Question[]): Record<StatusTab, number> {
  const counts: Record<StatusTab, number> = { pending: 0, approved: 0, answered: 0, rejected: 0, open: 0, all: entries.length };
  for (const q of entries) counts[q.status] += 1;
  counts.open = counts.pending + counts.approved;
  return counts;
}

/** Newest first, or most votes first (then newest). */
export function compareQuestions(sort: QuestionSort): (a: Question, b: Question) => number {
  if (sort === 'votes') return (a, b) => b.votes - a.votes || b.createdAt - a.createdAt;
  return (a, b) => b.createdAt - a.createdAt;
}

/** The merged rows of each entry, oldest first. */
export function mergedByEntry(questions: Iterable<Question>): Map<string, Question[]> {
  const children = new Map<string, Question[]>();
  for (const q of questions) {
    if (q.mergedInto === null) continue;
    const list = children.get(q.mergedInto) ?? [];
    list.push(q);
    children.set(q.mergedInto, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.createdAt - b.createdAt);
  return children;
}

/** The sender as moderators see it: name and unit, or "Ẩn danh" (the name stays hidden even from moderators when anonymous). */
export function senderOf(t: Translate, q: Pick<Question, 'anonymous' | 'senderName' | 'senderUnit'>): string {
  if (q.anonymous) return t('qmod.anonymous');
  const parts = [q.senderName, q.senderUnit].filter((p) => p !== '');
  return parts.length > 0 ? parts.join(' – ') : t('qmod.anonymous');
}

/** "09:15" today, "09:15 24/11" on another day (Vietnam time). */
export function whenOf(at: number, now: number): string {
  const day = vnDate(at);
  if (day === vnDate(now)) return vnTime(at);
  const [, m, d] = day.split('-');
  return `${vnTime(at)} ${d}/${m}`;
}

/** An office's name by id; a removed office reads as such. */
export function officeName(t: Translate, offices: readonly Office[], officeId: string | null): string {
  if (officeId === null) return t('qmod.unrouted');
  return offices.find((o) => o.id === officeId)?.name ?? t('qmod.officeGone');
}

/** Status words for chips. */
export const statusKey = (status: QuestionStatus) => `qmod.status.${status}` as const;

/** Which entry of a duplicate group stays by default: answered, then approved, then most votes, then the first sent. */
export function defaultKeeper(group: readonly Question[]): Question {
  const rank: Record<QuestionStatus, number> = { answered: 3, approved: 2, pending: 1, rejected: 0 };
  return [...group].sort((a, b) => rank[b.status] - rank[a.status] || b.mergedCount - a.mergedCount || b.votes - a.votes || a.createdAt - b.createdAt)[0]!;
}
