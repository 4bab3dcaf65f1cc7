import type { AttendanceChange, AttendanceSnapshot, RollCall, SiteRow } from '@diemcau/shared';
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export type AttendanceSlice = {
  /** Every site's row by id (MC, organiser, leadership); empty for other roles. */
  sites: ReadonlyMap<string, SiteRow>;
  /** True once the first attendance snapshot arrived. */
  attendanceLoaded: boolean;
  /** The site a site link acts for, as its devices share it. */
  ownSite: SiteRow | null;
  rollCalls: readonly RollCall[];
  applyAttendanceSnapshot: (snapshot: AttendanceSnapshot) => void;
  applyAttendanceChange: (change: AttendanceChange) => void;
  /** A site page's own row, from its broadcast or a command's answer. */
  applyOwnSite: (site: SiteRow) => void;
  /** One row of the list, from an HTTP answer (the broadcast that follows carries the same version). */
  applySiteRow: (site: SiteRow) => void;
  setRollCalls: (rollCalls: readonly RollCall[]) => void;
  applyRollCall: (rollCall: RollCall) => void;
  clearAttendance: () => void;
};

/** The newer of two versions of a row: a late batch never rolls a row back. */
const newer = (current: SiteRow | undefined | null, next: SiteRow) => (current && current.version > next.version ? current : next);

export const createAttendanceSlice: StateCreator<AppState, [], [], AttendanceSlice> = (set, get) => ({
  sites: new Map(),
  attendanceLoaded: false,
  ownSite: null,
  rollCalls: [],

  applyAttendanceSnapshot: (snapshot) =>
    set({ sites: new Map(snapshot.sites.map((site) => [site.id, site])), rollCalls: snapshot.rollCalls, attendanceLoaded: true }),

  applyAttendanceChange: (change) => {
    if (change.sites.length === 0 && change.removed.length === 0) return;
    const sites = new Map(get().sites);
    for (const site of change.sites) sites.set(site.id, newer(sites.get(site.id), site));
    for (const id of change.removed) sites.delete(id);
    set({ sites });
  },

  applyOwnSite: (site) => {
    const { ownSite } = get();
    if (ownSite === null || ownSite.id === site.id) set({ ownSite: newer(ownSite, site) });
  },

  applySiteRow: (site) => {
    const { sites } = get();
    set({ sites: new Map(sites).set(site.id, newer(sites.get(site.id), site)) });
  },

  setRollCalls: (rollCalls) => set({ rollCalls }),

  applyRollCall: (rollCall) => {
    const rollCalls = get().rollCalls.filter((r) => r.id !== rollCall.id);
    set({ rollCalls: [...rollCalls, rollCall].sort((a, b) => a.startedAt - b.startedAt) });
  },

  clearAttendance: () => set({ sites: new Map(), attendanceLoaded: false, ownSite: null, rollCalls: [] }),
});
