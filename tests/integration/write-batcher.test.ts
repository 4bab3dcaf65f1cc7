import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/database';
import { WriteBatcher } from '../../server/src/lib/write-batcher';
import { openTestDatabase, removeTestData } from './harness';

let dir: string;
let db: Db;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'diemcau-batch-'));
  db = await openTestDatabase(dir);
});

afterEach(async () => {
  await db.destroy();
  await removeTestData(dir);
});

const put = (key: string) => (tx: Db) => tx.insertInto('settings').values({ key, value: 'v' }).execute().then(() => key);
const keys = async () => (await db.selectFrom('settings').select('key').where('key', 'like', 'k%').orderBy('key').execute()).map((r) => r.key);

describe('group commit', () => {
  it('commits many writes in few transactions and settles each after the commit', async () => {
    const batcher = new WriteBatcher(db);
    const written = await Promise.all(Array.from({ length: 200 }, (_, i) => batcher.run(put(`k${String(i).padStart(3, '0')}`))));
    expect(written).toHaveLength(200);
    expect(await keys()).toHaveLength(200);
    expect(batcher.stats.batches).toBeLessThan(200);
    await batcher.close();
  });

  it('a failing write is refused alone; the others of its batch are stored', async () => {
    const batcher = new WriteBatcher(db);
    const results = await Promise.allSettled([
      batcher.run(put('k1')),
      batcher.run(put('k1')), // the same primary key: fails
      batcher.run(async () => {
        throw new Error('refused by its own logic');
      }),
      batcher.run(put('k2')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(await keys()).toEqual(['k1', 'k2']);
    expect(batcher.stats.batches).toBe(1);
    await batcher.close();
  });

  it('close commits what is queued and refuses new writes', async () => {
    const batcher = new WriteBatcher(db, { delayMs: 50, maxBatch: 10 });
    const pending = Array.from({ length: 25 }, (_, i) => batcher.run(put(`k${i}`)));
    await batcher.close();
    await Promise.all(pending);
    expect(await keys()).toHaveLength(25);
    await expect(batcher.run(put('late'))).rejects.toThrow(/closed/);
  });
});
