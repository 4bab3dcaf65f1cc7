import {
  type Ack,
  type AckFailure,
  type AttendanceEventKind,
  type AttendancePage,
  type AttendanceSnapshot,
  ATTENDANCE_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  type PageQuery,
  attendanceTimeline,
  type TimelinePoint,
  DomainError,
  endedError,
  fail,
  ok,
  type Presence,
  type Readiness,
  type RollCall,
  rollCallOpen,
  type ImportAction,
  type ImportPreview,
  type SiteFields,
  type SiteRow,
  foldVietnamese,
  type VideoStatus,
  MAX_SITES,
} from '@diemcau/shared';
import type { Logger } from 'pino';
import type { AccessService } from '../access/access';
import type { Db } from '../db/database';
import { guard } from '../lib/guard';
import type { Clock } from '../lib/clock';
import { Coalescer } from '../lib/coalescer';
import { KeyedQueue } from '../lib/keyed-queue';
import { SharedReads } from '../lib/shared-reads';
import { WriteBatcher } from '../lib/write-batcher';
import { newId } from '../lib/ids';
import type { Broadcaster } from '../realtime/broadcaster';
import { type ExpiredSite, type LiveSite, memoryPresence, type PresenceCounter } from './presence';
import { type SiteRecord, type SitesStore, siteFieldsOf } from './sites.store';

/** How long connections and disconnections gather before they are written in one transaction. */
const PRESENCE_WRITE_DELAY_MS = 50;
/** Board updates are sent at most this often per meeting: a storm of check-ins becomes a few batches. */
export const ATTENDANCE_FLUSH_MS = 250;

const BAD_CURSOR = 'Trang tiếp theo không hợp lệ: gửi đúng giá trị "next" của trang trước, hoặc bỏ "after" để đọc từ đầu.';
const ROLL_CALL_OPEN = () => new DomainError('conflict', 'roll_call_open', 'Đang có một lượt điểm danh (có thể vừa bắt đầu từ một bàn điều khiển khác): kết thúc lượt đó trước khi bắt đầu lượt mới.');
const NO_SITE = 'Không tìm thấy điểm cầu này (có thể đã bị xóa). Xin liên kết mới từ Ban Tổ chức.';

/**
 * Sites of a meeting: their own reports (check-in, headcount, readiness), presence computed
 * from their connections (on this node, or on every node through Redis), and roll calls.
 * Changes to the boards are coalesced per node: each node sends the changes it saw.
 */
export function sitesService(deps: {
  db: Db;
  store: SitesStore;
  access: AccessService;
  clock: Clock;
  broadcaster: Broadcaster;
  logger: Logger;
  /** A site's video connection, kept by the video bridge; null without one. */
  videoStatus?: (siteId: string) => VideoStatus | null;
  /** Where connections are counted; told of sites whose node went away. This node's memory by default. */
  presence?: (expired: (sites: ExpiredSite[]) => void) => PresenceCounter;
  /** Whether the meeting has ended (`fresh`: read from the database, not this node's copy): an ended meeting is read-only. */
  isEnded?: (meetingId: string, fresh?: boolean) => Promise<boolean>;
}) {
  const { store, clock, broadcaster, logger } = deps;
  /** Refuses a change to an ended meeting's attendance: its record is kept as it was at the end. */
  const requireOpen = async (meetingId: string, fresh = false): Promise<void> => {
    if (await deps.isEnded?.(meetingId, fresh)) throw endedError();
  };
  /** The same, as an answer, for the list's changes. */
  const openOrFailure = async (meetingId: string): Promise<Ack<never> | null> => {
    if (!(await deps.isEnded?.(meetingId, true))) return null;
    const error = endedError();
    return fail(error.code, error.message, { reason: error.reason });
  };
  /**
   * Connections and disconnections are written in group commits: a restart brings thousands
   * of sites back within seconds, and one transaction (one fsync) each blocked the event loop
   * for all of them (3,000 sites took 31 s to resync; the bench's `reconnect`). Nobody waits
   * on these writes (no acknowledgement; the boards hear in batches every 250 ms anyway), so
   * a batch gathers for 50 ms: a batch per few milliseconds was still about one fsync per site.
   */
  const presenceWrites = new WriteBatcher(deps.db, { delayMs: PRESENCE_WRITE_DELAY_MS, maxBatch: 2_000 });
  /**
   * Sites' own reports (check-in, headcount, readiness) in group commits, acknowledged once
   * committed: 1,000 sites checking in within a second cost one fsync each before (acks p50
   * 390 ms in the bench's `checkin`).
   */
  const reportWrites = new WriteBatcher(deps.db);
  /** A meeting's roll calls, read once for every site page greeted at the same time. */
  // Roll calls of one meeting start and close one at a time: two consoles pressing "start" at once start one.
  const rollCallQueue = new KeyedQueue();
  const rollCallsNow = new SharedReads((meetingId) => store.rollCalls(meetingId));
  const recordPresence = (meetingId: string, siteId: string, kind: 'connected' | 'disconnected') => {
    const at = clock.now();
    return presenceWrites.run((tx) => store.presence(meetingId, siteId, kind, at, tx));
  };
  const presence = (deps.presence ?? memoryPresence)((sites) => {
    for (const { meetingId, siteId } of sites) {
      void tracked(recordPresence(meetingId, siteId, 'disconnected'))
        .then(() => touch(meetingId, siteId))
        .catch((error: unknown) => logger.error({ err: error, meetingId, siteId }, 'presence expiry failed'));
    }
  });
  /** Presence writes under way, so that a clean shutdown records every last disconnection. */
  const inflight = new Set<Promise<void>>();
  const tracked = (write: Promise<void>): Promise<void> => {
    inflight.add(write);
    return write.finally(() => inflight.delete(write));
  };
  const settled = async (): Promise<void> => {
    await Promise.allSettled([...inflight]);
  };
  const boards = new Coalescer(ATTENDANCE_FLUSH_MS, (meetingId, siteIds) => void flush(meetingId, siteIds));
  /**
   * Rows already read after a site's own change, kept until the next batch so that a storm
   * of check-ins does not queue one more read behind them; presence changes read afresh.
   */
  const fresh = new Map<string, SiteRow>();

  const presenceOf = (record: SiteRecord, live: LiveSite | undefined): Presence => {
    return {
      devices: live?.devices ?? 0,
      lastSeenAt: live ? clock.now() : record.last_seen_at,
      // The last presence event's time: the disconnection's once no device is left.
      disconnectedSince: live ? null : record.last_seen_at,
      rttMs: live?.rttMs ?? null,
      disconnections: record.disconnections,
    };
  };

  const toRow = (record: SiteRecord, answers: SiteRow['answers'], live: LiveSite | undefined): SiteRow => ({
    id: record.id,
    meetingId: record.meeting_id,
    ...siteFieldsOf(record),
    checkedInAt: record.checked_in_at,
    representative: record.representative,
    representativeTitle: record.representative_title,
    headcount: record.headcount,
    readiness: record.readiness as Readiness,
    note: record.note,
    statusAt: record.status_at,
    problemAckedAt: record.problem_acked_at ?? null,
    version: record.version,
    presence: presenceOf(record, live),
    video: deps.videoStatus?.(record.id) ?? null,
    answers,
  });

  const rows = async (meetingId: string, siteIds?: readonly string[]): Promise<SiteRow[]> => {
    const [records, answers, live] = await Promise.all([store.list(meetingId, siteIds), store.answers(meetingId, siteIds), presence.read(meetingId, siteIds)]);
    return records.map((r) => toRow(r, answers.get(r.id) ?? {}, live.get(r.id)));
  };

  /** The rows of stored sites, with their answers and presence. */
  const rowsOf = async (meetingId: string, records: SiteRecord[]): Promise<SiteRow[]> => {
    const ids = records.map((r) => r.id);
    const [answers, live] = await Promise.all([store.answers(meetingId, ids), presence.read(meetingId, ids)]);
    return records.map((r) => toRow(r, answers.get(r.id) ?? {}, live.get(r.id)));
  };

  const row = async (meetingId: string, siteId: string): Promise<SiteRow> => {
    const [found] = await rows(meetingId, [siteId]);
    if (!found) throw new DomainError('not_found', 'site_not_found', NO_SITE);
    return found;
  };

  /** Marks a site changed; the boards hear of it in the next batch (with `row` when it was just read). */
  const touch = (meetingId: string, siteId: string, row?: SiteRow): void => {
    const known = fresh.get(siteId);
    if (row && (!known || known.version <= row.version)) fresh.set(siteId, row);
    if (!row) fresh.delete(siteId);
    boards.mark(meetingId, siteId);
  };

  const flush = async (meetingId: string, siteIds: string[]): Promise<void> => {
    try {
      const ready = siteIds.flatMap((id) => fresh.get(id) ?? []);
      for (const id of siteIds) fresh.delete(id);
      const readyIds = new Set(ready.map((r) => r.id));
      const stale = siteIds.filter((id) => !readyIds.has(id));
      broadcaster.attendanceChanged(meetingId, stale.length ? [...ready, ...(await rows(meetingId, stale))] : ready);
    } catch (error) {
      logger.error({ err: error, meetingId }, 'attendance flush failed');
    }
  };

  /** A site's devices all hear of its own change at once; the boards in the next batch. */
  const changed = async (meetingId: string, siteId: string, written?: SiteRecord): Promise<SiteRow> => {
    const site = written
      ? await Promise.all([store.answers(meetingId, [siteId]), presence.read(meetingId, [siteId])]).then(([answers, live]) => toRow(written, answers.get(siteId) ?? {}, live.get(siteId)))
      : await row(meetingId, siteId);
    broadcaster.siteChanged(meetingId, site);
    touch(meetingId, siteId, site);
    return site;
  };

  /** Writes a site's report; a site that no longer exists is refused. */
  const report = async (meetingId: string, siteId: string, fields: Parameters<SitesStore['report']>[2]): Promise<SiteRecord> => {
    const at = clock.now();
    const written = await reportWrites.run((tx) => store.report(meetingId, siteId, fields, at, tx));
    if (!written) throw new DomainError('not_found', 'site_not_found', NO_SITE);
    return written.record;
  };

  /** Why new sites cannot be added (the meeting's limit, a name used twice or already there), or null. */
  const refuseNew = (existing: Map<string, string>, sites: readonly SiteFields[], advice: string): AckFailure | null => {
    if (existing.size + sites.length > MAX_SITES) {
      return fail('invalid', `Một hội nghị có tối đa ${MAX_SITES.toLocaleString('vi-VN')} điểm cầu (đang có ${existing.size}).`, { reason: 'too_many_sites' });
    }
    const seen = new Set(existing.keys());
    const clashes: string[] = [];
    for (const site of sites) {
      const key = foldVietnamese(site.name);
      if (seen.has(key)) clashes.push(site.name);
      seen.add(key);
    }
    if (clashes.length === 0) return null;
    return fail('conflict', `Đã có điểm cầu trùng tên: ${clashes.slice(0, 5).join('; ')}${clashes.length > 5 ? '…' : ''}. ${advice}`, { reason: 'duplicate_name', issues: clashes });
  };

  /** Inserts new sites with a link and PIN each, inside the caller's transaction. */
  const insertNew = async (meetingId: string, created: readonly { id: string; fields: SiteFields }[], tx: Db): Promise<void> => {
    await store.insertMany(meetingId, created, clock.now(), tx);
    for (const site of created) await deps.access.issueSiteToken(meetingId, site.id, tx);
  };

  return {
    rows,
    row,

    async snapshot(meetingId: string): Promise<AttendanceSnapshot> {
      const [sites, rollCalls] = await Promise.all([rows(meetingId), store.rollCalls(meetingId)]);
      return { meetingId, serverNow: clock.now(), sites, rollCalls };
    },

    /** One page of the attendance (`attendance:sync`): at most `limit` sites after the cursor `after`, and every roll call. */
    page(meetingId: string, query: PageQuery): Promise<Ack<AttendancePage>> {
      return guard(async () => {
        const cursor = query?.after === undefined ? null : decodeCursor(query.after);
        if (query?.after !== undefined && !cursor) throw new DomainError('invalid', 'bad_cursor', BAD_CURSOR);
        const limit = Math.min(query?.limit ?? ATTENDANCE_PAGE_SIZE, ATTENDANCE_PAGE_SIZE);
        const [records, rollCalls] = await Promise.all([store.page(meetingId, cursor, limit + 1), rollCallsNow.get(meetingId)]);
        const last = records.length > limit ? records[limit - 1] : undefined;
        const sites = await rowsOf(meetingId, records.slice(0, limit));
        return { meetingId, serverNow: clock.now(), sites, rollCalls, next: last ? encodeCursor({ key: last.position, id: last.id }) : null };
      });
    },

    async siteSnapshot(meetingId: string, siteId: string): Promise<{ site: SiteRow; rollCalls: RollCall[] }> {
      const [site, calls] = await Promise.all([row(meetingId, siteId), rollCallsNow.get(meetingId)]);
      return { site, rollCalls: calls };
    },

    // ------------------------------------------------------------ a site's own report

    checkIn(meetingId: string, siteId: string, input: { representative: string; representativeTitle: string; headcount: number }) {
      return guard(async () => {
        await requireOpen(meetingId);
        return changed(meetingId, siteId, await report(meetingId, siteId, { checkIn: true, ...input }));
      });
    },

    setHeadcount(meetingId: string, siteId: string, headcount: number) {
      return guard(async () => {
        await requireOpen(meetingId);
        const site = await row(meetingId, siteId);
        if (site.checkedInAt === null) throw new DomainError('conflict', 'not_checked_in', 'Hãy báo có mặt trước khi cập nhật số người.');
        return changed(meetingId, siteId, await report(meetingId, siteId, { headcount }));
      });
    },

    setReadiness(meetingId: string, siteId: string, readiness: Exclude<Readiness, 'unknown'>, note: string) {
      return guard(async () => {
        if (readiness === 'problem' && note === '') throw new DomainError('invalid', 'note_required', 'Mô tả ngắn sự cố (ví dụ: "mất tiếng", "không thấy hình") để kỹ thuật hỗ trợ.');
        await requireOpen(meetingId);
        return changed(meetingId, siteId, await report(meetingId, siteId, { readiness, note }));
      });
    },

    /** The MC or organiser took note of a site's reported problem: the site's page shows it (the technicians are on it). */
    acknowledgeProblem(meetingId: string, siteId: string) {
      return guard(async () => {
        await requireOpen(meetingId);
        if (!(await store.acknowledgeProblem(meetingId, siteId, clock.now()))) {
          const site = await store.get(siteId);
          if (!site || site.meeting_id !== meetingId) throw new DomainError('not_found', 'site_not_found', NO_SITE);
          throw new DomainError('conflict', 'no_problem', 'Điểm cầu này không còn báo sự cố (có thể vừa báo đã khắc phục).');
        }
        return changed(meetingId, siteId);
      });
    },

    answerRollCall(meetingId: string, siteId: string, rollCallId: string, headcount: number) {
      return guard(async () => {
        const rollCall = await store.rollCall(rollCallId, meetingId);
        if (!rollCall) throw new DomainError('not_found', 'roll_call_not_found', 'Không tìm thấy lượt điểm danh này.');
        const site = await row(meetingId, siteId);
        if (site.answers[rollCallId]) return site; // a retry: the first answer stands
        await requireOpen(meetingId);
        if (!rollCallOpen(rollCall, clock.now())) throw new DomainError('conflict', 'roll_call_closed', 'Lượt điểm danh đã kết thúc. Liên hệ Ban Tổ chức nếu cần bổ sung.');
        await store.answer(meetingId, rollCallId, siteId, { answeredAt: clock.now(), headcount });
        return changed(meetingId, siteId);
      });
    },

    // ------------------------------------------------------------ presence (connections on every node)

    /** A device connected: the site's first device (on any node) is recorded as connected. */
    connected(meetingId: string, siteId: string): Promise<void> {
      return tracked(
        (async () => {
          if ((await presence.connect(meetingId, siteId)) === 1) await recordPresence(meetingId, siteId, 'connected');
          touch(meetingId, siteId);
        })(),
      );
    },

    /** A device left: the site's last device (on every node) is recorded as disconnected. */
    disconnected(meetingId: string, siteId: string): Promise<void> {
      return tracked(
        (async () => {
          const devices = await presence.disconnect(meetingId, siteId);
          if (devices === null) return; // not counted here (the site was removed meanwhile)
          if (devices === 0) await recordPresence(meetingId, siteId, 'disconnected');
          touch(meetingId, siteId);
        })(),
      );
    },

    /** The site's video status changed: the boards hear of it in the next batch. */
    videoChanged(meetingId: string, siteId: string): void {
      touch(meetingId, siteId);
    },

    reportRtt(meetingId: string, siteId: string, rttMs: number): void {
      presence
        .rtt(meetingId, siteId, rttMs)
        .then(() => touch(meetingId, siteId))
        .catch((error: unknown) => logger.error({ err: error, meetingId }, 'presence report failed'));
    },

    // ------------------------------------------------------------ roll calls (MC)

    startRollCall(meetingId: string, input: { label: string; durationMs: number }) {
      return guard(() => rollCallQueue.run(meetingId, async () => {
        await requireOpen(meetingId, true);
        const now = clock.now();
        const earlier = await store.rollCalls(meetingId);
        if (earlier.some((r) => rollCallOpen(r, now))) throw ROLL_CALL_OPEN();
        const count = earlier.length;
        const rollCall: RollCall = { id: newId(), label: input.label || `Điểm danh lần ${count + 1}`, startedAt: now, endsAt: now + input.durationMs, closedAt: null };
        // Checked again as it is written: another node (or console on it) may have started one since the read above.
        if (!(await store.startRollCall(meetingId, rollCall))) throw ROLL_CALL_OPEN();
        broadcaster.rollCallChanged(meetingId, rollCall);
        return rollCall;
      }));
    },

    closeRollCall(meetingId: string, rollCallId: string) {
      return guard(() => rollCallQueue.run(meetingId, async () => {
        await requireOpen(meetingId, true);
        const rollCall = await store.rollCall(rollCallId, meetingId);
        if (!rollCall) throw new DomainError('not_found', 'roll_call_not_found', 'Không tìm thấy lượt điểm danh này.');
        const now = clock.now();
        // Closed only if still open as it is written: a second console (on any node) is told it was closed already.
        if (!rollCallOpen(rollCall, now) || !(await store.closeRollCall(rollCallId, now))) throw new DomainError('conflict', 'roll_call_closed', 'Lượt điểm danh này đã kết thúc (có thể từ một bàn điều khiển khác).');
        const closed = { ...rollCall, closedAt: now };
        broadcaster.rollCallChanged(meetingId, closed);
        return closed;
      }));
    },

    /**
     * The meeting ended at `at`: a roll call still open closes then, its answers kept as they
     * stood (the record counts them; a late answer is refused). Never throws.
     */
    async meetingEnded(meetingId: string, at: number): Promise<void> {
      try {
        await rollCallQueue.run(meetingId, async () => {
          for (const rollCall of await store.rollCalls(meetingId)) {
            if (!rollCallOpen(rollCall, at)) continue;
            await store.closeRollCall(rollCall.id, at);
            broadcaster.rollCallChanged(meetingId, { ...rollCall, closedAt: at });
          }
        });
      } catch (error) {
        logger.error({ err: error, meetingId }, 'closing the roll call at the end failed');
      }
    },

    // ------------------------------------------------------------ the list (organiser, MC)

    /** Adds sites with a link and PIN each; refuses names already used (diacritics ignored). */
    async addSites(meetingId: string, sites: readonly SiteFields[]): Promise<Ack<SiteRow[]>> {
      const ended = await openOrFailure(meetingId);
      if (ended) return ended;
      const existing = await store.foldedNames(meetingId);
      const refused = refuseNew(existing, sites, 'Đổi tên hoặc bỏ dòng trùng.');
      if (refused) return refused;
      const created = sites.map((fields) => ({ id: newId(), fields }));
      await deps.db.transaction().execute((tx) => insertNew(meetingId, created, tx));
      const added = await rows(meetingId, created.map((s) => s.id));
      broadcaster.attendanceChanged(meetingId, added);
      return ok(added);
    },

    /** Marks the preview's rows whose name the meeting has already (diacritics and case ignored): to skip or update, not to add. */
    async markDuplicates<P extends ImportPreview>(meetingId: string, preview: P): Promise<P> {
      const existing = new Map((await store.foldedNames(meetingId)).entries());
      const names = existing.size === 0 ? new Map<string, string>() : new Map((await rows(meetingId)).map((r) => [r.id, r.name]));
      let duplicates = 0;
      const marked = preview.rows.map((row) => {
        const siteId = row.site ? existing.get(foldVietnamese(row.site.name)) : undefined;
        if (siteId === undefined) return { ...row, existing: null };
        duplicates += 1;
        return { ...row, existing: { siteId, name: names.get(siteId) ?? row.site!.name } };
      });
      return { ...preview, rows: marked, duplicates };
    },

    /**
     * An import as confirmed: rows to add, rows that update the site of the same name, rows left
     * out. A duplicate sent to be added is refused with its names (choose skip or update), an
     * update of a name the meeting does not have too; nothing is written then.
     */
    async importSites(meetingId: string, sites: readonly (SiteFields & { action: ImportAction })[]): Promise<Ack<SiteRow[]>> {
      const ended = await openOrFailure(meetingId);
      if (ended) return ended;
      const existing = await store.foldedNames(meetingId);
      const clash = (action: ImportAction, known: boolean) => sites.filter((s) => s.action === action && existing.has(foldVietnamese(s.name)) === known).map((s) => s.name);
      const unknown = clash('update', false);
      if (unknown.length > 0) {
        return fail('conflict', `Không có điểm cầu tên ${unknown.slice(0, 5).join('; ')}${unknown.length > 5 ? '…' : ''} để cập nhật: chọn "Thêm mới" cho các dòng này.`, { reason: 'nothing_to_update', issues: unknown });
      }
      const fieldsOf = ({ action: _action, ...fields }: SiteFields & { action: ImportAction }): SiteFields => fields;
      const toAdd = sites.filter((s) => s.action === 'add').map(fieldsOf);
      const refused = refuseNew(existing, toAdd, 'Chọn "Bỏ qua" hoặc "Cập nhật" cho các dòng này.');
      if (refused) return refused;
      const created = toAdd.map((fields) => ({ id: newId(), fields }));
      const updates = sites.filter((s) => s.action === 'update').map((s) => ({ siteId: existing.get(foldVietnamese(s.name))!, fields: fieldsOf(s) }));
      // One transaction: an import that fails half-way (a row the database refuses) adds and updates nothing.
      await deps.db.transaction().execute(async (tx) => {
        await insertNew(meetingId, created, tx);
        for (const { siteId, fields } of updates) await store.update(siteId, fields, tx);
      });
      const added = created.length > 0 ? await rows(meetingId, created.map((s) => s.id)) : [];
      if (added.length > 0) broadcaster.attendanceChanged(meetingId, added);
      const updated: SiteRow[] = [];
      for (const siteId of new Set(updates.map((u) => u.siteId))) updated.push(await changed(meetingId, siteId));
      return ok([...added, ...updated]);
    },

    async updateSite(meetingId: string, siteId: string, fields: SiteFields): Promise<Ack<SiteRow>> {
      const ended = await openOrFailure(meetingId);
      if (ended) return ended;
      const current = await store.get(siteId);
      if (!current || current.meeting_id !== meetingId) return fail('not_found', NO_SITE);
      const clash = (await store.foldedNames(meetingId)).get(foldVietnamese(fields.name));
      if (clash && clash !== siteId) return fail('conflict', `Đã có điểm cầu tên "${fields.name}".`, { reason: 'duplicate_name' });
      await store.update(siteId, fields);
      return ok(await changed(meetingId, siteId));
    },

    async removeSite(meetingId: string, siteId: string): Promise<Ack<{ id: string }>> {
      const ended = await openOrFailure(meetingId);
      if (ended) return ended;
      const current = await store.get(siteId);
      if (!current || current.meeting_id !== meetingId) return fail('not_found', NO_SITE);
      await deps.db.transaction().execute(async (tx) => {
        await store.remove(siteId, tx);
        await deps.access.revokeSite(meetingId, siteId, tx);
      });
      await presence.forget(meetingId, siteId);
      broadcaster.siteRemoved(meetingId, siteId);
      return ok({ id: siteId });
    },

    /** A new link and PIN for a site; devices on the old link are disconnected. */
    async reissue(meetingId: string, siteId: string): Promise<{ token: string; pin: string }> {
      const issued = await deps.access.issueSiteToken(meetingId, siteId);
      broadcaster.siteAccessRevoked(meetingId, siteId);
      return issued;
    },

    /** Sites connected and checked in over time, from the first event until `now`, in at most ~300 steps. */
    async timeline(meetingId: string, now: number): Promise<TimelinePoint[]> {
      const events = (await store.events(meetingId)).map((e) => ({ siteId: e.site_id, kind: e.kind as AttendanceEventKind, at: e.at }));
      const from = events[0]?.at ?? now;
      const stepMs = Math.max(60_000, Math.ceil((now - from) / 300 / 60_000) * 60_000);
      return attendanceTimeline(events, from - (from % 60_000), now, stepMs);
    },

    /** Resolves once every presence write under way (gathering for its group commit) is stored. */
    settled,

    /** Stops board batches and waits for presence writes; call after the sockets are closed. */
    async close(): Promise<void> {
      boards.close();
      fresh.clear();
      await settled();
      await reportWrites.close();
      await presenceWrites.close();
      await presence.close();
    },
  };
}

export type SitesService = ReturnType<typeof sitesService>;
