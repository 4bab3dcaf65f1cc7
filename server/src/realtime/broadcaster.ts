import { type Audience, changedKeys, type MeetingState, patchFor, type RollCall, type SiteRow } from '@diemcau/shared';
import type { AppServer } from './types';

export const AUDIENCES: readonly Audience[] = ['control', 'screen'];

/** Room of every connection of a meeting, and of one audience within it. */
export const meetingRoom = (meetingId: string) => `m:${meetingId}`;
export const audienceRoom = (meetingId: string, audience: Audience) => `m:${meetingId}:${audience}`;
/** Connections that see every site's attendance (MC, organiser, leadership). */
export const attendanceRoom = (meetingId: string) => `m:${meetingId}:attendance`;
/** Every device of one site. */
export const siteRoom = (meetingId: string, siteId: string) => `m:${meetingId}:site:${siteId}`;

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

    siteAccessRevoked(meetingId: string, siteId: string): void {
      io.in(siteRoom(meetingId, siteId)).disconnectSockets(true);
    },

    rollCallChanged(meetingId: string, rollCall: RollCall): void {
      io.to(meetingRoom(meetingId)).emit('rollCall:changed', rollCall);
    },

    meetingDeleted(meetingId: string): void {
      io.to(meetingRoom(meetingId)).emit('meeting:deleted', { meetingId });
      io.in(meetingRoom(meetingId)).disconnectSockets(true);
    },
  };
}

export type Broadcaster = ReturnType<typeof createBroadcaster>;
