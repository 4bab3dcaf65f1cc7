import { type AttendanceSnapshot, type MeetingDetails, type Readiness, type RollCallAnswer, type SiteFields, type SiteStatus, VN_OFFSET_MS } from '@diemcau/shared';
import ExcelJS from 'exceljs';

/** Everything the attendance workbook shows; times are epoch ms, written as Vietnam local time. */
export type AttendanceExport = {
  meeting: { title: string; organiser: string; /** YYYY-MM-DD */ date: string; /** HH:mm */ startTime: string };
  generatedAt: number;
  rollCalls: { id: string; label: string; startedAt: number; endsAt: number }[];
  sites: AttendanceExportSite[];
};

export type AttendanceExportSite = SiteFields &
  Pick<SiteStatus, 'checkedInAt' | 'representative' | 'representativeTitle' | 'headcount' | 'readiness' | 'note'> & {
    disconnections: number;
    lastSeenAt: number | null;
    rollCallAnswers: Record<string, RollCallAnswer | undefined>;
  };

/** The attendance export with each site's id (the meeting record names speakers' sites by it). */
export type AttendanceWithIds = Omit<AttendanceExport, 'sites'> & { sites: (AttendanceExportSite & { id: string })[] };

/** What the attendance workbook (and the meeting record) needs from a meeting's attendance snapshot. */
export function attendanceExportOf(
  meeting: MeetingDetails,
  snapshot: Pick<AttendanceSnapshot, 'sites' | 'rollCalls'>,
  generatedAt: number,
): AttendanceWithIds {
  return {
    meeting,
    generatedAt,
    rollCalls: snapshot.rollCalls,
    sites: snapshot.sites.map((site) => ({
      ...site,
      disconnections: site.presence.disconnections,
      lastSeenAt: site.presence.lastSeenAt,
      rollCallAnswers: site.answers,
    })),
  };
}

export const ATTENDANCE_SHEET = 'Tham dự';
export const GROUP_SHEET = 'Tổng hợp theo nhóm';
export const NO_GROUP = '(Chưa phân nhóm)';
export const NO_ANSWER = 'Không trả lời';

const READINESS_LABEL: Record<Readiness, string> = { unknown: 'Chưa báo', ready: 'Sẵn sàng', problem: 'Có sự cố' };
const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm:ss';

/** Characters XML 1.0 forbids: one of them in a cell makes Excel "repair" the whole file. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const sanitizeText = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/** `dd/mm/yyyy HH:mm:ss` in Vietnam (UTC+7, no daylight saving). */
export function vnDateTimeText(at: number): string {
  const iso = new Date(at + VN_OFFSET_MS).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 19)}`;
}

/** A Date whose UTC fields are Vietnam's wall clock: Excel stores times without a zone. */
const excelTime = (at: number | null) => (at === null ? null : new Date(at + VN_OFFSET_MS));

type SheetColumn = { header: string; width: number; numFmt?: string };

/**
 * Adds a sheet with optional title lines (first one large and bold), then a blank line when
 * there is a title, then a bold header row that stays frozen while scrolling.
 */
export function addTitledSheet(workbook: ExcelJS.Workbook, name: string, spec: { title: string[]; columns: SheetColumn[] }): ExcelJS.Worksheet {
  const headerLine = spec.title.length === 0 ? 1 : spec.title.length + 2;
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: headerLine, xSplit: 0 }] });
  spec.title.forEach((line, i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = sanitizeText(line);
    cell.font = i === 0 ? { bold: true, size: 14 } : { italic: true };
  });
  spec.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    if (c.numFmt) column.numFmt = c.numFmt;
  });
  const header = sheet.getRow(headerLine);
  header.values = spec.columns.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  return sheet;
}

function titleLines(data: AttendanceExport, subject: string): string[] {
  const [y, m, d] = data.meeting.date.split('-');
  return [
    sanitizeText(data.meeting.title),
    `${subject} · ${data.meeting.organiser ? `${sanitizeText(data.meeting.organiser)} · ` : ''}ngày ${d}/${m}/${y}, bắt đầu ${data.meeting.startTime}`,
    `Xuất lúc ${vnDateTimeText(data.generatedAt)} (giờ Việt Nam)`,
  ];
}

/** A roll call's label, or its start time when it has none. */
const rollCallName = (rollCall: AttendanceExport['rollCalls'][number]) =>
  sanitizeText(rollCall.label) || `lúc ${vnDateTimeText(rollCall.startedAt).slice(11, 16)}`;

function rollCallCell(answer: RollCallAnswer | undefined): string {
  if (!answer) return NO_ANSWER;
  return `${vnDateTimeText(answer.answeredAt)}${answer.headcount === null ? '' : ` – ${answer.headcount} người`}`;
}

function addAttendanceSheet(workbook: ExcelJS.Workbook, data: AttendanceExport): void {
  const columns: SheetColumn[] = [
    { header: 'STT', width: 6 },
    { header: 'Tên điểm cầu', width: 40 },
    { header: 'Nhóm', width: 20 },
    { header: 'Người liên hệ', width: 24 },
    { header: 'Số điện thoại', width: 16 },
    { header: 'Email', width: 30 },
    { header: 'Số người dự kiến', width: 12, numFmt: '#,##0' },
    { header: 'Giờ báo có mặt', width: 20, numFmt: DATE_TIME_FORMAT },
    { header: 'Người đại diện', width: 24 },
    { header: 'Chức vụ', width: 20 },
    { header: 'Số người có mặt', width: 12, numFmt: '#,##0' },
    { header: 'Tình trạng', width: 12 },
    { header: 'Ghi chú', width: 30 },
    { header: 'Số lần mất kết nối', width: 12 },
    { header: 'Lần cuối trực tuyến', width: 20, numFmt: DATE_TIME_FORMAT },
    ...data.rollCalls.map((r) => ({ header: `Điểm danh ${rollCallName(r)}`, width: 30 })),
  ];
  const sheet = addTitledSheet(workbook, ATTENDANCE_SHEET, { title: titleLines(data, 'Danh sách tham dự của các điểm cầu'), columns });
  const headerLine = sheet.rowCount;
  data.sites.forEach((site, i) => {
    sheet.addRow([
      i + 1,
      sanitizeText(site.name),
      sanitizeText(site.group),
      sanitizeText(site.contactName),
      sanitizeText(site.phone),
      sanitizeText(site.email),
      site.expectedHeadcount,
      excelTime(site.checkedInAt),
      sanitizeText(site.representative),
      sanitizeText(site.representativeTitle),
      site.headcount,
      READINESS_LABEL[site.readiness],
      sanitizeText(site.note),
      site.disconnections,
      excelTime(site.lastSeenAt),
      ...data.rollCalls.map((r) => rollCallCell(site.rollCallAnswers[r.id])),
    ]);
  });
  sheet.autoFilter = { from: { row: headerLine, column: 1 }, to: { row: headerLine + data.sites.length, column: columns.length } };
}

type GroupTotals = { group: string; sites: number; checkedIn: number; expected: number; present: number; answered: number[] };

/** Per group in order of first appearance, then the total; present people are the headcounts sites reported. */
export function groupTotals(data: AttendanceExport): { groups: GroupTotals[]; total: GroupTotals } {
  const empty = (group: string): GroupTotals => ({ group, sites: 0, checkedIn: 0, expected: 0, present: 0, answered: data.rollCalls.map(() => 0) });
  const total = empty('Tổng cộng');
  const groups = new Map<string, GroupTotals>();
  for (const site of data.sites) {
    const name = site.group.trim() || NO_GROUP;
    const group = groups.get(name) ?? empty(name);
    groups.set(name, group);
    for (const t of [group, total]) {
      t.sites += 1;
      if (site.checkedInAt !== null) t.checkedIn += 1;
      t.expected += site.expectedHeadcount ?? 0;
      t.present += site.headcount ?? 0;
      data.rollCalls.forEach((r, i) => {
        if (site.rollCallAnswers[r.id]) t.answered[i]! += 1;
      });
    }
  }
  return { groups: [...groups.values()], total };
}

function addGroupSheet(workbook: ExcelJS.Workbook, data: AttendanceExport): void {
  const sheet = addTitledSheet(workbook, GROUP_SHEET, {
    title: titleLines(data, 'Tổng hợp tham dự theo nhóm'),
    columns: [
      { header: 'Nhóm', width: 30 },
      { header: 'Số điểm cầu', width: 12 },
      { header: 'Đã báo có mặt', width: 12 },
      { header: 'Chưa báo có mặt', width: 12 },
      { header: 'Số người dự kiến', width: 14, numFmt: '#,##0' },
      { header: 'Số người có mặt', width: 14, numFmt: '#,##0' },
      { header: 'Tỷ lệ có mặt', width: 12, numFmt: '0.0%' },
      ...data.rollCalls.map((r) => ({ header: `Trả lời điểm danh ${rollCallName(r)}`, width: 18 })),
    ],
  });
  const { groups, total } = groupTotals(data);
  for (const g of [...groups, total]) {
    sheet.addRow([
      sanitizeText(g.group),
      g.sites,
      g.checkedIn,
      g.sites - g.checkedIn,
      g.expected,
      g.present,
      g.expected > 0 ? g.present / g.expected : null,
      ...g.answered,
    ]);
  }
  sheet.lastRow!.font = { bold: true };
  sheet.lastRow!.eachCell((cell) => (cell.border = { top: { style: 'thin' } }));
}

/**
 * The attendance workbook: sheet "Tham dự" (one row per site, in the given order, one column
 * per roll call) and "Tổng hợp theo nhóm" (per group, then the total).
 */
export async function attendanceWorkbook(data: AttendanceExport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'diemcau';
  workbook.created = new Date(data.generatedAt);
  workbook.title = sanitizeText(data.meeting.title);
  addAttendanceSheet(workbook, data);
  addGroupSheet(workbook, data);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
