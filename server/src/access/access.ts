import type { MeetingAccess, Role } from '@diemcau/shared';
import { Role as RoleSchema } from '@diemcau/shared';
import type { Db } from '../db/database';
import { newId, randomDigits, randomString, sameSecret } from '../lib/ids';
import type { AccessStore, TokenRow } from './access.store';

/** Who is behind a token: a role, and the meeting it acts on (none for the organiser). */
export type Principal = { role: Role; meetingId: string | null; tokenId: string };

const ID_LENGTH = 11; // newId(): 8 random bytes in base64url
const SECRET_BYTES = 24; // 192 bits: links cannot be guessed

const tokenOf = (row: Pick<TokenRow, 'id' | 'secret'>) => `${row.id}${row.secret}`;

/**
 * Links (tokens) and PINs. A token is `<id><secret>`: the id finds the row, the secret is
 * compared in constant time. Tokens are never logged.
 */
export function accessService(deps: { store: AccessStore; now: () => number; adminToken?: string | undefined }) {
  const { store, now } = deps;

  const issue = async (meetingId: string | null, role: Role, run?: Db, withPin = false): Promise<TokenRow> => {
    const row: TokenRow = {
      id: newId(),
      meeting_id: meetingId,
      role,
      secret: randomString(SECRET_BYTES),
      pin: withPin ? randomDigits(6) : null,
      created_at: now(),
      revoked_at: null,
    };
    await store.insert(row, run);
    return row;
  };

  return {
    /** The principal behind a token, or null for an unknown, malformed or revoked one. */
    async resolve(token: unknown): Promise<Principal | null> {
      if (typeof token !== 'string' || token.length < ID_LENGTH + 20 || token.length > 200) return null;
      if (deps.adminToken && sameSecret(token, deps.adminToken)) return { role: 'admin', meetingId: null, tokenId: 'env' };
      const row = await store.find(token.slice(0, ID_LENGTH));
      if (!row || row.revoked_at !== null || !sameSecret(token.slice(ID_LENGTH), row.secret)) return null;
      const role = RoleSchema.safeParse(row.role);
      return role.success ? { role: role.data, meetingId: row.meeting_id, tokenId: row.id } : null;
    },

    /** Creates the MC link (with its PIN) and the projector link of a new meeting. */
    async issueMeetingTokens(meetingId: string, run?: Db): Promise<void> {
      await issue(meetingId, 'mc', run, true);
      await issue(meetingId, 'projector', run);
    },

    /** The MC token for a meeting code and PIN, or null when they do not match. */
    async pinLogin(meetingId: string, pin: string): Promise<string | null> {
      const row = await store.active(meetingId, 'mc');
      return row?.pin && sameSecret(pin, row.pin) ? tokenOf(row) : null;
    },

    async meetingAccess(meeting: { id: string; code: string }): Promise<MeetingAccess> {
      const mc = await store.active(meeting.id, 'mc');
      const projector = await store.active(meeting.id, 'projector');
      if (!mc || !projector) throw new Error(`Meeting ${meeting.id} has no access tokens`);
      return { meetingId: meeting.id, code: meeting.code, mcToken: tokenOf(mc), mcPin: mc.pin ?? '', projectorToken: tokenOf(projector) };
    },

    /** The organiser's token: ADMIN_TOKEN when set, else one made on first start and kept. */
    async adminToken(): Promise<string> {
      if (deps.adminToken) return deps.adminToken;
      const row = (await store.active(null, 'admin')) ?? (await issue(null, 'admin'));
      return tokenOf(row);
    },
  };
}

export type AccessService = ReturnType<typeof accessService>;
