import { z } from './zod';

/**
 * A large read (`attendance:sync`, `questions:sync`) answers in pages of bounded size: a page
 * names the cursor of the next one (`next`, null on the last), which the reader sends back as
 * `after`. A page is built and encoded in one short turn of the server's thread whatever the
 * meeting's size; the pages are charged to the link's answer budget like any answer. A page
 * open on its connection receives changes from the moment it connected (after one snapshot),
 * so a reader needs these only to check or to recover, not to follow the meeting.
 */
export const PageQuery = z
  .object({
    /** The `next` of the previous page; none: the first page. */
    after: z.string().max(120).optional(),
    /** At most this many rows (each read has its own maximum and default). */
    limit: z.number().int().min(1).max(1_000).optional(),
  })
  .optional();
export type PageQuery = z.input<typeof PageQuery>;

/** Rows of a read, at most this many a page: 200 sites are ~100 KB of JSON. */
export const ATTENDANCE_PAGE_SIZE = 200;
/** Questions are up to 2,000 characters with an answer: 50 a page keeps the worst page near 300 KB. */
export const QUESTIONS_PAGE_SIZE = 50;

/** A keyset cursor: the sort key (a number) and the id of the last row of a page. */
export type Cursor = { key: number; id: string };

export const encodeCursor = (cursor: Cursor): string => `${cursor.key}.${cursor.id}`;

/** The cursor a page named, or null when `after` is not one (the reader is told it is invalid). */
export function decodeCursor(after: string): Cursor | null {
  const dot = after.indexOf('.');
  if (dot <= 0) return null;
  const key = Number(after.slice(0, dot));
  const id = after.slice(dot + 1);
  return Number.isSafeInteger(key) && id.length > 0 ? { key, id } : null;
}

/** Whether a row sorted by (key, id) comes after the cursor. */
export const afterCursor = (cursor: Cursor | null, key: number, id: string): boolean => cursor === null || key > cursor.key || (key === cursor.key && id > cursor.id);
