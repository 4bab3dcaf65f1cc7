import { z } from './zod';
import type { VideoStatus } from './video';

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`);

/** Vietnamese phone numbers as people write them: digits, spaces, dots, dashes, a leading +. */
export const Phone = z
  .string()
  .trim()
  .max(30, 'tối đa 30 ký tự')
  .regex(/^$|^\+?[\d\s.\-()]{8,20}$/, 'số điện thoại không hợp lệ');

export const MAX_HEADCOUNT = 10_000;
export const Headcount = z
  .number({ error: 'số người phải là một số' })
  .int('số người phải là số nguyên')
  .min(0, 'số người không được âm')
  .max(MAX_HEADCOUNT, `số người tối đa ${MAX_HEADCOUNT.toLocaleString('vi-VN')}`);

const siteFields = {
  name: text(200).min(1, 'tên điểm cầu không được để trống'),
  /** e.g. "Phòng GDĐT huyện", "Trường THPT", "Đơn vị trực thuộc". */
  group: text(120),
  contactName: text(120),
  phone: Phone,
  email: z.union([z.literal(''), z.email('email không hợp lệ').max(200)]),
  expectedHeadcount: Headcount.nullable(),
};

/** A site as the organiser enters or imports it. */
export const SiteInput = z.object({
  ...siteFields,
  group: siteFields.group.default(''),
  contactName: siteFields.contactName.default(''),
  phone: siteFields.phone.default(''),
  email: siteFields.email.default(''),
  expectedHeadcount: siteFields.expectedHeadcount.default(null),
});
export type SiteInput = z.input<typeof SiteInput>;
export type SiteFields = z.output<typeof SiteInput>;

export const SitePatch = z.object(siteFields).partial();
export type SitePatch = z.infer<typeof SitePatch>;

export const MAX_SITES = 3_000;

/** The columns of the import template and of the export, in order, with their Vietnamese headers. */
export const SITE_COLUMNS = [
  { key: 'name', header: 'Tên điểm cầu' },
  { key: 'group', header: 'Nhóm' },
  { key: 'contactName', header: 'Người liên hệ' },
  { key: 'phone', header: 'Số điện thoại' },
  { key: 'email', header: 'Email' },
  { key: 'expectedHeadcount', header: 'Số người dự kiến' },
] as const satisfies readonly { key: keyof SiteFields; header: string }[];

/** One row of an import preview: the parsed site, or the row's errors in Vietnamese. */
/** A site of the meeting a row names already (diacritics and case ignored). */
export type ImportExisting = { siteId: string; name: string };
export type ImportRow = {
  line: number;
  site: SiteFields | null;
  errors: string[];
  warnings: string[];
  /** The meeting's site with the same name, when there is one: the row is a duplicate, to skip or to update it with (never "add"). Absent on a preview not checked against a meeting. */
  existing?: ImportExisting | null;
};
export type ImportPreview = {
  rows: ImportRow[];
  valid: number;
  invalid: number;
  fileErrors: string[];
  fileWarnings: string[];
  /** Valid rows whose name the meeting has already. */
  duplicates?: number;
};

/** What to do with one row of an import: add it as a new site, update the site of the same name with it, or leave it out. */
export const ImportAction = z.enum(['add', 'update', 'skip']);
export type ImportAction = z.infer<typeof ImportAction>;
/** Confirming an import: the rows, each with its action (`add` when absent; a duplicate must say `update` or `skip`). */
export const ImportConfirm = z.object({
  sites: z.array(SiteInput.extend({ action: ImportAction.default('add') })).min(1, 'không có dòng nào để thêm'),
});
export type ImportConfirm = z.input<typeof ImportConfirm>;

// ---------------------------------------------------------------- status, presence, roll call

export const Readiness = z.enum(['unknown', 'ready', 'problem']);
export type Readiness = z.infer<typeof Readiness>;

/** A site's own report: check-in, people present, readiness. Shared by all its devices. */
export type SiteStatus = {
  checkedInAt: number | null;
  representative: string;
  representativeTitle: string;
  headcount: number | null;
  readiness: Readiness;
  note: string;
  statusAt: number | null;
  /** When the MC or organiser took note of the reported problem: the site's page says help is on its way. Null until then. */
  problemAckedAt: number | null;
};

/** Computed by the server from the site's connections. */
export type Presence = {
  devices: number;
  lastSeenAt: number | null;
  /** Since when no device is connected; null while one is, or if none ever was. */
  disconnectedSince: number | null;
  /** Fastest clock-ping round trip a device reported: a connection-quality hint. */
  rttMs: number | null;
  disconnections: number;
};

export type RollCallAnswer = { answeredAt: number; headcount: number | null };

export type SiteRow = SiteFields &
  SiteStatus & {
    id: string;
    meetingId: string;
    /** Increases with every change of the row: a client keeps the highest it saw. */
    version: number;
    presence: Presence;
    /** The site's video connection; null when the bridge is not configured or it never joined. */
    video: VideoStatus | null;
    answers: Record<string, RollCallAnswer>;
  };

export type RollCall = {
  id: string;
  label: string;
  startedAt: number;
  endsAt: number;
  closedAt: number | null;
};

/** Open until closed by the MC or until its window ends. */
export const rollCallOpen = (rollCall: RollCall, now: number): boolean => rollCall.closedAt === null && now < rollCall.endsAt;

export type AttendanceSnapshot = { meetingId: string; serverNow: number; sites: SiteRow[]; rollCalls: RollCall[] };
/** One page of `attendance:sync`: sites in the list's order from the cursor, every roll call, and the next page's cursor (null: the last). */
export type AttendancePage = AttendanceSnapshot & { next: string | null };
/** Coalesced: the rows that changed since the last batch (a few batches a second at most), and sites removed. */
export type AttendanceChange = { meetingId: string; sites: SiteRow[]; removed: string[] };

// ---------------------------------------------------------------- inputs

export const CheckIn = z.object({
  representative: text(120).min(1, 'nhập họ tên người đại diện'),
  representativeTitle: text(120).default(''),
  headcount: Headcount,
});
export type CheckIn = z.input<typeof CheckIn>;

export const HeadcountUpdate = z.object({ headcount: Headcount });
export const ReadinessReport = z.object({
  readiness: z.enum(['ready', 'problem']),
  note: text(500).default(''),
});
export const RollCallStart = z.object({
  label: text(120).default(''),
  durationMs: z.number().int().min(30_000, 'tối thiểu 30 giây').max(30 * 60_000, 'tối đa 30 phút'),
});
export const RollCallAnswerInput = z.object({ rollCallId: z.string().min(1).max(40), headcount: Headcount });
export const RollCallClose = z.object({ rollCallId: z.string().min(1).max(40) });
export const ProblemAcknowledge = z.object({ siteId: z.string().min(1).max(40) });
export const PresenceReport = z.object({ rttMs: z.number().min(0).max(60_000) });
