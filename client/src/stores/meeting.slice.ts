import type { MeetingAccess, MeetingChange, MeetingSnapshot, MeetingView, Role } from '@diemcau/shared';
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export type LoadedMeeting = { meetingId: string; rev: number; role: Role; view: MeetingView };

/** What applying a change did: a change that skips a revision means we missed one and must sync. */
export type ChangeOutcome = 'applied' | 'ignored' | 'gap';

export type MeetingSlice = {
  meeting: LoadedMeeting | null;
  access: MeetingAccess | null;
  applySnapshot: (snapshot: MeetingSnapshot) => void;
  applyChange: (change: MeetingChange) => ChangeOutcome;
  setAccess: (access: MeetingAccess) => void;
  clearMeeting: () => void;
};

export const createMeetingSlice: StateCreator<AppState, [], [], MeetingSlice> = (set, get) => ({
  meeting: null,
  access: null,

  applySnapshot: (snapshot) => {
    const current = get().meeting;
    if (current && current.meetingId === snapshot.meetingId && snapshot.rev < current.rev) return;
    set({ meeting: { meetingId: snapshot.meetingId, rev: snapshot.rev, role: snapshot.role, view: snapshot.view } });
  },

  applyChange: (change) => {
    const current = get().meeting;
    if (!current || current.meetingId !== change.meetingId) return 'gap';
    if (change.rev <= current.rev) return 'ignored';
    if (change.rev !== current.rev + 1) return 'gap';
    set({ meeting: { ...current, rev: change.rev, view: { ...current.view, ...change.patch } as MeetingView } });
    return 'applied';
  },

  setAccess: (access) => set({ access }),
  clearMeeting: () => set({ meeting: null, access: null }),
});
