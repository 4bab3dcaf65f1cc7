import { z } from './zod';

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`);

/** A key the sender's device makes once: a retried submission with the same key is stored once. */
export const ClientKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'mã gửi không hợp lệ (16–64 ký tự chữ, số, - hoặc _)');

export const MAX_QUESTION_CHARS = 2_000;
export const MAX_CATEGORIES = 20;
export const MAX_OFFICES = 50;

// ---------------------------------------------------------------- settings (kept in the meeting document)

/** An office (phòng, ban) questions are routed to; each has its own inbox link. */
export const Office = z.object({ id: z.string().max(40), name: text(120).min(1, 'nhập tên phòng, ban') });
export type Office = z.infer<typeof Office>;

/**
 * `pre`: every submission waits for a moderator. `post`: clean submissions are visible at
 * once; flagged ones still wait. Nothing flagged or unapproved reaches a public screen.
 */
export const ModerationMode = z.enum(['pre', 'post']);
export type ModerationMode = z.infer<typeof ModerationMode>;

export const DEFAULT_CATEGORIES = ['Câu hỏi', 'Kiến nghị', 'Tâm tư, nguyện vọng', 'Góp ý'] as const;

export const QuestionSettings = z.object({
  /** When the public page starts accepting (epoch ms); null: from now. */
  opensAt: z.number().int().nullable(),
  /** When it stops (epoch ms); null: never by itself. */
  closesAt: z.number().int().nullable(),
  categories: z.array(text(60).min(1)).min(1).max(MAX_CATEGORIES),
  offices: z.array(Office).max(MAX_OFFICES),
  moderation: ModerationMode,
  allowAnonymous: z.boolean(),
});
export type QuestionSettings = z.infer<typeof QuestionSettings>;

export const DEFAULT_QUESTION_SETTINGS: QuestionSettings = {
  opensAt: null,
  closesAt: null,
  categories: [...DEFAULT_CATEGORIES],
  offices: [],
  moderation: 'pre',
  allowAnonymous: true,
};

/** The question on the projector: a copy of its public text, kept in the meeting document. */
export const Spotlight = z.object({
  questionId: z.string(),
  text: z.string(),
  sender: z.string(),
  category: z.string(),
  votes: z.number(),
  pinnedAt: z.number(),
});
export type Spotlight = z.infer<typeof Spotlight>;

/** Whether the public page accepts submissions at `now`, and if not, why. */
export function questionWindow(settings: QuestionSettings, now: number): 'open' | 'not_yet' | 'closed' {
  if (settings.opensAt !== null && now < settings.opensAt) return 'not_yet';
  if (settings.closesAt !== null && now >= settings.closesAt) return 'closed';
  return 'open';
}

// ---------------------------------------------------------------- rows

export const QuestionStatus = z.enum(['pending', 'approved', 'rejected', 'answered']);
export type QuestionStatus = z.infer<typeof QuestionStatus>;

/** Where a submission came from. */
export type QuestionOrigin = 'public' | 'site' | 'staff';

/** A question as moderators and its office see it. */
export type Question = {
  id: string;
  meetingId: string;
  origin: QuestionOrigin;
  category: string;
  officeId: string | null;
  /** As shown (moderators may correct typos). */
  text: string;
  /** As sent. */
  originalText: string;
  senderName: string;
  senderUnit: string;
  anonymous: boolean;
  siteId: string | null;
  status: QuestionStatus;
  /** Shown on public screens and to participants: approved, or answered with the answer published. */
  visible: boolean;
  /** Words of the abuse list found in the text: the submission waits for a moderator. */
  flags: string[];
  answer: string;
  answeredBy: string;
  answeredAt: number | null;
  votes: number;
  /** The entry this one was merged into; merged entries leave the lists and count in their entry. */
  mergedInto: string | null;
  /** Submissions this entry stands for: itself plus those merged into it. */
  mergedCount: number;
  pinned: boolean;
  createdAt: number;
  updatedAt: number;
  /** Increases with every change of the row: a client keeps the highest it saw. */
  version: number;
};

/** A visible question as participants, the projector and the public page see it. */
export type PublicQuestion = {
  id: string;
  category: string;
  officeName: string;
  text: string;
  /** Name and unit, the site's name, or "Ẩn danh". */
  sender: string;
  status: 'approved' | 'answered';
  answer: string;
  answeredBy: string;
  votes: number;
  mergedCount: number;
  createdAt: number;
  version: number;
};

/** A sender's own submission: that it arrived, its status, and the answer once published. */
export type MyQuestion = {
  id: string;
  clientId: string;
  category: string;
  text: string;
  status: QuestionStatus;
  visible: boolean;
  answer: string;
  answeredBy: string;
  createdAt: number;
  version: number;
};

/** The sender's label on public screens. */
/** How a question without a name is shown (a page shows it in its language). */
export const ANONYMOUS_SENDER = 'Ẩn danh';

export function senderLabel(q: Pick<Question, 'anonymous' | 'senderName' | 'senderUnit'> & { siteName?: string }): string {
  if (q.anonymous) return ANONYMOUS_SENDER;
  const parts = [q.senderName, q.senderUnit || q.siteName || ''].filter((p) => p !== '');
  return parts.length ? parts.join(' – ') : ANONYMOUS_SENDER;
}

// ---------------------------------------------------------------- inputs

/** A submission from the public page, a site page, or a moderator typing one in. */
export const QuestionSubmit = z.object({
  /** Made by the sender's device per submission: a retry after a timeout is stored once. */
  clientId: ClientKey,
  /** The sender device's own secret key: it finds "my questions" again (public page only). */
  senderKey: ClientKey.optional(),
  text: text(MAX_QUESTION_CHARS).min(3, 'nội dung quá ngắn (ít nhất 3 ký tự)'),
  category: text(60).default(''),
  officeId: z.string().max(40).nullable().default(null),
  name: text(120).default(''),
  unit: text(200).default(''),
  anonymous: z.boolean().default(false),
});
export type QuestionSubmit = z.input<typeof QuestionSubmit>;

const onQuestion = { questionId: z.string().min(1).max(40) };

export const QuestionModerate = z.object({ ...onQuestion, action: z.enum(['approve', 'reject', 'reopen']) });
/**
 * `seen`: what the sender's screen showed of what the command changes. Another console's change
 * in between refuses the command (`stale_question`) instead of being overwritten. Not the row's
 * version: votes move it every second on a popular question, and a moderator's correction must
 * not be refused for a vote.
 */
const seenText = z.string().max(MAX_QUESTION_CHARS * 2);
export const QuestionEdit = z
  .object({
    ...onQuestion,
    text: text(MAX_QUESTION_CHARS).min(3, 'nội dung quá ngắn (ít nhất 3 ký tự)').optional(),
    category: text(60).optional(),
    seen: z.object({ text: seenText, category: z.string().max(120) }),
  })
  .refine((v) => v.text !== undefined || v.category !== undefined, 'cần nội dung hoặc phân loại mới');
export const QuestionRoute = z.object({ ...onQuestion, officeId: z.string().min(1).max(40).nullable(), seen: z.object({ officeId: z.string().max(40).nullable() }) });
export const QuestionAnswer = z.object({
  ...onQuestion,
  /** The answer shown when the sender started ('' when none): two offices answering at once do not overwrite each other. */
  seen: z.object({ answer: z.string().max(10_000) }),
  answer: text(5_000).min(1, 'nhập nội dung trả lời'),
  answeredBy: text(200).min(1, 'nhập người/đơn vị trả lời'),
  /** Show the question and its answer to participants and the sender. */
  publish: z.boolean().default(true),
});
export const QuestionMerge = z.object({
  /** The entry that stays. */
  questionId: onQuestion.questionId,
  others: z.array(onQuestion.questionId).min(1, 'chọn ít nhất một câu để gộp').max(500),
});
export const QuestionUnmerge = z.object(onQuestion);
export const QuestionPin = z.object({ questionId: onQuestion.questionId.nullable() });
export const QuestionVote = z.object({ ...onQuestion, voterKey: ClientKey.optional(), up: z.boolean().default(true) });
export const MyQuestionsQuery = z.object({ senderKey: ClientKey.optional() });

export const QuestionSettingsPatch = z
  .object({
    opensAt: QuestionSettings.shape.opensAt,
    closesAt: QuestionSettings.shape.closesAt,
    categories: QuestionSettings.shape.categories,
    moderation: ModerationMode,
    allowAnonymous: z.boolean(),
    /** Offices in order; one without an id is new. */
    offices: z.array(Office.extend({ id: z.string().max(40).optional() })).max(MAX_OFFICES),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'cần ít nhất một thiết lập')
  .refine((v) => v.opensAt == null || v.closesAt == null || v.opensAt < v.closesAt, 'giờ đóng phải sau giờ mở');

// ---------------------------------------------------------------- broadcasts

/** Every question of the meeting (moderators) or those routed to one office (its inbox). */
export type QuestionsSnapshot = { meetingId: string; questions: Question[] };
/** Coalesced: rows that changed since the last batch. */
export type QuestionsChange = { meetingId: string; questions: Question[]; removed: string[] };
/** The visible questions (most voted and most recent first, at most `PUBLIC_LIST_LIMIT`). */
export type PublicQuestionsSnapshot = { meetingId: string; questions: PublicQuestion[] };
/** Coalesced; `removed` lists questions no longer visible. */
/** One page of `questions:sync`, oldest first, and the next page's cursor (null: the last). */
export type QuestionsPage = (QuestionsSnapshot | PublicQuestionsSnapshot) & { next: string | null };
export type PublicQuestionsChange = { meetingId: string; questions: PublicQuestion[]; removed: string[] };

export const PUBLIC_LIST_LIMIT = 500;

/** What the public page reads over plain HTTP before (or instead of) its socket. */
export type PublicMeetingInfo = {
  meetingId: string;
  title: string;
  organiser: string;
  date: string;
  startTime: string;
  venue: string;
  status: 'scheduled' | 'live' | 'ended';
  window: 'open' | 'not_yet' | 'closed';
  settings: QuestionSettings;
  serverNow: number;
};

/** Links of the questions feature: the public page (QR), moderators, each office's inbox. */
export type QuestionsAccess = {
  publicToken: string;
  moderatorToken: string;
  offices: { officeId: string; name: string; token: string }[];
};
