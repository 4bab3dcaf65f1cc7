import type { Ack, AckFailure } from './ack';
import type { CommandName, CommandPayload } from './meeting.core';
import type { MeetingAccess, MeetingChange, MeetingSnapshot, Role } from './schemas';
import type {
  MyQuestion,
  PublicQuestionsChange,
  PublicQuestionsSnapshot,
  Question,
  QuestionsPage,
  QuestionsChange,
  QuestionsSnapshot,
  QuestionSubmit as QuestionSubmitPayload,
} from './questions';
import type { VideoAccess, VideoBridgeState, VideoReport } from './video';
import type { AttendanceChange, AttendancePage, AttendanceSnapshot, CheckIn, RollCall, SiteRow } from './sites';
import type { PageQuery } from './paging';

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
  'clock:ping': (clientSentAt: number, ack: (serverNow: number | AckFailure) => void) => void;

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
  /** The MC or organiser took note of a site's reported technical problem: its page says so. */
  'site:acknowledge': (input: { siteId: string }, ack: (res: Ack<SiteRow>) => void) => void;
  /** Every site's row, a page at a time (`ATTENDANCE_PAGE_SIZE`): a page's `next` is the following page's `after`. */
  'attendance:sync': (page: PageQuery, ack: (res: Ack<AttendancePage>) => void) => void;

  // Questions and feedback. Senders: the public page, site pages, moderators typing one in.
  /** Acked once committed; the same `clientId` again answers the stored submission. */
  'question:submit': (input: QuestionSubmitPayload, ack: (res: Ack<MyQuestion>) => void) => void;
  /** The sender's own submissions (by `senderKey` on the public page, by site on a site page); later changes arrive as `myQuestions:changed`. */
  'question:mine': (input: { senderKey?: string }, ack: (res: Ack<MyQuestion[]>) => void) => void;
  /** One vote per person (`voterKey` on the public page, the site on a site page); `up: false` takes it back. */
  'question:vote': (input: { questionId: string; voterKey?: string; up?: boolean }, ack: (res: Ack<{ votes: number; voted: boolean }>) => void) => void;
  /** Moderators: every question; an office: its own; everyone else: the visible ones; a page at a time (`QUESTIONS_PAGE_SIZE`). */
  'questions:sync': (page: PageQuery, ack: (res: Ack<QuestionsPage>) => void) => void;
  // Moderators only (MC, organiser, moderator link); an office answers what is routed to it.
  'question:moderate': (input: { questionId: string; action: 'approve' | 'reject' | 'reopen' }, ack: (res: Ack<Question>) => void) => void;
  /** `seen`: the question as the sender's screen showed it; a change by another console since is refused (`stale_question`). */
  'question:edit': (input: { questionId: string; text?: string; category?: string; seen: { text: string; category: string } }, ack: (res: Ack<Question>) => void) => void;
  'question:route': (input: { questionId: string; officeId: string | null; seen: { officeId: string | null } }, ack: (res: Ack<Question>) => void) => void;
  'question:answer': (
    input: { questionId: string; answer: string; answeredBy: string; publish?: boolean; seen: { answer: string } },
    ack: (res: Ack<Question>) => void,
  ) => void;
  'question:merge': (input: { questionId: string; others: string[] }, ack: (res: Ack<Question>) => void) => void;
  'question:unmerge': (input: { questionId: string }, ack: (res: Ack<Question>) => void) => void;
  'question:pin': (input: { questionId: string | null }, ack: (res: Ack<CommandResult>) => void) => void;

  // The video bridge (LiveKit). Access is minted by the server for the link's role.
  'video:token': (ack: (res: Ack<VideoAccess>) => void) => void;
  /** Opens the meeting's room before the start (technical rehearsal). */
  'video:open': (ack: (res: Ack<VideoBridgeState>) => void) => void;
  'video:mute': (input: { siteId: string; source?: 'microphone' | 'camera' }, ack: (res: Ack<null>) => void) => void;
  /** Mutes every site's microphone (not the MC's nor the host hall's). */
  'video:muteAll': (input: Record<string, never>, ack: (res: Ack<{ muted: number }>) => void) => void;
  'video:remove': (input: { siteId: string }, ack: (res: Ack<null>) => void) => void;
  /** A site page's own video: connected, camera, microphone, connection quality. */
  'video:report': (input: VideoReport, ack: (res: Ack<null>) => void) => void;
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
  /** A roll call started, closed or ended: to every connection of the meeting but the public page's. */
  'rollCall:changed': (rollCall: RollCall) => void;
  /** Moderators on connect: every question; an office: those routed to it. */
  'questions:snapshot': (snapshot: QuestionsSnapshot) => void;
  /** Coalesced rows that changed (moderators, and each office for its own). */
  'questions:changed': (change: QuestionsChange) => void;
  /** Everyone else on connect: the visible questions. */
  'publicQuestions:snapshot': (snapshot: PublicQuestionsSnapshot) => void;
  /** Coalesced: visible questions that changed (votes, answers) or left (`removed`). */
  'publicQuestions:changed': (change: PublicQuestionsChange) => void;
  /** A sender's own submissions that changed (status, answer). */
  'myQuestions:changed': (questions: MyQuestion[]) => void;
  /** The bridge's state, on connect and on every change: to every connection of the meeting but the public page's. */
  'video:state': (state: VideoBridgeState) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  meetingId: string;
  role: Role;
  tokenId: string;
  /** The site a site link acts for; null for every other role. */
  siteId: string | null;
  /** The office an office inbox link acts for; null for every other role. */
  officeId: string | null;
  /** The client's address (behind trusted proxies, the forwarded one): rate limits. */
  address: string;
}
