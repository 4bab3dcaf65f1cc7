import { Kysely, sql } from 'kysely';
import Libsql from 'libsql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibsqlDialect } from '../../server/src/db/libsql-dialect';

type Tables = { t: { id: number; flag: number; at: number; name: string } };

describe('the SQLite dialect (libsql, statements kept prepared)', () => {
  let dir: string;
  let db: Kysely<Tables>;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'diemcau-dialect-'));
    db = new Kysely<Tables>({ dialect: new LibsqlDialect(new Libsql(path.join(dir, 'test.db'))) });
    await sql`CREATE TABLE t (id INTEGER PRIMARY KEY, flag INTEGER NOT NULL, at INTEGER NOT NULL, name TEXT NOT NULL)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds booleans as 0/1 and dates as epoch ms, and counts the rows a write changed', async () => {
    const at = new Date(Date.UTC(2026, 10, 24, 2, 30));
    const inserted = await db
      .insertInto('t')
      .values([
        { id: 1, flag: true as never, at: at as never, name: 'Lục Ngạn' },
        { id: 2, flag: false as never, at: 5, name: 'Yên Thế' },
      ])
      .executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(2n);
    expect(await db.selectFrom('t').selectAll().orderBy('id').execute()).toEqual([
      { id: 1, flag: 1, at: at.valueOf(), name: 'Lục Ngạn' },
      { id: 2, flag: 0, at: 5, name: 'Yên Thế' },
    ]);
    const updated = await db.updateTable('t').set({ name: 'x' }).where('id', '>', 0).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
    const none = await db.deleteFrom('t').where('id', '=', 99).executeTakeFirst();
    expect(none.numDeletedRows).toBe(0n);
  });

  it('a kept statement sees a column added after it was prepared', async () => {
    await db.insertInto('t').values({ id: 1, flag: 1, at: 1, name: 'a' }).execute();
    const all = () => sql<Record<string, unknown>>`SELECT * FROM t`.execute(db).then((r) => r.rows);
    expect(await all()).toEqual([{ id: 1, flag: 1, at: 1, name: 'a' }]);
    await sql`ALTER TABLE t ADD COLUMN note TEXT NOT NULL DEFAULT 'mới'`.execute(db);
    expect(await all()).toEqual([{ id: 1, flag: 1, at: 1, name: 'a', note: 'mới' }]);
  });

  it('answers right past the number of statements it keeps (the oldest are prepared again)', async () => {
    for (let round = 0; round < 2; round += 1) {
      for (let n = 0; n < 1_200; n += 1) {
        const { rows } = await sql<{ n: number }>`SELECT ${sql.lit(n)} AS n`.execute(db);
        expect(rows).toEqual([{ n }]);
      }
    }
  });

  it('rolls a failed transaction back and stays usable', async () => {
    await expect(
      db.transaction().execute(async (tx) => {
        await tx.insertInto('t').values({ id: 1, flag: 1, at: 1, name: 'a' }).execute();
        await tx.insertInto('t').values({ id: 1, flag: 1, at: 1, name: 'duplicate' }).execute();
      }),
    ).rejects.toThrow(/UNIQUE constraint failed/);
    expect(await db.selectFrom('t').selectAll().execute()).toEqual([]);
    await db.insertInto('t').values({ id: 1, flag: 1, at: 1, name: 'a' }).execute();
    expect(await db.selectFrom('t').select('name').execute()).toEqual([{ name: 'a' }]);
  });
});
