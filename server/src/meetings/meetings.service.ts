import {
  type Ack,
  type AckFailure,
  type Actor,
  type AgendaItem,
  applyCommand,
  audienceOf,
  type CommandInput,
  type AnyCommandName,
  type CommandResult,
  CreateMeeting,
  DomainError,
  type DuplicateMeeting,
  meetingFromTemplate,
  fail,
  type MeetingSnapshot,
  type MeetingState,
  newMeetingState,
  ok,
  relativeDeadlineOf,
  type Role,
  viewFor,
} from '@diemcau/shared';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { AccessService } from '../access/access';
import type { Db } from '../db/database';
import type { Clock } from '../lib/clock';
import { newId, randomDigits } from '../lib/ids';
import { KeyedQueue } from '../lib/keyed-queue';
import { SharedReads } from '../lib/shared-reads';
import type { Broadcaster } from '../realtime/broadcaster';
import type { BroadcastOrder } from '../realtime/broadcast-order';
import { siteFieldsOf, sitesStore } from '../sites/sites.store';
import type { JournalEntry, MeetingsStore, StoredMeeting } from './meetings.store';

export const NOT_FOUND_MESSAGE = 'Không tìm thấy hội nghị (có thể đã bị xóa). Kiểm tra lại đường dẫn.';

/** Checks the sender's revision and applies the command, or says why not. */
function refuseOrApply<N extends AnyCommandName>(
  current: StoredMeeting,
  name: N,
  input: CommandInput<N>,
  now: number,
  actor: Actor,
): { ok: true; state: MeetingState; now: number } | { ok: false; failure: AckFailure } {
  const expectedRev = (input as { rev?: number }).rev;
  if (expectedRev !== undefined && expectedRev !== current.rev) {
    return {
      ok: false,
      failure: fail('conflict', 'Hội nghị vừa được thay đổi ở nơi khác; màn hình đã cập nhật, hãy xem lại rồi thử lại.', { reason: 'stale_rev' }),
    };
  }
  try {
    return { ok: true, state: applyCommand(current.state, name, input, { now, newId, actor }), now };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, failure: fail(error.code, error.message, { reason: error.reason }) };
    throw error;
  }
}

/**
 * Applies commands to meetings in one order per meeting: parse and authorise happen in the
 * handler; here load → apply (pure) → persist (revision checked) → then the caller acks and
 * publishes. A write that loses a race with another node is applied again on the latest
 * state with the meeting's row held (see `MeetingsStore.commitLatest`).
 */
export function meetingService(deps: {
  db: Db;
  store: MeetingsStore;
  access: AccessService;
  clock: Clock;
  broadcaster: Broadcaster;
  logger: Logger;
  /** Several nodes: holds a change until the previous revision has reached this node's clients. */
  order?: BroadcastOrder | null;
}) {
  const { store, clock, broadcaster, logger } = deps;
  const sites = sitesStore(deps.db);
  const cache = new Map<string, StoredMeeting>();
  const queue = new KeyedQueue();
  /** The latest revision in the database, read once for every snapshot asked at the same time (a reconnection storm). */
  const latestRevs = new SharedReads((meetingId) => store.rev(meetingId));
  /** Told of every applied change after it was broadcast (the video bridge follows the floor). */
  const observers: ((meetingId: string, before: MeetingState, after: MeetingState) => void)[] = [];

  const load = async (id: string, fresh = false): Promise<StoredMeeting | null> => {
    const cached = fresh ? undefined : cache.get(id);
    if (cached) return cached;
    const stored = await store.get(id);
    if (stored) cache.set(id, stored);
    else cache.delete(id);
    return stored;
  };

  const uniqueCode = async (): Promise<string> => {
    for (;;) {
      const code = randomDigits(6);
      if (!(await store.codeTaken(code))) return code;
    }
  };

  /** Inserts a new meeting with its links; `also` writes more in the same transaction (its sites). */
  const insertMeeting = async (state: MeetingState, also?: (tx: Db, meetingId: string, at: number) => Promise<void>): Promise<StoredMeeting> => {
    const id = newId();
    const code = await uniqueCode();
    const at = clock.now();
    await deps.db.transaction().execute(async (tx) => {
      await store.insert({ id, code, state, at }, tx);
      await deps.access.issueMeetingTokens(id, tx);
      await also?.(tx, id, at);
    });
    const stored: StoredMeeting = { id, code, rev: 0, state, createdAt: at, updatedAt: at };
    cache.set(id, stored);
    return stored;
  };

  return {
    load,

    /** Calls `observer` after each applied change has been broadcast. */
    observe(observer: (meetingId: string, before: MeetingState, after: MeetingState) => void): void {
      observers.push(observer);
    },

    /** Runs one command; resolves to the ack and a `publish` to call after acking. */
    execute<N extends AnyCommandName>(
      meetingId: string,
      name: N,
      input: CommandInput<N>,
      actor: Actor,
    ): Promise<{ ack: Ack<CommandResult>; publish: () => void }> {
      const nothing = () => undefined;
      const journalEntry = (now: number): JournalEntry => {
        const { rev: _rev, ...journalInput } = input as Record<string, unknown>;
        return { name, input: journalInput, at: now };
      };
      const applied = (before: StoredMeeting, next: MeetingState, now: number) => {
        const stored: StoredMeeting = { ...before, rev: before.rev + 1, state: next, updatedAt: now };
        cache.set(meetingId, stored);
        return {
          ack: { ok: true, data: { rev: stored.rev } } as Ack<CommandResult>,
          publish: () => {
            const send = () => {
              broadcaster.meetingChanged(meetingId, stored.rev, before.state, next);
              deps.order?.markDelivered(meetingId, stored.rev);
              for (const observe of observers) observe(meetingId, before.state, next);
            };
            // Another node may have applied the previous revision a moment ago: its broadcast first.
            const previous = deps.order?.after(meetingId, before.rev, before.updatedAt);
            if (previous) void previous.then(send);
            else send();
          },
        };
      };
      const notFound = { ack: fail('not_found', NOT_FOUND_MESSAGE, { reason: 'meeting_not_found' }), publish: nothing };
      return queue.run(meetingId, async () => {
        // Fast path: the cached copy, written only if the stored revision is still the one it
        // was read at (the conditional update checks it).
        const cached = await load(meetingId);
        if (!cached) return notFound;
        const first = refuseOrApply(cached, name, input, clock.now(), actor);
        if (first.ok) {
          // Nothing to change (a retried request): the same revision, nothing written or sent.
          if (first.state === cached.state) return { ack: { ok: true, data: { rev: cached.rev } }, publish: nothing };
          if (await store.commit(meetingId, cached.rev, first.state, journalEntry(first.now))) return applied(cached, first.state, first.now);
        } else if ((await store.rev(meetingId)) === cached.rev) {
          // Refuse only on the latest state: a cached copy may predate another node's write.
          return { ack: first.failure, publish: nothing };
        }
        // Another node wrote since: apply to the latest state while holding the meeting's row,
        // so a writer that lost a race is not overtaken again by a node working from its cache.
        logger.info({ meetingId, name, rev: cached.rev }, 'revision moved on: applying on the latest state');
        const outcome = await store.commitLatest(meetingId, (latest) => {
          const result = refuseOrApply(latest, name, input, clock.now(), actor);
          return { result, write: result.ok && result.state !== latest.state ? { state: result.state, entry: journalEntry(result.now) } : undefined };
        });
        if (!outcome) {
          cache.delete(meetingId);
          return notFound;
        }
        const { latest, result } = outcome;
        if (result.ok && result.state !== latest.state) return applied(latest, result.state, result.now);
        cache.set(meetingId, latest);
        return result.ok ? { ack: { ok: true, data: { rev: latest.rev } }, publish: nothing } : { ack: result.failure, publish: nothing };
      });
    },

    /**
     * What a connection of `role` sees now. Checks the cached copy against the database's
     * revision, so a snapshot is current even when another node applied the last change.
     */
    async snapshot(meetingId: string, role: Role, siteId: string | null = null, officeId: string | null = null): Promise<Ack<MeetingSnapshot>> {
      const latestRev = await latestRevs.get(meetingId);
      const meeting = latestRev === null ? null : await load(meetingId, cache.get(meetingId)?.rev !== latestRev);
      if (!meeting) return fail('not_found', NOT_FOUND_MESSAGE, { reason: 'meeting_not_found' });
      return ok({ meetingId, rev: meeting.rev, role, siteId, officeId, serverNow: clock.now(), view: viewFor(meeting.state, audienceOf(role)) });
    },

    async create(input: z.output<typeof CreateMeeting>): Promise<StoredMeeting> {
      const agenda: AgendaItem[] = input.agenda.map((item) => ({ ...item, id: newId() }));
      // Contributions name their item by position (the items have no ids before this point).
      const contributions = input.contributions.map(({ itemIndex, ...c }) => ({ ...c, id: newId(), itemId: agenda[itemIndex]!.id }));
      // A deadline written relative to the meeting keeps its rule (the date is derived from the meeting's).
      const tasks = input.tasks.map((task) => ({ ...task, relative: task.relative ?? (task.deadline ? null : relativeDeadlineOf(task.deadlineText)), id: newId() }));
      return insertMeeting({ ...newMeetingState(input.details, agenda), contributions, tasks });
    },

    /**
     * The next meeting from `meetingId` as a template (meetingFromTemplate: agenda, contributions,
     * tasks with deadlines moved, settings) with its sites copied (their details, not their
     * status), each with a new link and PIN, all in one transaction. Null when it does not exist.
     */
    async duplicate(meetingId: string, change: z.output<typeof DuplicateMeeting> = {}): Promise<StoredMeeting | null> {
      const source = await load(meetingId, true);
      if (!source) return null;
      const sourceSites = await sites.list(meetingId);
      const copies = sourceSites.map((record) => ({ id: newId(), fields: siteFieldsOf(record), from: record.id }));
      const state = meetingFromTemplate(source.state, change, { newId, siteIds: new Map(copies.map((c) => [c.from, c.id])) });
      return insertMeeting(state, async (tx, id, at) => {
        await sites.insertMany(id, copies, at, tx);
        for (const copy of copies) await deps.access.issueSiteToken(id, copy.id, tx);
      });
    },

    async remove(meetingId: string): Promise<boolean> {
      return queue.run(meetingId, async () => {
        const removed = await store.remove(meetingId);
        cache.delete(meetingId);
        if (removed) broadcaster.meetingDeleted(meetingId);
        return removed;
      });
    },
  };
}

export type MeetingService = ReturnType<typeof meetingService>;
