import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/src/db/database';
import { questionsStore } from '../../server/src/questions/questions.store';

let dir: string;
let db: Db;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'diemcau-qstore-'));
  db = await openDatabase(dir);
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** A public submission as the service builds it, without the optional columns. */
const submission = (clientId: string) => ({
  id: `q-${clientId}`,
  meeting_id: 'm1',
  client_id: clientId,
  origin: 'public',
  category: 'Câu hỏi',
  text: 'Khi nào có phòng học bộ môn?',
  original_text: 'Khi nào có phòng học bộ môn?',
  sender_name: '',
  sender_unit: '',
  anonymous: 1,
  status: 'pending',
  visible: 0,
  flags: '[]',
  created_at: 1_000,
  updated_at: 1_000,
});

describe('questions store insert (no read-back)', () => {
  it('returns exactly the row the database stored, and the stored row on a retry', async () => {
    const store = questionsStore(db);
    const first = await store.insert(submission('c1'));
    expect(first.created).toBe(true);
    // The record is built from the submission and the migration's defaults: it must match what a read gives.
    expect(first.record).toEqual(await store.get('m1', 'q-c1'));

    const retry = await store.insert({ ...submission('c1'), id: 'q-other', text: 'a retry carries the same client id' });
    expect(retry.created).toBe(false);
    expect(retry.record).toEqual(first.record);
    expect(await store.get('m1', 'q-other')).toBeNull();
  });
});
