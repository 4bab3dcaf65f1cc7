/** IPC between the driver and a client worker process (bench/workers/clients.ts). */
import type { Engine, PageKind, PageSpec } from './page';

export type DriverMessage =
  /** Open one page per spec (bench/lib/page.ts), `batchSize` at a time, each waiting for its snapshot. */
  | { type: 'connect'; url: string; engine: Engine; pages: PageSpec[]; batchSize: number; timeoutMs: number }
  /** How many of this worker's connections have received `rev` so far (after a timeout). */
  | { type: 'count'; rev: number }
  /** How many pages hold revision `rev` or a later one (from a snapshot or a change). */
  | { type: 'revs'; rev: number }
  | { type: 'close' };

export type WorkerMessage =
  | (Connected & {
      /** When each page that connected had its first snapshot (wall-clock ms). */
      readyAt: number[];
      /** Median size of the snapshot packet per page kind. */
      snapshotBytes: Partial<Record<PageKind, number>>;
    })
  /** Every connection of this worker received `rev`; `lastAt` is when the last one did. */
  | { type: 'received'; rev: number; lastAt: number; bytes: number }
  | { type: 'count'; rev: number; received: number; lost: number }
  | { type: 'revs'; rev: number; atLeast: number; total: number; behind: string[] };

/** The event every scenario's clients time: diemcau's change broadcast, mimicked by the baseline server. */
export const CHANGE_EVENT = 'meeting:changed';
/** Sent once a connection has joined its rooms; clients count as connected only after it. */
export const READY_EVENT = 'meeting:snapshot';

/** UTF-8 size of the Socket.IO packet `42["event",payload]` that carries `payload` over the wire. */
export const packetBytes = (event: string, payload: unknown): number => Buffer.byteLength(`42${JSON.stringify([event, payload])}`);

/** UTF-8 size of a value as JSON (an acknowledgement's payload). */
export const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/** Each ramp-up's report, from either kind of worker. */
export type Connected = { type: 'connected'; connected: number; failed: number; errors: string[]; elapsedMs: number };

/** IPC between the driver and a site worker (bench/workers/sites.ts): one connection per site, each with its own link. */
export type SiteCommand =
  /** Open one connection per token, `batchSize` at a time; `first` is the global index of `tokens[0]`. */
  | { type: 'connect'; url: string; tokens: string[]; first: number; batchSize: number; timeoutMs: number }
  /** Site with global index g of `total` checks in at `startAt + windowMs * g / total` (wall-clock ms). */
  | { type: 'checkIn'; startAt: number; windowMs: number; total: number; ackTimeoutMs: number }
  | { type: 'close' };

export type SiteReport =
  | Connected
  /** Every check-in of this worker was acknowledged or failed: send → ack latencies of the accepted ones. */
  | { type: 'checkedIn'; latenciesMs: number[]; failed: number; errors: string[]; firstSentAt: number; lastAckAt: number; ackBytes: number[] };

/** The event a site checks in with (diemcau's, mimicked by the baseline server). */
export const CHECK_IN_EVENT = 'site:checkIn';
/** What the board hears of attendance: a snapshot once, then batches of changed rows. */
export const BOARD_SNAPSHOT_EVENT = 'attendance:snapshot';
export const BOARD_CHANGE_EVENT = 'attendance:changed';

/** Headcount site number `index` reports: varied, so the board's total proves every row arrived. */
export const headcountOf = (index: number): number => 5 + (index % 20);

/** The check-in form of site number `index`, as a site's page sends it. */
export const checkInOf = (index: number) => ({ representative: 'Nguyễn Văn A', representativeTitle: 'Trưởng phòng', headcount: headcountOf(index) });

/** IPC between the driver and a phone worker (bench/workers/phones.ts): public phones submitting questions. */
export type PhoneCommand =
  /** Open `count` connections with the public link; `first` is the global index of this worker's first phone. */
  | { type: 'connect'; url: string; token: string; count: number; first: number; batchSize: number; timeoutMs: number }
  /**
   * Submit from `startAt` (wall-clock ms) until `startAt + warmupMs + durationMs`; what is sent
   * or acknowledged within the last `durationMs` is measured. `rate` > 0: this worker sends
   * `rate` submissions/s round-robin over its phones, acked or not (open loop); 0: each phone
   * sends its next one when the last is acked or failed (closed loop). Client ids start with `tag`.
   */
  | { type: 'submit'; startAt: number; warmupMs: number; durationMs: number; rate: number; ackTimeoutMs: number; tag: string }
  | { type: 'close' };

export type PhoneReport =
  | Connected
  /** Every submission of this worker was acknowledged or failed. */
  | {
      type: 'submitted';
      sent: number;
      /** Server ids of every submission acknowledged `ok` (warm-up included): the rows that must be stored. */
      ackedIds: string[];
      /** Send → ack of the acknowledged submissions sent within the measured window. */
      latenciesMs: number[];
      /** Acknowledgements (ok) that arrived within the measured window. */
      ackedInWindow: number;
      /** Submissions not acknowledged `ok` (refused, timed out, connection lost), as `"N× reason"`. */
      failed: number;
      errors: string[];
      lastAckAt: number;
      ackBytes: number;
    };

/** The event a public phone submits a question with, and the one moderators hear new rows by. */
export const QUESTION_SUBMIT_EVENT = 'question:submit';
export const QUESTIONS_CHANGED_EVENT = 'questions:changed';
export const QUESTIONS_SNAPSHOT_EVENT = 'questions:snapshot';

/** Questions as teachers type them (varied lengths; no word the abuse list flags). */
const QUESTION_TEXTS = [
  'Kính đề nghị Sở cho biết lộ trình bồi dưỡng giáo viên dạy môn Tin học ở cấp tiểu học trong năm học tới, và kinh phí do đâu chi trả?',
  'Trường chúng tôi còn thiếu phòng học bộ môn, xin hỏi khi nào có kế hoạch đầu tư?',
  'Xin hướng dẫn cách tính định mức tiết dạy cho giáo viên kiêm nhiệm tổng phụ trách Đội.',
  'Việc đánh giá học sinh theo Thông tư mới có thay đổi gì về sổ điểm điện tử không ạ? Nhà trường cần chuẩn bị những gì trước học kỳ II?',
  'Đề nghị tăng thêm biên chế nhân viên thư viện và thiết bị cho các trường vùng khó khăn.',
  'Giáo viên hợp đồng có được tham gia lớp bồi dưỡng chuẩn chức danh nghề nghiệp không?',
];

/** The submission phone number `phone` sends as its `seq`-th. */
export const questionOf = (phone: number, seq: number) => QUESTION_TEXTS[(phone + seq) % QUESTION_TEXTS.length]!;

/** IPC between the driver and bench/server-probe.ts inside a server: `gc` collects first; `resetLoop` starts a new lag window. */
export type ProbeRequest = { type: 'probe'; id: number; gc: boolean; resetLoop: boolean };

/** Event-loop delay since the last reset (or start), in ms: what a message waited for the loop. */
export type LoopDelay = { p50Ms: number; p99Ms: number; maxMs: number; meanMs: number; samples: number };

/** A server's memory (bytes, after the collection when `gc`) and its event-loop delay. */
export type ProbeReply = {
  type: 'probe';
  id: number;
  /** Wall-clock ms (comparable across processes). */
  at: number;
  /** Whether a full collection ran first (false when the server was started without --expose-gc). */
  gc: boolean;
  gcMs: number | null;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  loop: LoopDelay;
};

/** IPC between the driver and a resync worker (bench/workers/resync.ts): sites whose sockets reconnect as the page's do. */
export type ResyncCommand =
  /** Open one reconnecting connection per token, `batchSize` at a time. */
  | { type: 'connect'; url: string; tokens: string[]; batchSize: number; timeoutMs: number }
  /** From now on, count each connection once when it receives a snapshot of revision ≥ `rev`; report when all have. */
  | { type: 'expect'; rev: number }
  /** How many have resynced so far. */
  | { type: 'count' }
  | { type: 'close' };

export type ResyncReport =
  | Connected
  /** Progress or completion of an `expect`: `resynced` of `total` connections, each one's snapshot time (wall-clock ms). */
  | { type: 'resynced'; total: number; resynced: number; snapshotAt: number[]; staleSnapshots: number; connectErrors: string[]; errorAt: number[] };
