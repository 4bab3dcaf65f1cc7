import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database';

const SECRET_SETTING = 'device-key-secret';
const VERSION = 'd1';
/** 16 random bytes and 16 bytes of MAC, base64url: 22 characters each. */
const PART = 22;
export const DEVICE_KEY_LENGTH = VERSION.length + 2 * PART;

/**
 * Device keys of the public page, issued by the server so a phone cannot mint its own: `d1`, a
 * random id and an HMAC-SHA256 of the meeting and the id under a server secret (46 characters,
 * a ClientKey). The secret is made once and kept in the database's settings (every node reads
 * the same); a key of one meeting is not a key of another. Votes and public submissions are
 * taken only with a key that checks; issuing is limited per address and per meeting.
 */
export function deviceKeys(db: Db) {
  let secret: Promise<Buffer> | null = null;
  const load = async (): Promise<Buffer> => {
    // The first node to start makes it; the others (and later starts) read the same.
    await db.insertInto('settings').values({ key: SECRET_SETTING, value: randomBytes(32).toString('base64url') }).onConflict((oc) => oc.column('key').doNothing()).execute();
    const row = await db.selectFrom('settings').select('value').where('key', '=', SECRET_SETTING).executeTakeFirstOrThrow();
    return Buffer.from(row.value, 'base64url');
  };
  const keyOf = async () => {
    secret ??= load().catch((error: unknown) => {
      secret = null;
      throw error;
    });
    return secret;
  };
  const mac = async (meetingId: string, id: string) => createHmac('sha256', await keyOf()).update(`${meetingId}:${id}`).digest().subarray(0, 16);

  return {
    /** A new device key for the meeting. */
    async issue(meetingId: string): Promise<string> {
      const id = randomBytes(16).toString('base64url');
      return `${VERSION}${id}${(await mac(meetingId, id)).toString('base64url')}`;
    },
    /** Whether `key` is a key this server issued for the meeting. */
    async verify(meetingId: string, key: string | undefined): Promise<boolean> {
      if (typeof key !== 'string' || key.length !== DEVICE_KEY_LENGTH || !key.startsWith(VERSION)) return false;
      // Compared as written: base64url's last character has spare bits, so bytes alone would let
      // four spellings of one key count as four devices.
      const given = Buffer.from(key.slice(VERSION.length + PART));
      const expected = Buffer.from((await mac(meetingId, key.slice(VERSION.length, VERSION.length + PART))).toString('base64url'));
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export type DeviceKeys = ReturnType<typeof deviceKeys>;
