import { foldVietnamese, type MeetingListStatus, type MeetingState, type MeetingSummary, MeetingState as MeetingStateSchema } from '@diemcau/shared';
import { sql } from 'kysely';
import { type Db, isPostgres } from '../db/database';

export type StoredMeeting = {
  id: string;
  code: string;
  rev: number;
  state: MeetingState;
  createdAt: number;
  updatedAt: number;
};

export type JournalEntry = { name: string; input: unknown; at: number };

const searchText = (state: MeetingState) =>
  foldVietnamese([state.details.title, state.details.organiser, state.details.documentRef, state.details.venue].join(' '));

/** A date as people type it in a search, as a LIKE pattern on `YYYY-MM-DD`; null for any other word. */
export function datePattern(word: string): string | null {
  const pad = (n: string) => n.padStart(2, '0');
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(word);
  if (m) return `${m[3]}-${pad(m[2]!)}-${pad(m[1]!)}`;
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(word);
  if (m) return `${m[2]}-${pad(m[1]!)}-%`;
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(word);
  return m ? word : null;
}

const listed = (state: MeetingState) => ({
  title: state.details.title,
  starts_on: state.details.date,
  status: state.live.status,
  search_text: searchText(state),
});

/**
 * The revision check on write: the row moves to `expectedRev + 1` only if it is still at
 * `expectedRev` (on PostgreSQL under READ COMMITTED a concurrent writer's UPDATE waits for the
 * row, then re-reads it and matches nothing), and the journal gets that revision.
 */
async function writeRevision(tx: Db, id: string, expectedRev: number, state: MeetingState, entry: JournalEntry): Promise<boolean> {
  const updated = await tx
    .updateTable('meetings')
    .set({ rev: expectedRev + 1, state: JSON.stringify(state), ...listed(state), updated_at: entry.at })
    .where('id', '=', id)
    .where('rev', '=', expectedRev)
    .executeTakeFirst();
  if (updated.numUpdatedRows !== 1n) return false;
  await tx
    .insertInto('meeting_events')
    .values({ meeting_id: id, rev: expectedRev + 1, name: entry.name, input: JSON.stringify(entry.input ?? null), at: entry.at })
    .execute();
  return true;
}

/** Persistence of meetings: one row per meeting holding its document and revision, plus the journal. */
export function meetingsStore(db: Db) {
  const decode = (row: { id: string; code: string; rev: number; state: string; created_at: number; updated_at: number }): StoredMeeting => ({
    id: row.id,
    code: row.code,
    rev: row.rev,
    state: MeetingStateSchema.parse(JSON.parse(row.state)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

  return {
    async get(id: string): Promise<StoredMeeting | null> {
      const row = await db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? decode(row) : null;
    },

    async getByCode(code: string): Promise<StoredMeeting | null> {
      const row = await db.selectFrom('meetings').selectAll().where('code', '=', code).executeTakeFirst();
      return row ? decode(row) : null;
    },

    /** The current revision alone: a cheap check that a cached copy is still the latest. */
    async rev(id: string): Promise<number | null> {
      return (await db.selectFrom('meetings').select('rev').where('id', '=', id).executeTakeFirst())?.rev ?? null;
    },

    async codeTaken(code: string): Promise<boolean> {
      const row = await db.selectFrom('meetings').select('id').where('code', '=', code).executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Meetings whose title, organiser, reference or venue contain every word of `query`
     * (diacritics ignored) and whose date matches each date in it (`24/11/2023`, `11/2023`,
     * `2023-11-24`), of `status` (`active`: not ended; `ended`: the archive), newest date first.
     */
    async list(query: string, limit = 200, status: MeetingListStatus = 'all'): Promise<MeetingSummary[]> {
      let select = db.selectFrom('meetings').selectAll();
      if (status === 'ended') select = select.where('status', '=', 'ended');
      if (status === 'active') select = select.where('status', '!=', 'ended');
      for (const word of foldVietnamese(query).split(' ').filter(Boolean)) {
        const date = datePattern(word);
        if (date) select = select.where('starts_on', 'like', date);
        // ESCAPE named: SQLite has no default escape character, PostgreSQL's is the backslash.
        else select = select.where(sql<boolean>`search_text like ${`%${word.replace(/[%_\\]/g, (c) => `\\${c}`)}%`} escape '\\'`);
      }
      const rows = await select.orderBy('starts_on', 'desc').orderBy('updated_at', 'desc').limit(limit).execute();
      return rows.map((row) => {
        const { state } = decode(row);
        return {
          id: row.id,
          code: row.code,
          rev: row.rev,
          title: state.details.title,
          organiser: state.details.organiser,
          date: state.details.date,
          startTime: state.details.startTime,
          format: state.details.format,
          status: state.live.status,
          agendaCount: state.agenda.length,
          updatedAt: row.updated_at,
        };
      });
    },

    async insert(meeting: { id: string; code: string; state: MeetingState; at: number }, run: Db = db): Promise<void> {
      await run
        .insertInto('meetings')
        .values({
          id: meeting.id,
          code: meeting.code,
          rev: 0,
          state: JSON.stringify(meeting.state),
          ...listed(meeting.state),
          created_at: meeting.at,
          updated_at: meeting.at,
        })
        .execute();
    },

    /**
     * Writes a new state as revision `expectedRev + 1`, with its journal entry, in one
     * transaction. Returns false (and writes nothing) when another writer got there first.
     */
    async commit(id: string, expectedRev: number, state: MeetingState, entry: JournalEntry): Promise<boolean> {
      return db.transaction().execute((tx) => writeRevision(tx, id, expectedRev, state, entry));
    },

    /**
     * Reads the latest row and writes what `decide` makes of it in one write transaction that
     * holds the meeting: SQLite's BEGIN IMMEDIATE takes its one write lock, PostgreSQL's
     * `SELECT … FOR UPDATE` the row (other writers' conditional updates wait, then see the
     * new revision). `decide` must be quick and pure. Null when the meeting is gone.
     */
    async commitLatest<T>(
      id: string,
      decide: (latest: StoredMeeting) => { result: T; write?: { state: MeetingState; entry: JournalEntry } | undefined },
    ): Promise<{ latest: StoredMeeting; result: T } | null> {
      return db.transaction().execute(async (tx) => {
        const row = await tx
          .selectFrom('meetings')
          .selectAll()
          .where('id', '=', id)
          .$if(isPostgres(tx), (q) => q.forUpdate())
          .executeTakeFirst();
        if (!row) return null;
        const latest = decode(row);
        const { result, write } = decide(latest);
        if (write) {
          const written = await writeRevision(tx, id, latest.rev, write.state, write.entry);
          if (!written) throw new Error(`meeting ${id} changed while its row was held`);
        }
        return { latest, result };
      });
    },

    async remove(id: string): Promise<boolean> {
      return db.transaction().execute(async (tx) => {
        const tables = ['meeting_events', 'access_tokens', 'roll_call_answers', 'roll_calls', 'attendance_events', 'sites', 'question_votes', 'questions'] as const;
        for (const table of tables) {
          await tx.deleteFrom(table).where('meeting_id', '=', id).execute();
        }
        const deleted = await tx.deleteFrom('meetings').where('id', '=', id).executeTakeFirst();
        return deleted.numDeletedRows === 1n;
      });
    },

    async journal(id: string) {
      return db.selectFrom('meeting_events').selectAll().where('meeting_id', '=', id).orderBy('rev').execute();
    },
  };
}

export type MeetingsStore = ReturnType<typeof meetingsStore>;
