import { z } from './zod';
import { Timer } from './timer.schema';

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`);

/** Kinds of turn: urgent points (kiến nghị khẩn) and replies (giải trình) go before ordinary requests. */
export const SpeechKind = z.enum(['urgent', 'response', 'contribution', 'comment', 'question']);
export type SpeechKind = z.infer<typeof SpeechKind>;

/** Priority band of a kind: lower goes first; first come, first served inside a band. */
export const bandOf = (kind: SpeechKind): number => (kind === 'urgent' ? 0 : kind === 'response' ? 1 : 2);

const MIN = 60_000;
export const DEFAULT_TURN_MS: Record<SpeechKind, number> = {
  urgent: 3 * MIN,
  response: 5 * MIN,
  contribution: 7 * MIN,
  comment: 3 * MIN,
  question: 2 * MIN,
};

const TurnMs = z.number().int().min(30_000, 'tối thiểu 30 giây').max(60 * MIN, 'tối đa 60 phút');

/** A prepared contribution (tham luận) of an agenda item, from the plan. */
export const ContributionInput = z.object({
  topic: text(1000).min(1, 'nhập nội dung tham luận'),
  /** The unit that presents it, as the plan names it. */
  unit: text(200).default(''),
  siteId: z.string().max(40).nullable().default(null),
  plannedMs: TurnMs.default(DEFAULT_TURN_MS.contribution),
});
export type ContributionInput = z.input<typeof ContributionInput>;
export const Contribution = ContributionInput.extend({ id: z.string(), itemId: z.string() });
export type Contribution = z.infer<typeof Contribution>;

/** Who a turn is for and what about: shared by a waiting request and a finished speech. */
const turnFields = {
  id: z.string(),
  /** Chosen by the requester: a retried request is recognised and not added twice. */
  requestId: z.string(),
  kind: SpeechKind,
  siteId: z.string().nullable(),
  speaker: z.string(),
  speakerTitle: z.string(),
  topic: z.string(),
  /** The agenda item that was current when the request came in. */
  itemId: z.string().nullable(),
  contributionId: z.string().nullable(),
  plannedMs: z.number(),
};

/** A request to speak waiting in the queue (or skipped by the MC, until returned). */
export const QueueEntry = z.object({ ...turnFields, requestedAt: z.number(), skipped: z.boolean() });
export type QueueEntry = z.infer<typeof QueueEntry>;

/** Who has the floor since when, with their own clock. */
export const Floor = z.object({ entry: QueueEntry, startedAt: z.number(), timer: Timer });
export type Floor = z.infer<typeof Floor>;

export const Queue = z.object({
  open: z.boolean(),
  /** Most requests one site may make per agenda item; null for no limit. */
  perSiteLimit: z.number().int().min(1).max(20).nullable(),
  entries: z.array(QueueEntry),
  floor: Floor.nullable(),
});
export type Queue = z.infer<typeof Queue>;

/** A finished turn: who spoke, on which item, when and for how long (planned includes time added). */
export const Speech = z.object({ ...turnFields, startedAt: z.number(), endedAt: z.number(), elapsedMs: z.number() });
export type Speech = z.infer<typeof Speech>;

export const EMPTY_QUEUE: Queue = { open: true, perSiteLimit: null, entries: [], floor: null };

// ---------------------------------------------------------------- inputs

export const SpeakRequest = z.object({
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'mã yêu cầu không hợp lệ'),
  kind: SpeechKind,
  speaker: text(120).min(1, 'nhập họ tên người phát biểu'),
  speakerTitle: text(120).default(''),
  topic: text(500).default(''),
  /** The MC may enter a request on behalf of a site; a site's own requests are always its own. */
  siteId: z.string().max(40).nullable().default(null),
});
export type SpeakRequest = z.input<typeof SpeakRequest>;
