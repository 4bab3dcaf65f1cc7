import type { MeetingAccess, Office, QuestionsAccess, Role } from '@diemcau/shared';
import { PIN_DIGITS, Role as RoleSchema } from '@diemcau/shared';
import type { Db } from '../db/database';
import { newId, randomDigits, randomString, sameSecret } from '../lib/ids';
import type { AccessStore, TokenRow } from './access.store';

/**
 * Who is behind a token: a role, the meeting it acts on (none for the organiser), the site
 * of a site link, the office of an office inbox link.
 */
export type Principal = { role: Role; meetingId: string | null; tokenId: string; siteId: string | null; officeId: string | null };

const ID_LENGTH = 11; // newId(): 8 random bytes in base64url
const SECRET_BYTES = 24; // 192 bits: links cannot be guessed

const tokenOf = (row: Pick<TokenRow, 'id' | 'secret'>) => `${row.id}${row.secret}`;

/**
 * Links (tokens) and PINs. A token is `<id><secret>`: the id finds the row, the secret is
 * compared in constant time. Tokens are never logged.
 */
export function accessService(deps: { store: AccessStore; now: () => number; adminToken?: string | undefined }) {
  const { store, now } = deps;

  /** A PIN no live token of the meeting has: the meeting code plus the PIN name one link. */
  const freePin = async (meetingId: string, run?: Db): Promise<string> => {
    for (;;) {
      const pin = randomDigits(PIN_DIGITS);
      if (!(await store.byPin(meetingId, pin, run))) return pin;
    }
  };

  const issue = async (meetingId: string | null, role: Role, run?: Db, options: { pin?: boolean; subjectId?: string } = {}): Promise<TokenRow> => {
    const row: TokenRow = {
      id: newId(),
      meeting_id: meetingId,
      role,
      subject_id: options.subjectId ?? null,
      secret: randomString(SECRET_BYTES),
      pin: options.pin && meetingId ? await freePin(meetingId, run) : null,
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
      if (deps.adminToken && sameSecret(token, deps.adminToken)) return { role: 'admin', meetingId: null, tokenId: 'env', siteId: null, officeId: null };
      const row = await store.find(token.slice(0, ID_LENGTH));
      if (!row || row.revoked_at !== null || !sameSecret(token.slice(ID_LENGTH), row.secret)) return null;
      const role = RoleSchema.safeParse(row.role);
      if (!role.success) return null;
      const subject = (kind: Role) => (role.data === kind ? row.subject_id : null);
      return { role: role.data, meetingId: row.meeting_id, tokenId: row.id, siteId: subject('site'), officeId: subject('office') };
    },

    /** Creates the MC link (with its PIN), the projector link and the leadership link of a new meeting. */
    async issueMeetingTokens(meetingId: string, run?: Db): Promise<void> {
      await issue(meetingId, 'mc', run, { pin: true });
      await issue(meetingId, 'projector', run);
      await issue(meetingId, 'leadership', run);
    },

    /** A new link and PIN for a site, revoking any it had. */
    async issueSiteToken(meetingId: string, siteId: string, run?: Db): Promise<{ token: string; pin: string }> {
      await store.revokeSubject(meetingId, siteId, now(), run);
      const row = await issue(meetingId, 'site', run, { pin: true, subjectId: siteId });
      return { token: tokenOf(row), pin: row.pin ?? '' };
    },

    async revokeSite(meetingId: string, siteId: string, run?: Db): Promise<void> {
      await store.revokeSubject(meetingId, siteId, now(), run);
    },

    /** Links and PINs of every site of a meeting, by site id. */
    async siteTokens(meetingId: string): Promise<Map<string, { token: string; pin: string }>> {
      const rows = await store.activeBySubject(meetingId, 'site');
      return new Map([...rows].map(([siteId, row]) => [siteId, { token: tokenOf(row), pin: row.pin ?? '' }]));
    },

    /** The link a meeting code and PIN stand for (the MC's or a site's), or null when they do not match. */
    async pinLogin(meetingId: string, pin: string): Promise<{ token: string; role: Role } | null> {
      // every PIN of the meeting is compared in constant time, none skipped: the time taken says nothing about which matched
      let row: TokenRow | null = null;
      for (const candidate of await store.withPins(meetingId)) if (sameSecret(pin, candidate.pin ?? '') && !row) row = candidate;
      const role = RoleSchema.safeParse(row?.role);
      return row && role.success ? { token: tokenOf(row), role: role.data } : null;
    },

    async meetingAccess(meeting: { id: string; code: string }): Promise<MeetingAccess> {
      const mc = await store.active(meeting.id, 'mc');
      const projector = await store.active(meeting.id, 'projector');
      if (!mc || !projector) throw new Error(`Meeting ${meeting.id} has no access tokens`);
      const leadership = (await store.active(meeting.id, 'leadership')) ?? (await issue(meeting.id, 'leadership'));
      return {
        meetingId: meeting.id,
        code: meeting.code,
        mcToken: tokenOf(mc),
        mcPin: mc.pin ?? '',
        projectorToken: tokenOf(projector),
        leadershipToken: tokenOf(leadership),
      };
    },

    /**
     * Links of the questions feature: the public page, the moderators, and each office's
     * inbox. Made on first use; offices that have none get one.
     */
    async questionsAccess(meetingId: string, offices: readonly Office[]): Promise<QuestionsAccess> {
      const publicRow = (await store.active(meetingId, 'public')) ?? (await issue(meetingId, 'public'));
      const moderator = (await store.active(meetingId, 'moderator')) ?? (await issue(meetingId, 'moderator'));
      const existing = await store.activeBySubject(meetingId, 'office');
      const officeLinks = [];
      for (const office of offices) {
        const row = existing.get(office.id) ?? (await issue(meetingId, 'office', undefined, { subjectId: office.id }));
        officeLinks.push({ officeId: office.id, name: office.name, token: tokenOf(row) });
      }
      return { publicToken: tokenOf(publicRow), moderatorToken: tokenOf(moderator), offices: officeLinks };
    },

    /** A new public, moderator or office link; the old one stops working. */
    async reissueQuestionsLink(meetingId: string, link: { kind: 'public' | 'moderator' } | { kind: 'office'; officeId: string }): Promise<void> {
      if (link.kind === 'office') {
        await store.revokeSubject(meetingId, link.officeId, now());
        await issue(meetingId, 'office', undefined, { subjectId: link.officeId });
      } else {
        await store.revokeRole(meetingId, link.kind, now());
        await issue(meetingId, link.kind);
      }
    },

    /**
     * A new MC (with a new PIN), projector or leadership link; the old one stops working at once.
     * Returns the ids of the tokens revoked, so their live connections can be cut.
     */
    async reissueMeetingLink(meetingId: string, kind: 'mc' | 'projector' | 'leadership'): Promise<string[]> {
      const old = await store.active(meetingId, kind);
      await store.revokeRole(meetingId, kind, now());
      await issue(meetingId, kind, undefined, { pin: kind === 'mc' });
      return old ? [old.id] : [];
    },

    /**
     * A new organiser token in place of the kept one (null when ADMIN_TOKEN is set: that one
     * changes in the environment, with a restart). Returns it and the id of the one revoked.
     */
    async reissueAdminToken(): Promise<{ token: string; revoked: string | null } | null> {
      if (deps.adminToken) return null;
      const old = await store.active(null, 'admin');
      await store.revokeRole(null, 'admin', now());
      const row = await issue(null, 'admin');
      return { token: tokenOf(row), revoked: old?.id ?? null };
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
