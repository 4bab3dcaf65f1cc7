import { type Audience, changedKeys, type MeetingState, patchFor } from '@diemcau/shared';
import type { AppServer } from './types';

export const AUDIENCES: readonly Audience[] = ['control', 'screen'];

/** Room of every connection of a meeting, and of one audience within it. */
export const meetingRoom = (meetingId: string) => `m:${meetingId}`;
export const audienceRoom = (meetingId: string, audience: Audience) => `m:${meetingId}:${audience}`;

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

    meetingDeleted(meetingId: string): void {
      io.to(meetingRoom(meetingId)).emit('meeting:deleted', { meetingId });
      io.in(meetingRoom(meetingId)).disconnectSockets(true);
    },
  };
}

export type Broadcaster = ReturnType<typeof createBroadcaster>;
