import type { Ack } from './ack';
import type { CommandName, CommandPayload } from './meeting.core';
import type { MeetingAccess, MeetingChange, MeetingSnapshot, Role } from './schemas';

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
}

export interface ServerToClientEvents {
  'meeting:snapshot': (snapshot: MeetingSnapshot) => void;
  'meeting:changed': (change: MeetingChange) => void;
  'meeting:deleted': (info: { meetingId: string }) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  meetingId: string;
  role: Role;
  tokenId: string;
}
