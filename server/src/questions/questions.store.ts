import type { Cursor } from '@diemcau/shared';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { type Database, type Db, isPostgres } from '../db/database';

export type QuestionRecord = Selectable<Database['questions']>;
export type NewQuestion = Insertable<Database['questions']>;
export type QuestionChanges = Omit<Updateable<Database['questions']>, 'id' | 'meeting_id' | 'version' | 'updated_at'>;

/** Whose submissions: a public device (by key hash) or a site. */
export type Sender = { kind: 'device'; keyHash: string } | { kind: 'site'; siteId: string };

/**
 * What a new row holds in the columns a submission does not set: the column defaults of
 * migration `0004_questions`. The insert builds the stored record from these instead of
 * reading it back (`RETURNING *` was a third of the server's time under a storm).
 */
export const NEW_QUESTION_DEFAULTS = {
  answer: '',
  answered_by: '',
  answered_at: null,
  votes: 0,
  merged_into: null,
  merged_count: 1,
  ip: '',
  version: 0,
} as const satisfies Partial<QuestionRecord>;

/** The record a submission becomes once stored (optional columns it leaves out are null). */
export const newQuestionRecord = (row: NewQuestion): QuestionRecord => ({
  sender_key: null,
  office_id: null,
  site_id: null,
  ...NEW_QUESTION_DEFAULTS,
  ...row,
});

/** Persistence of questions and their votes. Writes take the transaction they run in. */
export function questionsStore(db: Db) {
  return {
    /**
     * Stores a submission unless one with the same client id exists; either way returns the
     * stored row and whether it is new (a retried submission is stored once).
     */
    async insert(row: NewQuestion, run: Db = db): Promise<{ record: QuestionRecord; created: boolean }> {
      const result = await run
        .insertInto('questions')
        .values(row)
        .onConflict((oc) => oc.columns(['meeting_id', 'client_id']).doNothing())
        .executeTakeFirst();
      // 1 for a new row, 0 when the client id was already stored (a retry).
      if (Number(result.numInsertedOrUpdatedRows ?? 0n) > 0) return { record: newQuestionRecord(row), created: true };
      const existing = await run
        .selectFrom('questions')
        .selectAll()
        .where('meeting_id', '=', row.meeting_id)
        .where('client_id', '=', row.client_id)
        .executeTakeFirstOrThrow();
      return { record: existing, created: false };
    },

    /**
     * One row. Read inside a transaction (`run` is not the store's own handle), it is held FOR
     * UPDATE on PostgreSQL until the commit: every such read decides a write, and two
     * moderators pressing at once must not both decide on the row as it was (SQLite's BEGIN
     * IMMEDIATE already lets one writer in at a time).
     */
    async get(meetingId: string, id: string, run: Db = db): Promise<QuestionRecord | null> {
      return (
        (await run
          .selectFrom('questions')
          .selectAll()
          .where('meeting_id', '=', meetingId)
          .where('id', '=', id)
          .$if(run !== db && isPostgres(run), (q) => q.forUpdate())
          .executeTakeFirst()) ?? null
      );
    },

    /** Rows of a meeting, oldest first; only `ids` when given, only one office's with `officeId`. */
    async list(meetingId: string, filter: { ids?: readonly string[]; officeId?: string; visible?: boolean; limit?: number } = {}): Promise<QuestionRecord[]> {
      if (filter.ids?.length === 0) return [];
      let q = db.selectFrom('questions').selectAll().where('meeting_id', '=', meetingId);
      if (filter.ids) q = q.where('id', 'in', [...filter.ids]);
      if (filter.officeId !== undefined) q = q.where('office_id', '=', filter.officeId);
      if (filter.visible !== undefined) q = q.where('visible', '=', filter.visible ? 1 : 0).where('merged_into', 'is', null);
      if (filter.limit !== undefined) return q.orderBy('votes', 'desc').orderBy('created_at', 'desc').limit(filter.limit).execute();
      return q.orderBy('created_at').orderBy('id').execute();
    },

    /** At most `limit` questions oldest first (created, then id) after `cursor`, of one office when given: one page of a read. */
    async page(meetingId: string, officeId: string | undefined, cursor: Cursor | null, limit: number): Promise<QuestionRecord[]> {
      let q = db.selectFrom('questions').selectAll().where('meeting_id', '=', meetingId);
      if (officeId !== undefined) q = q.where('office_id', '=', officeId);
      if (cursor) q = q.where((eb) => eb.or([eb('created_at', '>', cursor.key), eb.and([eb('created_at', '=', cursor.key), eb('id', '>', cursor.id)])]));
      return q.orderBy('created_at').orderBy('id').limit(limit).execute();
    },

    /** A sender's own submissions, oldest first. */
    async bySender(meetingId: string, sender: Sender): Promise<QuestionRecord[]> {
      const q = db.selectFrom('questions').selectAll().where('meeting_id', '=', meetingId);
      const mine = sender.kind === 'site' ? q.where('site_id', '=', sender.siteId).where('origin', '=', 'site') : q.where('sender_key', '=', sender.keyHash);
      return mine.orderBy('created_at').execute();
    },

    /** Changes a row (its version moves on); null when it does not exist. */
    async update(meetingId: string, id: string, changes: QuestionChanges, at: number, run: Db = db): Promise<QuestionRecord | null> {
      return (
        (await run
          .updateTable('questions')
          .set((eb) => ({ ...changes, updated_at: at, version: eb('version', '+', 1) }))
          .where('meeting_id', '=', meetingId)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst()) ?? null
      );
    },

    /** Rows merged into `id`. */
    async mergedInto(meetingId: string, id: string, run: Db = db): Promise<QuestionRecord[]> {
      return run.selectFrom('questions').selectAll().where('meeting_id', '=', meetingId).where('merged_into', '=', id).orderBy('created_at').execute();
    },

    /**
     * Adds or takes back one voter's vote; returns the new count and whether the voter's vote
     * stands, or null when the question is gone. A repeated vote changes nothing.
     */
    async vote(meetingId: string, questionId: string, voter: string, up: boolean, at: number, run: Db = db): Promise<{ record: QuestionRecord; changed: boolean } | null> {
      const changed = up
        ? await run
            .insertInto('question_votes')
            .values({ question_id: questionId, voter, meeting_id: meetingId, at })
            .onConflict((oc) => oc.columns(['question_id', 'voter']).doNothing())
            .executeTakeFirst()
        : await run.deleteFrom('question_votes').where('question_id', '=', questionId).where('voter', '=', voter).executeTakeFirst();
      const moved = Number('numInsertedOrUpdatedRows' in changed ? changed.numInsertedOrUpdatedRows : changed.numDeletedRows) > 0;
      if (!moved) {
        const record = await this.get(meetingId, questionId, run);
        return record ? { record, changed: false } : null;
      }
      const counted = await run
        .updateTable('questions')
        .set((eb) => ({ votes: eb('votes', '+', up ? 1 : -1), updated_at: at, version: eb('version', '+', 1) }))
        .where('meeting_id', '=', meetingId)
        .where('id', '=', questionId)
        .returningAll()
        .executeTakeFirst();
      if (!counted) return null;
      return { record: counted, changed: true };
    },

    async hasVoted(questionIds: readonly string[], voter: string): Promise<Set<string>> {
      if (questionIds.length === 0) return new Set();
      const rows = await db.selectFrom('question_votes').select('question_id').where('voter', '=', voter).where('question_id', 'in', [...questionIds]).execute();
      return new Set(rows.map((r) => r.question_id));
    },

    async count(meetingId: string): Promise<number> {
      const row = await db.selectFrom('questions').select((eb) => eb.fn.countAll<number>().as('n')).where('meeting_id', '=', meetingId).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export type QuestionsStore = ReturnType<typeof questionsStore>;
