import {
  type Audience,
  changedKeys,
  type MeetingState,
  type MyQuestion,
  patchFor,
  type PublicQuestion,
  type Question,
  type RollCall,
  type SiteRow,
  type VideoBridgeState,
} from '@diemcau/shared';
import type { AppServer } from './types';

export const AUDIENCES: readonly Audience[] = ['control', 'screen', 'public'];

/** Room of every connection of a meeting, and of one audience within it. */
export const meetingRoom = (meetingId: string) => `m:${meetingId}`;
/** Every connection of a meeting but the public page's: roll calls and the video bridge are not the public's. */
export const pagesRoom = (meetingId: string) => `m:${meetingId}:pages`;
export const audienceRoom = (meetingId: string, audience: Audience) => `m:${meetingId}:${audience}`;
/** Connections that see every site's attendance (MC, organiser, leadership). */
export const attendanceRoom = (meetingId: string) => `m:${meetingId}:attendance`;
/** Every device of one site. */
export const siteRoom = (meetingId: string, siteId: string) => `m:${meetingId}:site:${siteId}`;

/** Connections that moderate questions (MC, organiser, moderator links). */
export const moderationRoom = (meetingId: string) => `m:${meetingId}:questions`;
/** One office's inbox links. */
export const officeRoom = (meetingId: string, officeId: string) => `m:${meetingId}:office:${officeId}`;
/** Connections that see the visible questions (projector, sites, leadership, public page). */
export const publicQuestionsRoom = (meetingId: string) => `m:${meetingId}:public-questions`;
/** The devices of one public sender (by the hash of its device key). */
export const senderRoom = (meetingId: string, keyHash: string) => `m:${meetingId}:sender:${keyHash}`;

/**
 * The meeting revision an adapter message completes on a node: `meeting:changed` goes to
 * each audience in turn, and a revision has reached a node once its last audience's has.
 */
export function deliveredRevision(event: unknown[], rooms: readonly string[]): { meetingId: string; rev: number } | null {
  if (event[0] !== 'meeting:changed') return null;
  const change = event[1] as { meetingId?: unknown; rev?: unknown } | undefined;
  if (typeof change?.meetingId !== 'string' || typeof change.rev !== 'number') return null;
  return rooms.includes(audienceRoom(change.meetingId, AUDIENCES.at(-1)!)) ? { meetingId: change.meetingId, rev: change.rev } : null;
}

/** What an adapter message from another node says about the video bridge: its state, or sites' video statuses. */
export function videoSeen(
  event: unknown[],
  rooms: readonly string[],
): { meetingId: string; update: { state: VideoBridgeState } | { sites: { id: string; video: SiteRow['video'] }[] } } | null {
  const pages = rooms.length === 1 ? /^m:([^:]+):pages$/.exec(rooms[0]!) : null;
  if (event[0] === 'video:state' && pages) return { meetingId: pages[1]!, update: { state: event[1] as VideoBridgeState } };
  if (event[0] === 'attendance:changed') {
    const change = event[1] as { meetingId: string; sites: SiteRow[] };
    return change.sites.some((s) => s.video) ? { meetingId: change.meetingId, update: { sites: change.sites } } : null;
  }
  return null;
}

/**
 * The only module that broadcasts. Each change is encoded once per audience and handed to
 * the Socket.IO adapter (in-memory now, Redis with several nodes), never looped per socket.
 */
export function createBroadcaster(io: AppServer) {
  return {
    meetingChanged(meetingId: string, rev: number, before: MeetingState, after: MeetingState): void {
      const keys = changedKeys(before, after);
      for (const audience of AUDIENCES) {
        io.to(audienceRoom(meetingId, audience)).emit('meeting:changed', { meetingId, rev, patch: patchFor(after, keys, audience) });
      }
    },

    /** A batch of changed site rows to the boards (the caller coalesces). */
    attendanceChanged(meetingId: string, sites: SiteRow[]): void {
      io.to(attendanceRoom(meetingId)).emit('attendance:changed', { meetingId, sites, removed: [] });
    },

    /** A site's own row to all of its devices. */
    siteChanged(meetingId: string, site: SiteRow): void {
      io.to(siteRoom(meetingId, site.id)).emit('site:changed', { site });
    },

    /** A site was removed or its link revoked: the boards drop it, its devices are disconnected. */
    siteRemoved(meetingId: string, siteId: string): void {
      io.to(attendanceRoom(meetingId)).emit('attendance:changed', { meetingId, sites: [], removed: [siteId] });
      io.in(siteRoom(meetingId, siteId)).disconnectSockets(true);
    },

    /**
     * A public, moderator or office link was re-issued: the pages open on the old one are
     * disconnected (they are refused when they try again). Found through the adapter, so on
     * every node.
     */
    async questionsLinkRevoked(meetingId: string, link: { kind: 'public' | 'moderator' } | { kind: 'office'; officeId: string }): Promise<void> {
      const room = link.kind === 'office' ? officeRoom(meetingId, link.officeId) : link.kind === 'public' ? publicQuestionsRoom(meetingId) : moderationRoom(meetingId);
      for (const socket of await io.in(room).fetchSockets()) if (socket.data.role === link.kind) socket.disconnect(true);
    },

    /**
     * Links re-issued: every page open on one of the revoked tokens is disconnected (refused
     * when it tries again), on every node. `meetingId` null: anywhere (the organiser's link).
     */
    async tokensRevoked(meetingId: string | null, tokenIds: readonly string[]): Promise<void> {
      if (tokenIds.length === 0) return;
      const sockets = await (meetingId === null ? io.fetchSockets() : io.in(meetingRoom(meetingId)).fetchSockets());
      for (const socket of sockets) if (tokenIds.includes(socket.data.tokenId)) socket.disconnect(true);
    },

    siteAccessRevoked(meetingId: string, siteId: string): void {
      io.in(siteRoom(meetingId, siteId)).disconnectSockets(true);
    },

    rollCallChanged(meetingId: string, rollCall: RollCall): void {
      io.to(pagesRoom(meetingId)).emit('rollCall:changed', rollCall);
    },

    /**
     * A batch of changed questions: all of it to the moderators, each office its own rows,
     * and offices a row was re-routed away from drop it.
     */
    questionsChanged(meetingId: string, questions: Question[], officesLeft: { officeId: string; removed: string[] }[]): void {
      if (questions.length === 0 && officesLeft.length === 0) return;
      io.to(moderationRoom(meetingId)).emit('questions:changed', { meetingId, questions, removed: [] });
      const byOffice = new Map<string, Question[]>();
      for (const q of questions) if (q.officeId) byOffice.set(q.officeId, [...(byOffice.get(q.officeId) ?? []), q]);
      const removedByOffice = new Map(officesLeft.map((o) => [o.officeId, o.removed]));
      for (const officeId of new Set([...byOffice.keys(), ...removedByOffice.keys()])) {
        const rows = byOffice.get(officeId) ?? [];
        const removed = (removedByOffice.get(officeId) ?? []).filter((id) => !rows.some((q) => q.id === id));
        io.to(officeRoom(meetingId, officeId)).emit('questions:changed', { meetingId, questions: rows, removed });
      }
    },

    /** Visible questions that changed, and those no longer visible: one encoded batch for every participant. */
    publicQuestionsChanged(meetingId: string, questions: PublicQuestion[], removed: string[]): void {
      if (questions.length === 0 && removed.length === 0) return;
      io.to(publicQuestionsRoom(meetingId)).emit('publicQuestions:changed', { meetingId, questions, removed });
    },

    /** A sender's own submissions that changed: to every device of that site or public sender. */
    myQuestionsChanged(meetingId: string, sender: { siteId: string } | { keyHash: string } | null, questions: MyQuestion[]): void {
      if (!sender) return;
      const room = 'siteId' in sender ? siteRoom(meetingId, sender.siteId) : senderRoom(meetingId, sender.keyHash);
      io.to(room).emit('myQuestions:changed', questions);
    },

    /** The video bridge's state, to every connection of the meeting but the public page's. */
    videoState(meetingId: string, state: VideoBridgeState): void {
      io.to(pagesRoom(meetingId)).emit('video:state', state);
    },

    meetingDeleted(meetingId: string): void {
      io.to(meetingRoom(meetingId)).emit('meeting:deleted', { meetingId });
      io.in(meetingRoom(meetingId)).disconnectSockets(true);
    },
  };
}

export type Broadcaster = ReturnType<typeof createBroadcaster>;
