import type { Ack } from './ack';
import type { CommandName, CommandPayload } from './meeting.core';
import type { MeetingAccess, MeetingChange, MeetingSnapshot, Role } from './schemas';
import type { AttendanceChange, AttendanceSnapshot, CheckIn, RollCall, SiteRow } from './sites';

/** What a command answers: the revision it produced. */
export type CommandResult = { rev: number };

type CommandEvents = {
  [N in CommandName]: (input: CommandPayload<N>, ack: (res: Ack<CommandResult>) => void) => void;
};

export interface ClientToServerEvents extends CommandEvents {
  /** The current snapshot for this connection's role: after a gap in revisions. */
  'meeting:sync': (ack: (res: Ack<MeetingSnapshot>) => void) => void;
  /** Links, code and PIN of the meeting: MC and organiser only. */
  'meeting:access': (ack: (res: Ack<MeetingAccess>) => void) => void;
  /** One clock sample: the server answers its own time (epoch ms). */
  'clock:ping': (clientSentAt: number, ack: (serverNow: number) => void) => void;

  // A site's page acts for its own site only.
  'site:checkIn': (input: CheckIn, ack: (res: Ack<SiteRow>) => void) => void;
  'site:headcount': (input: { headcount: number }, ack: (res: Ack<SiteRow>) => void) => void;
  'site:readiness': (input: { readiness: 'ready' | 'problem'; note?: string }, ack: (res: Ack<SiteRow>) => void) => void;
  'rollCall:answer': (input: { rollCallId: string; headcount: number }, ack: (res: Ack<SiteRow>) => void) => void;
  /** The fastest clock round trip the device measured: a connection-quality hint. */
  'presence:report': (input: { rttMs: number }, ack: (res: Ack<null>) => void) => void;

  // The MC runs roll calls; the MC, organiser and leadership see everyone's attendance.
  'rollCall:start': (input: { label?: string; durationMs: number }, ack: (res: Ack<RollCall>) => void) => void;
  'rollCall:close': (input: { rollCallId: string }, ack: (res: Ack<RollCall>) => void) => void;
  'attendance:sync': (ack: (res: Ack<AttendanceSnapshot>) => void) => void;
}

export interface ServerToClientEvents {
  'meeting:snapshot': (snapshot: MeetingSnapshot) => void;
  'meeting:changed': (change: MeetingChange) => void;
  'meeting:deleted': (info: { meetingId: string }) => void;
  /** Every site's row and the roll calls: to the MC, organiser and leadership on connect. */
  'attendance:snapshot': (snapshot: AttendanceSnapshot) => void;
  /** Rows that changed, coalesced to a few batches a second. */
  'attendance:changed': (change: AttendanceChange) => void;
  /**
   * A site page's own row, on connect and on every change, shared by all its devices. The
   * roll calls come on connect only; later ones arrive as `rollCall:changed`.
   */
  'site:changed': (info: { site: SiteRow; rollCalls?: RollCall[] }) => void;
  /** A roll call started, closed or ended: to every connection of the meeting. */
  'rollCall:changed': (rollCall: RollCall) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  meetingId: string;
  role: Role;
  tokenId: string;
  /** The site a site link acts for; null for every other role. */
  siteId: string | null;
}
