import { createHash } from 'node:crypto';
import {
  type Ack,
  type CommandResult,
  DomainError,
  endedError,
  fail,
  type MeetingState,
  moderatesQuestions,
  type MyQuestion,
  ok,
  type PublicMeetingInfo,
  type PublicQuestion,
  type PublicQuestionsSnapshot,
  PUBLIC_LIST_LIMIT,
  type Question,
  type QuestionOrigin,
  type QuestionsPage,
  type QuestionsSnapshot,
  QUESTIONS_PAGE_SIZE,
  afterCursor,
  decodeCursor,
  encodeCursor,
  type PageQuery,
  type QuestionStatus,
  type QuestionSubmit,
  questionWindow,
  type Role,
  screenText,
  senderLabel,
  type Spotlight,
} from '@diemcau/shared';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Db } from '../db/database';
import { guard } from '../lib/guard';
import type { Clock } from '../lib/clock';
import { Coalescer } from '../lib/coalescer';
import { newId } from '../lib/ids';
import { type Limiter, type LimiterFactory, memoryLimiters } from '../lib/rate-limit';
import { WriteBatcher } from '../lib/write-batcher';
import type { MeetingService } from '../meetings/meetings.service';
import type { Broadcaster } from '../realtime/broadcaster';
import type { DeviceKeys } from './device-keys';
import { newQuestionRecord, type QuestionChanges, type QuestionRecord, type QuestionsStore, type Sender } from './questions.store';

/** Moderators hear of new and changed questions at most this often per meeting. */
export const STAFF_FLUSH_MS = 250;
/** Participants' lists (votes, answers) at most this often: thousands of phones share one batch. */
export const PUBLIC_FLUSH_MS = 500;

export type QuestionLimits = {
  /** Submissions per minute from one device (public key, site or socket). */
  perSender: number;
  /** Submissions per minute from one address; 0 turns it off (a school hall shares one address). */
  perAddress: number;
  /** Public submissions per minute to one meeting, from everyone (0: no limit). */
  perMeeting: number;
  /** Votes per minute from one device, one address, and to one meeting from the public. */
  votesPerSender: number;
  votesPerAddress: number;
  votesPerMeeting: number;
};

export const DEFAULT_QUESTION_LIMITS: QuestionLimits = { perSender: 10, perAddress: 600, perMeeting: 3_000, votesPerSender: 120, votesPerAddress: 3_000, votesPerMeeting: 30_000 };

const DEVICE_KEY_REFUSED = 'Mã thiết bị của trang không hợp lệ (không do máy chủ cấp, hoặc của hội nghị khác). Tải lại trang để nhận mã mới rồi gửi lại.';

/** Who acts on questions: the role, the site or office its link is for, a device key, and the address. */
export type QuestionActor = { role: Role; siteId: string | null; officeId: string | null; address: string; connectionKey: string };

type SiteInfo = { name: string; representative: string };

const NOT_FOUND = 'Không tìm thấy câu hỏi này (có thể đã bị gộp hoặc hội nghị đã bị xóa). Danh sách đã được cập nhật.';
const MERGED = 'Câu này đã được gộp vào một câu khác: tách ra trước nếu muốn xử lý riêng.';

const refuse = (code: 'conflict' | 'not_found' | 'invalid' | 'forbidden' | 'rate_limited', reason: string, message: string) => new DomainError(code, reason, message);

/** The key hash stored for a device: the key itself is a secret of the phone that sent it. */
export const hashKey = (key: string): string => createHash('sha256').update(key).digest('base64url').slice(0, 32);

/**
 * The flagged words as typed in the original text. Rows stored before flags kept what was typed
 * hold the list's expansions ("địt mẹ" for "dm"): those are read again from the text, never shown.
 */
const flagsOf = (json: string, original: string): string[] => {
  const stored = parseFlags(json);
  if (stored.length === 0) return stored;
  const typed = screenText(original).matches;
  const text = original.normalize('NFC');
  return typed.length > 0 ? typed : stored.filter((word) => text.includes(word));
};

const parseFlags = (json: string): string[] => {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
};

export const toQuestion = (r: QuestionRecord, pinnedId: string | null): Question => ({
  id: r.id,
  meetingId: r.meeting_id,
  origin: r.origin as QuestionOrigin,
  category: r.category,
  officeId: r.office_id,
  text: r.text,
  originalText: r.original_text,
  senderName: r.sender_name,
  senderUnit: r.sender_unit,
  anonymous: r.anonymous === 1,
  siteId: r.site_id,
  status: r.status as QuestionStatus,
  visible: r.visible === 1,
  flags: flagsOf(r.flags, r.original_text),
  answer: r.answer,
  answeredBy: r.answered_by,
  answeredAt: r.answered_at,
  votes: r.votes,
  mergedInto: r.merged_into,
  mergedCount: r.merged_count,
  pinned: r.id === pinnedId,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

const isPublic = (r: QuestionRecord) => r.visible === 1 && r.merged_into === null && (r.status === 'approved' || r.status === 'answered');

const senderOf = (r: QuestionRecord) => senderLabel({ anonymous: r.anonymous === 1, senderName: r.sender_name, senderUnit: r.sender_unit });

const toPublic = (r: QuestionRecord, state: MeetingState): PublicQuestion => ({
  id: r.id,
  category: r.category,
  officeName: state.questions.offices.find((o) => o.id === r.office_id)?.name ?? '',
  text: r.text,
  sender: senderOf(r),
  status: r.status === 'answered' ? 'answered' : 'approved',
  answer: r.status === 'answered' ? r.answer : '',
  answeredBy: r.status === 'answered' ? r.answered_by : '',
  votes: r.votes,
  mergedCount: r.merged_count,
  createdAt: r.created_at,
  version: r.version,
});

const toMine = (r: QuestionRecord): MyQuestion => ({
  id: r.id,
  clientId: r.client_id,
  category: r.category,
  text: r.text,
  status: r.status as QuestionStatus,
  visible: isPublic(r),
  answer: isPublic(r) && r.status === 'answered' ? r.answer : '',
  answeredBy: isPublic(r) && r.status === 'answered' ? r.answered_by : '',
  createdAt: r.created_at,
  version: r.version,
});

const spotlightOf = (r: QuestionRecord, pinnedAt: number): Spotlight => ({
  questionId: r.id,
  text: r.text,
  sender: senderOf(r),
  category: r.category,
  votes: r.votes,
  pinnedAt,
});

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/**
 * Questions and feedback of a meeting: submissions (durable when acked, stored once per
 * client id, written in group commits), moderation, routing to offices, votes, merging and
 * the projector's pinned question. Lists reach moderators, offices and participants in
 * coalesced batches; a sender's own rows reach the sender at once.
 */
export function questionsService(deps: {
  db: Db;
  store: QuestionsStore;
  meetings: MeetingService;
  siteInfo: (meetingId: string, siteId: string) => Promise<SiteInfo | null>;
  clock: Clock;
  broadcaster: Broadcaster;
  logger: Logger;
  /** false: acknowledge without writing or broadcasting (the benchmark's baseline only). */
  persist?: boolean;
  limits?: QuestionLimits;
  /** Where the limits count: this node's memory unless told otherwise (Redis across nodes). */
  limiters?: LimiterFactory;
  /** The public page's device keys, checked on every public submission and vote. */
  devices: DeviceKeys;
}) {
  const { db, store, meetings, clock, broadcaster, logger } = deps;
  const persist = deps.persist ?? true;
  const limits = deps.limits ?? DEFAULT_QUESTION_LIMITS;
  const batcher = new WriteBatcher(db);
  const limiters = deps.limiters ?? memoryLimiters(clock.now);
  const limiter = (name: string, limit: number) => (limit > 0 ? limiters(name, limit, 60_000) : null);
  const perSender = limiter('questions-sender', limits.perSender);
  const perAddress = limiter('questions-address', limits.perAddress);
  const votesPerSender = limiter('votes-sender', limits.votesPerSender);
  const votesPerAddress = limiter('votes-address', limits.votesPerAddress);
  const perMeeting = limiter('questions-meeting', limits.perMeeting);
  const votesPerMeeting = limiter('votes-meeting', limits.votesPerMeeting);
  const requireDeviceKey = async (meetingId: string, key: string | undefined) => {
    if (!(await deps.devices.verify(meetingId, key))) throw refuse('forbidden', 'device_key', DEVICE_KEY_REFUSED);
  };

  /** Offices a row left within the current batch: their inboxes drop it. */
  const leftOffice = new Map<string, Map<string, Set<string>>>();
  const staff = new Coalescer(STAFF_FLUSH_MS, (meetingId, ids) => void flushStaff(meetingId, ids));
  const participants = new Coalescer(PUBLIC_FLUSH_MS, (meetingId, ids) => void flushPublic(meetingId, ids));

  /**
   * The visible list, shared by the connections that ask within a second: a thousand phones
   * opening the page at once cost one read, not a thousand.
   */
  const visibleCache = new Map<string, { at: number; rows: Promise<QuestionRecord[]> }>();
  const visibleRows = (meetingId: string): Promise<QuestionRecord[]> => {
    const cached = visibleCache.get(meetingId);
    if (cached && clock.now() - cached.at < 1_000) return cached.rows;
    const rows = store.list(meetingId, { visible: true, limit: PUBLIC_LIST_LIMIT });
    visibleCache.set(meetingId, { at: clock.now(), rows });
    rows.catch(() => visibleCache.delete(meetingId));
    return rows;
  };

  const stateOf = async (meetingId: string): Promise<MeetingState> => {
    const meeting = await meetings.load(meetingId);
    if (!meeting) throw refuse('not_found', 'meeting_not_found', 'Không tìm thấy hội nghị (có thể đã bị xóa). Kiểm tra lại đường dẫn.');
    return meeting.state;
  };

  /**
   * Rows as just written, kept until the next moderators' batch: a storm of submissions is
   * sent from memory instead of being read back. A row changed again meanwhile is replaced
   * (the higher version wins); only rows marked without one (votes) are read.
   */
  const fresh = new Map<string, QuestionRecord>();
  const keepFresh = (row: QuestionRecord) => {
    const known = fresh.get(row.id);
    if (!known || known.version <= row.version) fresh.set(row.id, row);
  };

  const flushStaff = async (meetingId: string, ids: string[]) => {
    try {
      const ready = ids.flatMap((id) => fresh.get(id) ?? []);
      for (const id of ids) fresh.delete(id);
      const readyIds = new Set(ready.map((r) => r.id));
      const stale = ids.filter((id) => !readyIds.has(id));
      const [state, read] = await Promise.all([stateOf(meetingId), stale.length ? store.list(meetingId, { ids: stale }) : []]);
      const rows = [...ready, ...read];
      const moved = leftOffice.get(meetingId);
      leftOffice.delete(meetingId);
      const pinned = state.spotlight?.questionId ?? null;
      broadcaster.questionsChanged(
        meetingId,
        rows.map((r) => toQuestion(r, pinned)),
        moved ? [...moved].map(([officeId, left]) => ({ officeId, removed: [...left] })) : [],
      );
    } catch (error) {
      logger.error({ err: error, meetingId }, 'questions flush failed');
    }
  };

  const flushPublic = async (meetingId: string, ids: string[]) => {
    visibleCache.delete(meetingId);
    try {
      const [state, rows] = await Promise.all([stateOf(meetingId), store.list(meetingId, { ids })]);
      const found = new Set(rows.map((r) => r.id));
      const shown = rows.filter(isPublic);
      const removed = [...rows.filter((r) => !isPublic(r)).map((r) => r.id), ...ids.filter((id) => !found.has(id))];
      broadcaster.publicQuestionsChanged(meetingId, shown.map((r) => toPublic(r, state)), removed);
    } catch (error) {
      logger.error({ err: error, meetingId }, 'public questions flush failed');
    }
  };

  /** Everyone who sees `before`/`after` hears of the change: moderators, offices, participants, the sender. */
  const announce = (after: QuestionRecord, before?: QuestionRecord, options: { sender?: boolean } = {}) => {
    const meetingId = after.meeting_id;
    keepFresh(after);
    staff.mark(meetingId, after.id);
    if (before?.office_id && before.office_id !== after.office_id) {
      const offices = leftOffice.get(meetingId) ?? new Map<string, Set<string>>();
      offices.set(before.office_id, (offices.get(before.office_id) ?? new Set()).add(after.id));
      leftOffice.set(meetingId, offices);
    }
    if (isPublic(after) || (before && isPublic(before))) participants.mark(meetingId, after.id);
    if (options.sender !== false) broadcaster.myQuestionsChanged(meetingId, senderRoomOf(after), [toMine(after)]);
  };

  const senderRoomOf = (r: QuestionRecord): { siteId: string } | { keyHash: string } | null =>
    r.origin === 'site' && r.site_id ? { siteId: r.site_id } : r.sender_key ? { keyHash: r.sender_key } : null;

  /** Counts one attempt; over the limit, refuses with `what` ("… quá nhanh", or as it is for a whole meeting's `busy`). */
  const throttle = async (limiter: Limiter | null, key: string, what: string, busy = false) => {
    const waitMs = (await limiter?.take(key)) ?? 0;
    if (waitMs > 0) throw refuse('rate_limited', 'rate_limited', `${what}${busy ? '' : ' quá nhanh'}. Vui lòng thử lại sau ${minutes(waitMs)} phút.`);
  };

  /** Reads, checks and changes one row in a transaction; others hear of it after the commit. */
  const change = async (
    meetingId: string,
    questionId: string,
    decide: (row: QuestionRecord, tx: Db) => Promise<QuestionChanges> | QuestionChanges,
  ): Promise<{ before: QuestionRecord; after: QuestionRecord }> => {
    const result = await db.transaction().execute(async (tx) => {
      const before = await store.get(meetingId, questionId, tx);
      if (!before) throw refuse('not_found', 'question_not_found', NOT_FOUND);
      const after = await store.update(meetingId, questionId, await decide(before, tx), clock.now(), tx);
      if (!after) throw refuse('not_found', 'question_not_found', NOT_FOUND);
      return { before, after };
    });
    announce(result.after, result.before);
    await refreshSpotlight(meetingId, result.after);
    return result;
  };

  /** Keeps the projector's copy of a pinned question current; a question that left the public lists is unpinned. */
  const refreshSpotlight = async (meetingId: string, row: QuestionRecord) => {
    const state = await stateOf(meetingId);
    const spot = state.spotlight;
    if (!spot || spot.questionId !== row.id) return;
    const next = isPublic(row) ? spotlightOf(row, spot.pinnedAt) : null;
    const { publish } = await meetings.execute(meetingId, 'questions:spotlight', { spotlight: next }, { role: 'mc', siteId: null });
    publish();
  };

  /** The question changed since the sender's screen showed it (another console): refused, saying what it is now. */
  const stale = (now: string) =>
    refuse('conflict', 'stale_question', `Câu hỏi vừa được thay đổi ở một màn hình khác (${now}). Xem lại câu hỏi rồi làm lại nếu vẫn cần; thao tác này chưa được lưu.`);
  const cut = (value: string) => (value.length > 80 ? `${value.slice(0, 80)}…` : value);

  const requireModerator = (actor: QuestionActor) => {
    if (!moderatesQuestions(actor.role)) throw refuse('forbidden', 'role', 'Chỉ người điều hành câu hỏi mới làm được thao tác này.');
  };

  /** An ended meeting's questions are a record: nothing is sent, voted or moderated until the organiser reopens it; offices still answer. */
  const requireOpen = async (meetingId: string, known?: MeetingState): Promise<void> => {
    if ((known ?? (await stateOf(meetingId))).live.status === 'ended') throw endedError();
  };

  const notMerged = (row: QuestionRecord) => {
    if (row.merged_into !== null) throw refuse('conflict', 'merged', MERGED);
  };

  /**
   * Stores a submission (durably: the promise settles after the commit) or finds the one
   * already stored under its client id, saying whether it is new (HTTP answers 201) or a
   * retry (200). Public submissions respect the window and the rate limits; the abuse list
   * flags a submission for moderation, never drops it.
   */
  const receive = (meetingId: string, actor: QuestionActor, input: z.output<typeof QuestionSubmit>): Promise<Ack<{ question: MyQuestion; created: boolean }>> =>
    guard(async () => {
      const state = await stateOf(meetingId);
      await requireOpen(meetingId, state);
      const settings = state.questions;
      const origin: QuestionOrigin = actor.role === 'public' ? 'public' : actor.role === 'site' ? 'site' : 'staff';
      if (origin === 'public') {
        const window = questionWindow(settings, clock.now());
        if (window === 'not_yet') throw refuse('conflict', 'not_yet', 'Trang nhận câu hỏi chưa mở. Vui lòng quay lại sau.');
        if (window === 'closed') throw refuse('conflict', 'closed', 'Trang đã ngừng nhận câu hỏi cho hội nghị này.');
        if (!input.senderKey) throw refuse('invalid', 'sender_key', 'Thiếu mã thiết bị gửi (senderKey): tải lại trang rồi gửi lại.');
        await requireDeviceKey(meetingId, input.senderKey);
      }
      if (input.officeId !== null && !settings.offices.some((o) => o.id === input.officeId)) {
        throw refuse('invalid', 'office_not_found', 'Phòng, ban đã chọn không còn trong danh sách: chọn lại rồi gửi.');
      }
      const category = input.category || settings.categories[0] || '';
      if (!settings.categories.includes(category)) throw refuse('invalid', 'category', `Phân loại "${category}" không có trong danh sách: chọn lại rồi gửi.`);
      if (input.anonymous && !settings.allowAnonymous) throw refuse('invalid', 'anonymous', 'Hội nghị này không nhận câu hỏi ẩn danh: nhập họ tên hoặc đơn vị.');
      const senderKey = origin === 'public' && input.senderKey ? hashKey(input.senderKey) : null;
      await throttle(perSender, senderKey ?? actor.siteId ?? actor.connectionKey, 'Bạn gửi');
      if (origin === 'public') {
        await throttle(perAddress, actor.address, 'Địa chỉ mạng này gửi');
        await throttle(perMeeting, meetingId, 'Hội nghị đang nhận quá nhiều câu hỏi cùng lúc', true);
      }

      const site = origin === 'site' && actor.siteId ? await deps.siteInfo(meetingId, actor.siteId) : null;
      if (origin === 'site' && !site) throw refuse('not_found', 'site_not_found', 'Không tìm thấy điểm cầu này (có thể đã bị xóa). Xin liên kết mới từ Ban Tổ chức.');
      const screened = screenText(input.text);
      const autoApprove = settings.moderation === 'post' && !screened.flagged;
      const now = clock.now();
      const row = {
        id: newId(),
        meeting_id: meetingId,
        client_id: input.clientId,
        sender_key: senderKey,
        origin,
        category,
        office_id: input.officeId,
        text: input.text,
        original_text: input.text,
        sender_name: input.anonymous ? '' : input.name || (site?.representative ?? ''),
        sender_unit: input.anonymous ? '' : input.unit || (site?.name ?? ''),
        anonymous: input.anonymous ? 1 : 0,
        site_id: origin === 'site' ? actor.siteId : null,
        status: autoApprove ? 'approved' : 'pending',
        visible: autoApprove ? 1 : 0,
        flags: JSON.stringify(screened.matches),
        ip: origin === 'public' ? actor.address.slice(0, 64) : '',
        created_at: now,
        updated_at: now,
      };
      if (!persist) {
        return { question: toMine(newQuestionRecord(row)), created: true };
      }
      const { record, created } = await batcher.run((tx) => store.insert(row, tx));
      if (created) announce(record); // the sender's other devices (a hall TV, a second tab) see it at once
      return { question: toMine(record), created };
    });

  return {
    batcher,
    receive,

    /** `receive` without the flag: the socket's answer. */
    async submit(meetingId: string, actor: QuestionActor, input: z.output<typeof QuestionSubmit>): Promise<Ack<MyQuestion>> {
      const result = await receive(meetingId, actor, input);
      return result.ok ? ok(result.data.question) : result;
    },

    /** A sender's own submissions, and the room its later changes are sent to. */
    async mine(meetingId: string, actor: QuestionActor, senderKey: string | undefined): Promise<{ ack: Ack<MyQuestion[]>; room: { siteId: string } | { keyHash: string } | null }> {
      const sender: Sender | null =
        actor.role === 'site' && actor.siteId ? { kind: 'site', siteId: actor.siteId } : senderKey ? { kind: 'device', keyHash: hashKey(senderKey) } : null;
      if (!sender) return { ack: fail('invalid', 'Thiếu mã thiết bị gửi (senderKey): tải lại trang.', { reason: 'sender_key' }), room: null };
      const rows = await store.bySender(meetingId, sender);
      return { ack: ok(rows.map(toMine)), room: sender.kind === 'site' ? { siteId: sender.siteId } : { keyHash: sender.keyHash } };
    },

    /** One vote per device (public) or site; `up: false` takes it back. Only visible questions take votes. */
    vote(meetingId: string, actor: QuestionActor, input: { questionId: string; voterKey?: string | undefined; up: boolean }): Promise<Ack<{ votes: number; voted: boolean }>> {
      return guard(async () => {
        const voter = actor.role === 'site' && actor.siteId ? `site:${actor.siteId}` : input.voterKey ? hashKey(input.voterKey) : null;
        if (!voter) throw refuse('invalid', 'voter_key', 'Thiếu mã thiết bị (voterKey): tải lại trang rồi thử lại.');
        if (actor.role !== 'site') await requireDeviceKey(meetingId, input.voterKey);
        await requireOpen(meetingId);
        await throttle(votesPerSender, voter, 'Bạn bình chọn');
        if (actor.role !== 'site') {
          await throttle(votesPerAddress, actor.address, 'Địa chỉ mạng này bình chọn');
          await throttle(votesPerMeeting, meetingId, 'Hội nghị đang nhận quá nhiều bình chọn cùng lúc', true);
        }
        const current = await store.get(meetingId, input.questionId);
        if (!current || !isPublic(current)) throw refuse('not_found', 'question_not_found', 'Câu hỏi này không còn hiển thị (có thể đã được gộp hoặc ẩn).');
        const result = await batcher.run((tx) => store.vote(meetingId, input.questionId, voter, input.up, clock.now(), tx));
        if (!result) throw refuse('not_found', 'question_not_found', NOT_FOUND);
        if (result.changed) {
          keepFresh(result.record);
          staff.mark(meetingId, result.record.id);
          participants.mark(meetingId, result.record.id);
        }
        return { votes: result.record.votes, voted: input.up };
      });
    },

    /** What a connection of `role` sees of the questions: all (moderators), its office's, or the visible ones. */
    async snapshot(meetingId: string, role: Role, officeId: string | null): Promise<QuestionsSnapshot | PublicQuestionsSnapshot> {
      const state = await stateOf(meetingId);
      if (moderatesQuestions(role) || role === 'office') {
        const rows = await store.list(meetingId, role === 'office' ? { officeId: officeId ?? '' } : {});
        const pinned = state.spotlight?.questionId ?? null;
        return { meetingId, questions: rows.map((r) => toQuestion(r, pinned)) };
      }
      const rows = await visibleRows(meetingId);
      return { meetingId, questions: rows.map((r) => toPublic(r, state)) };
    },

    /**
     * One page of what `snapshot` holds (`questions:sync`), oldest first: at most
     * `QUESTIONS_PAGE_SIZE` after the cursor. The visible list is read from its cache and
     * cut; moderators' and an office's from the database, one page at a time.
     */
    page(meetingId: string, role: Role, officeId: string | null, query: PageQuery): Promise<Ack<QuestionsPage>> {
      return guard(async () => {
        const cursor = query?.after === undefined ? null : decodeCursor(query.after);
        if (query?.after !== undefined && !cursor) throw refuse('invalid', 'bad_cursor', 'Trang tiếp theo không hợp lệ: gửi đúng giá trị "next" của trang trước, hoặc bỏ "after" để đọc từ đầu.');
        const limit = Math.min(query?.limit ?? QUESTIONS_PAGE_SIZE, QUESTIONS_PAGE_SIZE);
        const state = await stateOf(meetingId);
        const staff = moderatesQuestions(role) || role === 'office';
        const rows = staff
          ? await store.page(meetingId, role === 'office' ? (officeId ?? '') : undefined, cursor, limit + 1)
          : (await visibleRows(meetingId))
              .filter((r) => afterCursor(cursor, r.created_at, r.id))
              .sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1))
              .slice(0, limit + 1);
        const last = rows.length > limit ? rows[limit - 1] : undefined;
        const next = last ? encodeCursor({ key: last.created_at, id: last.id }) : null;
        const pinned = state.spotlight?.questionId ?? null;
        const taken = rows.slice(0, limit);
        return staff ? { meetingId, questions: taken.map((r) => toQuestion(r, pinned)), next } : { meetingId, questions: taken.map((r) => toPublic(r, state)), next };
      });
    },

    /** Every question of the meeting, as moderators see them (the export). */
    async all(meetingId: string): Promise<Question[]> {
      const state = await stateOf(meetingId);
      const pinned = state.spotlight?.questionId ?? null;
      return (await store.list(meetingId)).map((r) => toQuestion(r, pinned));
    },

    /** Visible questions for the public page over HTTP. */
    async visible(meetingId: string): Promise<PublicQuestion[]> {
      const state = await stateOf(meetingId);
      return (await visibleRows(meetingId)).map((r) => toPublic(r, state));
    },

    async publicInfo(meetingId: string): Promise<Ack<PublicMeetingInfo>> {
      return guard(async () => {
        const state = await stateOf(meetingId);
        const now = clock.now();
        return {
          meetingId,
          title: state.details.title,
          organiser: state.details.organiser,
          date: state.details.date,
          startTime: state.details.startTime,
          venue: state.details.venue,
          status: state.live.status,
          window: questionWindow(state.questions, now),
          settings: state.questions,
          serverNow: now,
        };
      });
    },

    moderate(meetingId: string, actor: QuestionActor, input: { questionId: string; action: 'approve' | 'reject' | 'reopen' }): Promise<Ack<Question>> {
      return guard(async () => {
        requireModerator(actor);
        await requireOpen(meetingId);
        const { after } = await change(meetingId, input.questionId, (row) => {
          notMerged(row);
          switch (input.action) {
            case 'approve':
              if (isPublic(row)) throw refuse('conflict', 'already_visible', 'Câu này đã được duyệt và đang hiển thị.');
              return { status: row.status === 'answered' ? 'answered' : 'approved', visible: 1 };
            case 'reject':
              if (row.status === 'rejected') throw refuse('conflict', 'already_rejected', 'Câu này đã ở trạng thái không duyệt.');
              return { status: 'rejected', visible: 0 };
            case 'reopen':
              if (row.status === 'pending') throw refuse('conflict', 'already_pending', 'Câu này đang chờ duyệt.');
              return { status: 'pending', visible: 0 };
          }
        });
        return toQuestion(after, (await stateOf(meetingId)).spotlight?.questionId ?? null);
      });
    },

    edit(meetingId: string, actor: QuestionActor, input: { questionId: string; text?: string | undefined; category?: string | undefined; seen: { text: string; category: string } }): Promise<Ack<Question>> {
      return guard(async () => {
        requireModerator(actor);
        const state = await stateOf(meetingId);
        await requireOpen(meetingId, state);
        if (input.category !== undefined && !state.questions.categories.includes(input.category)) {
          throw refuse('invalid', 'category', `Phân loại "${input.category}" không có trong danh sách.`);
        }
        const { after } = await change(meetingId, input.questionId, (row) => {
          if (row.text !== input.seen.text || row.category !== input.seen.category) throw stale(`nội dung bây giờ là "${cut(row.text)}"${row.category ? `, phân loại "${row.category}"` : ''}`);
          return {
          ...(input.text !== undefined ? { text: input.text } : {}),
          ...(input.category !== undefined ? { category: input.category } : {}),
          };
        });
        return toQuestion(after, state.spotlight?.questionId ?? null);
      });
    },

    route(meetingId: string, actor: QuestionActor, input: { questionId: string; officeId: string | null; seen: { officeId: string | null } }): Promise<Ack<Question>> {
      return guard(async () => {
        requireModerator(actor);
        const state = await stateOf(meetingId);
        await requireOpen(meetingId, state);
        if (input.officeId !== null && !state.questions.offices.some((o) => o.id === input.officeId)) {
          throw refuse('invalid', 'office_not_found', 'Phòng, ban này không có trong danh sách: thêm ở phần Thiết lập trước.');
        }
        const { after } = await change(meetingId, input.questionId, (row) => {
          notMerged(row);
          if (row.office_id !== input.seen.officeId) {
            const office = state.questions.offices.find((o) => o.id === row.office_id);
            throw stale(office ? `câu hỏi đã được chuyển cho ${office.name}` : 'câu hỏi đã được bỏ chuyển');
          }
          return { office_id: input.officeId };
        });
        return toQuestion(after, state.spotlight?.questionId ?? null);
      });
    },

    /**
     * Records the answer. Moderators' answers with `publish` show the question and answer to
     * everyone; an office answers only what is routed to it, and its answer becomes public
     * only if a moderator had approved the question (nothing unapproved reaches a screen).
     */
    answer(meetingId: string, actor: QuestionActor, input: { questionId: string; answer: string; answeredBy: string; publish: boolean; seen: { answer: string } }): Promise<Ack<Question>> {
      return guard(async () => {
        if (!moderatesQuestions(actor.role) && actor.role !== 'office') throw refuse('forbidden', 'role', 'Liên kết này không trả lời được câu hỏi.');
        const { after } = await change(meetingId, input.questionId, (row) => {
          if (actor.role === 'office' && row.office_id !== actor.officeId) {
            throw refuse('forbidden', 'other_office', 'Câu hỏi này không được chuyển cho phòng, ban của bạn.');
          }
          notMerged(row);
          if (row.answer !== input.seen.answer) throw stale(row.answer ? `câu trả lời bây giờ là "${cut(row.answer)}" (${row.answered_by})` : 'câu trả lời đã bị xóa');
          const publish = actor.role === 'office' ? input.publish && row.visible === 1 : input.publish;
          return { status: 'answered', answer: input.answer, answered_by: input.answeredBy, answered_at: clock.now(), visible: publish ? 1 : 0 };
        });
        return toQuestion(after, (await stateOf(meetingId)).spotlight?.questionId ?? null);
      });
    },

    /** Merges `others` into `questionId`: it keeps the count and all senders (the merged rows stay, pointing at it). */
    merge(meetingId: string, actor: QuestionActor, input: { questionId: string; others: string[] }): Promise<Ack<Question>> {
      return guard(async () => {
        requireModerator(actor);
        await requireOpen(meetingId);
        const others = [...new Set(input.others)].filter((id) => id !== input.questionId);
        if (others.length === 0) throw refuse('invalid', 'nothing_to_merge', 'Chọn ít nhất một câu khác để gộp vào câu này.');
        const at = clock.now();
        const result = await db.transaction().execute(async (tx) => {
          const primary = await store.get(meetingId, input.questionId, tx);
          if (!primary) throw refuse('not_found', 'question_not_found', NOT_FOUND);
          notMerged(primary);
          const merged: { before: QuestionRecord; after: QuestionRecord }[] = [];
          let count = primary.merged_count;
          let votes = primary.votes;
          for (const id of others) {
            const other = await store.get(meetingId, id, tx);
            if (!other) throw refuse('not_found', 'question_not_found', NOT_FOUND);
            if (other.merged_into !== null) throw refuse('conflict', 'merged', 'Một câu đã chọn đã được gộp vào câu khác: bỏ chọn câu đó rồi thử lại.');
            // Entries already merged into `other` follow it into the primary.
            for (const child of await store.mergedInto(meetingId, id, tx)) {
              const after = await store.update(meetingId, child.id, { merged_into: primary.id }, at, tx);
              if (after) merged.push({ before: child, after });
            }
            count += other.merged_count;
            votes += other.votes;
            const after = await store.update(meetingId, id, { merged_into: primary.id, merged_count: 1, visible: 0 }, at, tx);
            if (after) merged.push({ before: other, after });
          }
          const after = await store.update(meetingId, primary.id, { merged_count: count, votes }, at, tx);
          if (!after) throw refuse('not_found', 'question_not_found', NOT_FOUND);
          return { primary: after, merged };
        });
        for (const { before, after } of result.merged) {
          announce(after, before, { sender: false });
          await refreshSpotlight(meetingId, after);
        }
        announce(result.primary);
        await refreshSpotlight(meetingId, result.primary);
        return toQuestion(result.primary, (await stateOf(meetingId)).spotlight?.questionId ?? null);
      });
    },

    /** Takes one entry back out of the entry it was merged into; it waits for moderation again. */
    unmerge(meetingId: string, actor: QuestionActor, input: { questionId: string }): Promise<Ack<Question>> {
      return guard(async () => {
        requireModerator(actor);
        await requireOpen(meetingId);
        const at = clock.now();
        const result = await db.transaction().execute(async (tx) => {
          const row = await store.get(meetingId, input.questionId, tx);
          if (!row) throw refuse('not_found', 'question_not_found', NOT_FOUND);
          if (row.merged_into === null) throw refuse('conflict', 'not_merged', 'Câu này không được gộp vào câu nào.');
          const primary = await store.get(meetingId, row.merged_into, tx);
          const after = await store.update(meetingId, row.id, { merged_into: null, status: 'pending', visible: 0, merged_count: 1 }, at, tx);
          const primaryAfter = primary
            ? await store.update(meetingId, primary.id, { merged_count: Math.max(1, primary.merged_count - 1), votes: Math.max(0, primary.votes - row.votes) }, at, tx)
            : null;
          if (!after) throw refuse('not_found', 'question_not_found', NOT_FOUND);
          return { before: row, after, primary, primaryAfter };
        });
        announce(result.after, result.before);
        if (result.primaryAfter) {
          announce(result.primaryAfter, result.primary ?? undefined, { sender: false });
          await refreshSpotlight(meetingId, result.primaryAfter);
        }
        return toQuestion(result.after, (await stateOf(meetingId)).spotlight?.questionId ?? null);
      });
    },

    /** Pins a visible question to the projector (or unpins with null). */
    async pin(meetingId: string, actor: QuestionActor, input: { questionId: string | null }): Promise<{ ack: Ack<CommandResult>; publish: () => void }> {
      const nothing = () => undefined;
      try {
        requireModerator(actor);
        let spotlight: Spotlight | null = null;
        if (input.questionId !== null) {
          const row = await store.get(meetingId, input.questionId);
          if (!row) throw refuse('not_found', 'question_not_found', NOT_FOUND);
          if (!isPublic(row)) throw refuse('conflict', 'not_visible', 'Chỉ ghim được câu đã duyệt (đang hiển thị). Duyệt câu này trước.');
          spotlight = spotlightOf(row, clock.now());
        }
        const before = (await stateOf(meetingId)).spotlight?.questionId ?? null;
        const result = await meetings.execute(meetingId, 'questions:spotlight', { spotlight }, { role: 'mc', siteId: null });
        return {
          ack: result.ack,
          publish: () => {
            result.publish();
            // Moderators' rows carry `pinned`: the old and the new pinned row change.
            for (const id of [before, input.questionId]) if (id) staff.mark(meetingId, id);
          },
        };
      } catch (error) {
        if (error instanceof DomainError) return { ack: fail(error.code, error.message, { reason: error.reason }), publish: nothing };
        throw error;
      }
    },

    async close(): Promise<void> {
      await batcher.close();
      staff.close();
      participants.close();
    },
  };
}

export type QuestionsService = ReturnType<typeof questionsService>;
