import { type Cursor, foldVietnamese, type Readiness, type RollCall, type RollCallAnswer, type SiteFields } from '@diemcau/shared';
import { type Selectable, sql } from 'kysely';
import { type Database, type Db, isPostgres } from '../db/database';

export type SiteRecord = Selectable<Database['sites']>;

const columnsOf = (site: SiteFields) => ({
  name: site.name,
  folded_name: foldVietnamese(site.name),
  group_name: site.group,
  contact_name: site.contactName,
  phone: site.phone,
  email: site.email,
  expected_headcount: site.expectedHeadcount,
});

/** A stored site's details as entered (no status): what a copy of the site starts from. */
export const siteFieldsOf = (record: SiteRecord): SiteFields => ({
  name: record.name,
  group: record.group_name,
  contactName: record.contact_name,
  phone: record.phone,
  email: record.email,
  expectedHeadcount: record.expected_headcount,
});

const rollCallOf = (row: Selectable<Database['roll_calls']>): RollCall => ({
  id: row.id,
  label: row.label,
  startedAt: row.started_at,
  endsAt: row.ends_at,
  closedAt: row.closed_at,
});

/** Persistence of sites, their reports, attendance events and roll calls. */
export function sitesStore(db: Db) {
  return {
    async get(siteId: string): Promise<SiteRecord | null> {
      return (await db.selectFrom('sites').selectAll().where('id', '=', siteId).executeTakeFirst()) ?? null;
    },

    async list(meetingId: string, siteIds?: readonly string[]): Promise<SiteRecord[]> {
      let q = db.selectFrom('sites').selectAll().where('meeting_id', '=', meetingId);
      if (siteIds) {
        if (siteIds.length === 0) return [];
        q = q.where('id', 'in', siteIds);
      }
      return q.orderBy('position').execute();
    },

    /** At most `limit` sites in the list's order (position, then id) after `cursor`: one page of a read. */
    async page(meetingId: string, cursor: Cursor | null, limit: number): Promise<SiteRecord[]> {
      let q = db.selectFrom('sites').selectAll().where('meeting_id', '=', meetingId);
      if (cursor) q = q.where((eb) => eb.or([eb('position', '>', cursor.key), eb.and([eb('position', '=', cursor.key), eb('id', '>', cursor.id)])]));
      return q.orderBy('position').orderBy('id').limit(limit).execute();
    },

    /** Folded names already used in a meeting, to refuse a second site of the same name. */
    async foldedNames(meetingId: string): Promise<Map<string, string>> {
      const rows = await db.selectFrom('sites').select(['id', 'folded_name']).where('meeting_id', '=', meetingId).execute();
      return new Map(rows.map((r) => [r.folded_name, r.id]));
    },

    async insertMany(meetingId: string, sites: readonly { id: string; fields: SiteFields }[], at: number, run: Db = db): Promise<void> {
      if (sites.length === 0) return;
      const last = await run
        .selectFrom('sites')
        .select((eb) => eb.fn.max<number>('position').as('p'))
        .where('meeting_id', '=', meetingId)
        .executeTakeFirst();
      const start = Number(last?.p ?? -1) + 1;
      // SQLite caps bound parameters per statement: insert in chunks.
      for (let i = 0; i < sites.length; i += 200) {
        await run
          .insertInto('sites')
          .values(sites.slice(i, i + 200).map((s, j) => ({ id: s.id, meeting_id: meetingId, position: start + i + j, created_at: at, ...columnsOf(s.fields) })))
          .execute();
      }
    },

    /** Notes that the organisers saw the site's reported problem; false when it reports none. */
    async acknowledgeProblem(meetingId: string, siteId: string, at: number): Promise<boolean> {
      const result = await db
        .updateTable('sites')
        .set((eb) => ({ problem_acked_at: at, version: eb('version', '+', 1) }))
        .where('id', '=', siteId)
        .where('meeting_id', '=', meetingId)
        .where('readiness', '=', 'problem')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async update(siteId: string, fields: SiteFields, run: Db = db): Promise<void> {
      await run
        .updateTable('sites')
        .set((eb) => ({ ...columnsOf(fields), version: eb('version', '+', 1) }))
        .where('id', '=', siteId)
        .execute();
    },

    async remove(siteId: string, run: Db = db): Promise<void> {
      await run.deleteFrom('roll_call_answers').where('site_id', '=', siteId).execute();
      await run.deleteFrom('attendance_events').where('site_id', '=', siteId).execute();
      await run.deleteFrom('sites').where('id', '=', siteId).execute();
    },

    /**
     * Writes a site's own report and returns the row as written; the first check-in time is
     * kept on later check-ins. One statement reads and writes, so a storm of check-ins costs
     * as few statements as it can.
     */
    async report(
      meetingId: string,
      siteId: string,
      report: { checkIn?: boolean; representative?: string; representativeTitle?: string; headcount?: number; readiness?: Readiness; note?: string },
      at: number,
      /** The transaction to write in: the service's group commit of many sites' reports. */
      tx: Db,
    ): Promise<{ record: SiteRecord; firstCheckIn: boolean } | null> {
      const record = await tx
        .updateTable('sites')
        .set((eb) => ({
          ...(report.checkIn ? { checked_in_at: eb.fn.coalesce('checked_in_at', eb.val(at)) } : {}),
          ...(report.representative !== undefined ? { representative: report.representative } : {}),
          ...(report.representativeTitle !== undefined ? { representative_title: report.representativeTitle } : {}),
          ...(report.headcount !== undefined ? { headcount: report.headcount } : {}),
          ...(report.readiness !== undefined ? { readiness: report.readiness, note: report.note ?? '', problem_acked_at: null } : {}),
          status_at: at,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', siteId)
        .where('meeting_id', '=', meetingId)
        .returningAll()
        .executeTakeFirst();
      if (!record) return null;
      // The check-in time is this write's own only when there was none before.
      const firstCheckIn = Boolean(report.checkIn) && record.checked_in_at === at;
      if (firstCheckIn) await tx.insertInto('attendance_events').values({ meeting_id: record.meeting_id, site_id: siteId, kind: 'checked_in', at }).execute();
      return { record, firstCheckIn };
    },

    /** Records a site's connection or disconnection in `tx` (the service's group commit of many). */
    async presence(meetingId: string, siteId: string, kind: 'connected' | 'disconnected', at: number, tx: Db): Promise<void> {
      await tx
        .updateTable('sites')
        .set((eb) => ({
          last_seen_at: at,
          ...(kind === 'disconnected' ? { disconnections: eb('disconnections', '+', 1) } : {}),
          version: eb('version', '+', 1),
        }))
        .where('id', '=', siteId)
        .execute();
      await tx.insertInto('attendance_events').values({ meeting_id: meetingId, site_id: siteId, kind, at }).execute();
    },

    async events(meetingId: string) {
      return db.selectFrom('attendance_events').select(['site_id', 'kind', 'at']).where('meeting_id', '=', meetingId).orderBy('at').execute();
    },

    async rollCalls(meetingId: string): Promise<RollCall[]> {
      return (await db.selectFrom('roll_calls').selectAll().where('meeting_id', '=', meetingId).orderBy('started_at').execute()).map(rollCallOf);
    },

    async rollCall(id: string, meetingId: string): Promise<RollCall | null> {
      const row = await db.selectFrom('roll_calls').selectAll().where('id', '=', id).where('meeting_id', '=', meetingId).executeTakeFirst();
      return row ? rollCallOf(row) : null;
    },

    /**
     * Stores a new roll call unless one of the meeting is open at its start: whether it was
     * stored. Checked in the database as it writes, so two nodes starting one at once start one:
     * on SQLite the statement is atomic (one writer at a time); on PostgreSQL it runs after
     * taking the meeting's row lock, so the second waits and then sees the first one's roll call.
     */
    async startRollCall(meetingId: string, rollCall: RollCall): Promise<boolean> {
      const insert = (run: Db) =>
        sql<{ id: string }>`
          INSERT INTO roll_calls (id, meeting_id, label, started_at, ends_at, closed_at)
          SELECT ${rollCall.id}, ${meetingId}, ${rollCall.label}, ${rollCall.startedAt}, ${rollCall.endsAt}, NULL
          WHERE NOT EXISTS (SELECT 1 FROM roll_calls WHERE meeting_id = ${meetingId} AND closed_at IS NULL AND ends_at > ${rollCall.startedAt})
          RETURNING id`.execute(run);
      if (!isPostgres(db)) return (await insert(db)).rows.length === 1;
      return db.transaction().execute(async (tx) => {
        await tx.selectFrom('meetings').select('id').where('id', '=', meetingId).forUpdate().execute();
        return (await insert(tx)).rows.length === 1;
      });
    },

    /** Closes a roll call still open at `at`: whether this call closed it (another node may have first). */
    async closeRollCall(id: string, at: number): Promise<boolean> {
      const closed = await db.updateTable('roll_calls').set({ closed_at: at }).where('id', '=', id).where('closed_at', 'is', null).where('ends_at', '>', at).executeTakeFirst();
      return Number(closed.numUpdatedRows) === 1;
    },

    /** Stores a site's answer once: a retried answer keeps the first time and headcount. */
    async answer(meetingId: string, rollCallId: string, siteId: string, answer: RollCallAnswer): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const inserted = await tx
          .insertInto('roll_call_answers')
          .values({ roll_call_id: rollCallId, site_id: siteId, meeting_id: meetingId, answered_at: answer.answeredAt, headcount: answer.headcount })
          .onConflict((oc) => oc.columns(['roll_call_id', 'site_id']).doNothing())
          .executeTakeFirst();
        if (inserted.numInsertedOrUpdatedRows === 0n) return;
        // Answering a roll call says the site is there: it counts as its check-in if it had none.
        const before = await tx.selectFrom('sites').select('checked_in_at').where('id', '=', siteId).executeTakeFirstOrThrow();
        await tx
          .updateTable('sites')
          .set((eb) => ({
            headcount: answer.headcount,
            status_at: answer.answeredAt,
            ...(before.checked_in_at === null ? { checked_in_at: answer.answeredAt } : {}),
            version: eb('version', '+', 1),
          }))
          .where('id', '=', siteId)
          .execute();
        if (before.checked_in_at === null) {
          await tx.insertInto('attendance_events').values({ meeting_id: meetingId, site_id: siteId, kind: 'checked_in', at: answer.answeredAt }).execute();
        }
      });
    },

    /** Every answer of the meeting's roll calls, by site id. */
    async answers(meetingId: string, siteIds?: readonly string[]): Promise<Map<string, Record<string, RollCallAnswer>>> {
      let q = db.selectFrom('roll_call_answers').selectAll().where('meeting_id', '=', meetingId);
      if (siteIds) q = q.where('site_id', 'in', siteIds.length ? siteIds : ['']);
      const bySite = new Map<string, Record<string, RollCallAnswer>>();
      for (const row of await q.execute()) {
        const answers = bySite.get(row.site_id) ?? {};
        answers[row.roll_call_id] = { answeredAt: row.answered_at, headcount: row.headcount };
        bySite.set(row.site_id, answers);
      }
      return bySite;
    },
  };
}

export type SitesStore = ReturnType<typeof sitesStore>;
