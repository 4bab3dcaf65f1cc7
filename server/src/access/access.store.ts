import type { Selectable } from 'kysely';
import type { Database, Db } from '../db/database';

export type TokenRow = Selectable<Database['access_tokens']>;

/** Persistence of access tokens (links and PINs). */
export function accessStore(db: Db) {
  return {
    async insert(row: TokenRow, run: Db = db): Promise<void> {
      await run.insertInto('access_tokens').values(row).execute();
    },
    async find(id: string): Promise<TokenRow | null> {
      return (await db.selectFrom('access_tokens').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
    },
    /** The live (not revoked) token of a role for a meeting, or null. */
    async active(meetingId: string | null, role: string): Promise<TokenRow | null> {
      let q = db.selectFrom('access_tokens').selectAll().where('role', '=', role).where('revoked_at', 'is', null);
      q = meetingId === null ? q.where('meeting_id', 'is', null) : q.where('meeting_id', '=', meetingId);
      return (await q.orderBy('created_at', 'desc').executeTakeFirst()) ?? null;
    },
    /** The live token of a meeting with this PIN (the MC's or a site's), or null. */
    async byPin(meetingId: string, pin: string, run: Db = db): Promise<TokenRow | null> {
      return (
        (await run
          .selectFrom('access_tokens')
          .selectAll()
          .where('meeting_id', '=', meetingId)
          .where('pin', '=', pin)
          .where('revoked_at', 'is', null)
          .executeTakeFirst()) ?? null
      );
    },
    /** Every live token of a meeting that has a PIN (the MC's and the sites'). */
    async withPins(meetingId: string): Promise<TokenRow[]> {
      return db.selectFrom('access_tokens').selectAll().where('meeting_id', '=', meetingId).where('pin', 'is not', null).where('revoked_at', 'is', null).execute();
    },
    /** Live tokens of one role in a meeting, keyed by subject (site tokens by site id). */
    async activeBySubject(meetingId: string, role: string): Promise<Map<string, TokenRow>> {
      const rows = await db
        .selectFrom('access_tokens')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .where('role', '=', role)
        .where('revoked_at', 'is', null)
        .execute();
      return new Map(rows.map((row) => [row.subject_id ?? '', row]));
    },
    async revokeSubject(meetingId: string, subjectId: string, at: number, run: Db = db): Promise<void> {
      await run
        .updateTable('access_tokens')
        .set({ revoked_at: at })
        .where('meeting_id', '=', meetingId)
        .where('subject_id', '=', subjectId)
        .where('revoked_at', 'is', null)
        .execute();
    },
    /** Revokes the live tokens of a role in a meeting (null: the organiser's, which have none). */
    async revokeRole(meetingId: string | null, role: string, at: number, run: Db = db): Promise<void> {
      let q = run.updateTable('access_tokens').set({ revoked_at: at }).where('role', '=', role).where('revoked_at', 'is', null);
      q = meetingId === null ? q.where('meeting_id', 'is', null) : q.where('meeting_id', '=', meetingId);
      await q.execute();
    },
    async getSetting(key: string): Promise<string | null> {
      return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
    },
    async setSetting(key: string, value: string): Promise<void> {
      await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    },
  };
}

export type AccessStore = ReturnType<typeof accessStore>;
