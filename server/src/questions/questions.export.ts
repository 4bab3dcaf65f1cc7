import { markFlagged, type MeetingState, type Question, type QuestionOrigin, type QuestionStatus, senderLabel, VN_OFFSET_MS } from '@diemcau/shared';
import ExcelJS from 'exceljs';
import { addTitledSheet, sanitizeText, vnDateTimeText } from '../sites/sites.export';

export const QUESTIONS_SHEET = 'Câu hỏi';
export const DIGEST_SHEET = 'Tổng hợp';
/** Phòng/ban cell of a question no office has been chosen for. */
export const NOT_ROUTED = 'Chưa chuyển';
/** The digest's group of questions no office has been chosen for (always last). */
export const NOT_ROUTED_GROUP = 'Chưa chuyển phòng, ban';
/** Routed to an office that was later removed from the settings. */
export const REMOVED_OFFICE = 'Phòng, ban đã xóa khỏi thiết lập';
export const NO_CATEGORY = '(Chưa phân loại)';
const ANONYMOUS = senderLabel({ anonymous: true, senderName: '', senderUnit: '' });

const ORIGIN_LABEL: Record<QuestionOrigin, string> = { public: 'Công khai (QR)', site: 'Điểm cầu', staff: 'Ban tổ chức' };
export const STATUS_LABEL: Record<QuestionStatus, string> = { pending: 'Chờ duyệt', approved: 'Đã duyệt', rejected: 'Không duyệt', answered: 'Đã trả lời' };

const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm:ss';
const COUNT_FORMAT = '#,##0';

/** A Date whose UTC fields are Vietnam's wall clock: Excel stores times without a zone. */
const excelTime = (at: number | null) => (at === null ? null : new Date(at + VN_OFFSET_MS));

/** A cell's text as typed, the flagged words red and underlined: never spelled out, never replaced. */
function markedCell(text: string, flagged: boolean): ExcelJS.CellValue {
  const clean = sanitizeText(text);
  const pieces = flagged ? markFlagged(clean) : [];
  if (!pieces.some((p) => p.flagged)) return clean;
  return { richText: pieces.map((p) => (p.flagged ? { text: p.text, font: { color: { argb: 'FFB91C1C' }, bold: true, underline: true } } : { text: p.text })) };
}

type Input = { meeting: MeetingState; questions: Question[]; generatedAt: number };

function titleLines(input: Input, subject: string): string[] {
  const { title, organiser, date, startTime } = input.meeting.details;
  const [y, m, d] = date.split('-');
  return [
    sanitizeText(title),
    `${subject} · ${organiser ? `${sanitizeText(organiser)} · ` : ''}ngày ${d}/${m}/${y}, bắt đầu ${startTime}`,
    `Xuất lúc ${vnDateTimeText(input.generatedAt)} (giờ Việt Nam)`,
  ];
}

/** Oldest first (ties by id), the order the STT numbers follow. */
const inOrder = (questions: readonly Question[]) => [...questions].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

function addQuestionsSheet(workbook: ExcelJS.Workbook, input: Input, ordered: Question[], stt: Map<string, number>): void {
  const offices = new Map(input.meeting.questions.offices.map((o) => [o.id, o.name]));
  const columns = [
    { header: 'STT', width: 6 },
    { header: 'Thời gian gửi', width: 20, numFmt: DATE_TIME_FORMAT },
    { header: 'Nguồn', width: 15 },
    { header: 'Người gửi', width: 24 },
    { header: 'Đơn vị/điểm cầu', width: 30 },
    { header: 'Phân loại', width: 18 },
    { header: 'Phòng/ban', width: 28 },
    { header: 'Nội dung', width: 60 },
    { header: 'Nội dung gốc', width: 40 },
    { header: 'Trạng thái', width: 13 },
    { header: 'Công khai', width: 10 },
    { header: 'Lượt bình chọn', width: 10, numFmt: COUNT_FORMAT },
    { header: 'Số ý kiến gộp', width: 10, numFmt: COUNT_FORMAT },
    { header: 'Gộp vào', width: 9 },
    { header: 'Gắn cờ', width: 16 },
    { header: 'Trả lời', width: 60 },
    { header: 'Người trả lời', width: 24 },
    { header: 'Thời gian trả lời', width: 20, numFmt: DATE_TIME_FORMAT },
  ];
  const sheet = addTitledSheet(workbook, QUESTIONS_SHEET, { title: titleLines(input, 'Câu hỏi, ý kiến gửi hội nghị'), columns });
  const headerLine = sheet.rowCount;
  for (const q of ordered) {
    const office = q.officeId === null ? NOT_ROUTED : (offices.get(q.officeId) ?? REMOVED_OFFICE);
    const row = sheet.addRow([
      stt.get(q.id)!,
      excelTime(q.createdAt),
      ORIGIN_LABEL[q.origin],
      // The unit has its own column: the sender's cell is the name, blank when only a unit was given.
      senderLabel(q) === ANONYMOUS ? ANONYMOUS : sanitizeText(q.senderName),
      q.anonymous ? '' : sanitizeText(q.senderUnit),
      sanitizeText(q.category),
      sanitizeText(office),
      markedCell(q.text, q.flags.length > 0),
      q.originalText !== q.text ? markedCell(q.originalText, q.flags.length > 0) : '',
      STATUS_LABEL[q.status],
      q.visible ? 'Có' : 'Không',
      q.votes,
      q.mergedCount,
      q.mergedInto === null ? null : (stt.get(q.mergedInto) ?? null),
      sanitizeText(q.flags.join(', ')),
      sanitizeText(q.answer),
      sanitizeText(q.answeredBy),
      excelTime(q.answeredAt),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  sheet.autoFilter = { from: { row: headerLine, column: 1 }, to: { row: headerLine + ordered.length, column: columns.length } };
}

export type DigestCounts = { entries: number; submissions: number; votes: number; pending: number; approved: number; answered: number; rejected: number };
export type DigestCategory = { category: string; counts: DigestCounts; questions: Question[] };
export type DigestOffice = { office: string; counts: DigestCounts; categories: DigestCategory[] };

const zero = (): DigestCounts => ({ entries: 0, submissions: 0, votes: 0, pending: 0, approved: 0, answered: 0, rejected: 0 });

function add(counts: DigestCounts, q: Question): void {
  counts.entries += 1;
  counts.submissions += q.mergedCount;
  counts.votes += q.votes;
  counts[q.status] += 1;
}

/** Most voted first; then the one standing for more submissions, then the oldest. */
const byVotes = (a: Question, b: Question) => b.votes - a.votes || b.mergedCount - a.mergedCount || a.createdAt - b.createdAt;

/**
 * The follow-up report's digest: every office in settings order (even without questions),
 * then questions routed to a removed office, then those not routed (both only when there are
 * any); within an office its categories in settings order, then others. Entries merged into
 * another are left out: they count in their entry's `mergedCount`.
 */
export function questionsDigest(meeting: MeetingState, questions: readonly Question[]): { offices: DigestOffice[]; total: DigestCounts } {
  const { offices, categories } = meeting.questions;
  const known = new Set(offices.map((o) => o.id));
  const entries = questions.filter((q) => q.mergedInto === null);
  const total = zero();
  entries.forEach((q) => add(total, q));

  const group = (office: string, rows: Question[]): DigestOffice => {
    const names = [...new Set([...categories, ...rows.map((q) => q.category || NO_CATEGORY)])];
    const counts = zero();
    rows.forEach((q) => add(counts, q));
    const byCategory = names.flatMap((category) => {
      const inCategory = rows.filter((q) => (q.category || NO_CATEGORY) === category).sort(byVotes);
      if (inCategory.length === 0) return [];
      const c = zero();
      inCategory.forEach((q) => add(c, q));
      return [{ category, counts: c, questions: inCategory }];
    });
    return { office, counts, categories: byCategory };
  };

  const removed = entries.filter((q) => q.officeId !== null && !known.has(q.officeId));
  const unrouted = entries.filter((q) => q.officeId === null);
  return {
    offices: [
      ...offices.map((o) => group(o.name, entries.filter((q) => q.officeId === o.id))),
      ...(removed.length ? [group(REMOVED_OFFICE, removed)] : []),
      ...(unrouted.length ? [group(NOT_ROUTED_GROUP, unrouted)] : []),
    ],
    total,
  };
}

/** I, II, III… as Vietnamese reports number their sections. */
export function roman(n: number): string {
  const digits: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let rest = n;
  let out = '';
  for (const [value, letters] of digits) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

const GROUP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

/**
 * One table a secretary can paste into the follow-up report: a row per office (I, II…), a row
 * per category (1, 2…) and its questions (1.1, 1.2…) most voted first. Office and category
 * rows carry their counts in the last columns; question rows their own figures.
 */
function addDigestSheet(workbook: ExcelJS.Workbook, input: Input, stt: Map<string, number>): void {
  const columns = [
    { header: 'TT', width: 7 },
    { header: 'Phòng, ban / Phân loại / Nội dung', width: 70 },
    { header: 'Số ý kiến', width: 10, numFmt: COUNT_FORMAT },
    { header: 'Lượt bình chọn', width: 10, numFmt: COUNT_FORMAT },
    { header: 'Trạng thái', width: 13 },
    { header: 'Trả lời', width: 60 },
    { header: 'Người trả lời', width: 24 },
    { header: 'STT ở trang Câu hỏi', width: 11 },
    { header: 'Số mục', width: 9, numFmt: COUNT_FORMAT },
    { header: 'Chờ duyệt', width: 9, numFmt: COUNT_FORMAT },
    { header: 'Đã duyệt', width: 9, numFmt: COUNT_FORMAT },
    { header: 'Đã trả lời', width: 9, numFmt: COUNT_FORMAT },
    { header: 'Không duyệt', width: 9, numFmt: COUNT_FORMAT },
  ];
  const sheet = addTitledSheet(workbook, DIGEST_SHEET, { title: titleLines(input, 'Tổng hợp câu hỏi, ý kiến theo phòng, ban'), columns });
  const countCells = (c: DigestCounts) => [c.submissions, c.votes, null, null, null, null, c.entries, c.pending, c.approved, c.answered, c.rejected];
  const style = (row: ExcelJS.Row, apply: (cell: ExcelJS.Cell) => void) => columns.forEach((_, i) => apply(row.getCell(i + 1)));
  const { offices, total } = questionsDigest(input.meeting, input.questions);

  offices.forEach((office, i) => {
    const officeRow = sheet.addRow([roman(i + 1), sanitizeText(office.office), ...countCells(office.counts)]);
    officeRow.font = { bold: true };
    style(officeRow, (cell) => (cell.fill = GROUP_FILL));
    office.categories.forEach((category, j) => {
      const categoryRow = sheet.addRow([String(j + 1), sanitizeText(category.category), ...countCells(category.counts)]);
      categoryRow.font = { bold: true, italic: true };
      category.questions.forEach((q, k) => {
        const row = sheet.addRow([
          `${j + 1}.${k + 1}`,
          sanitizeText(q.text),
          q.mergedCount,
          q.votes,
          STATUS_LABEL[q.status],
          sanitizeText(q.answer),
          sanitizeText(q.answeredBy),
          stt.get(q.id)!,
        ]);
        row.alignment = { vertical: 'top', wrapText: true };
      });
    });
  });
  const totalRow = sheet.addRow([null, 'Tổng cộng', ...countCells(total)]);
  totalRow.font = { bold: true };
  style(totalRow, (cell) => (cell.border = { top: { style: 'thin' } }));
}

/**
 * The questions workbook: "Câu hỏi" (every submission, merged ones included, oldest first,
 * numbered by STT) and "Tổng hợp" (the digest by office and category for the follow-up
 * report). Times are Vietnam local time; users' text is written as plain strings, never as
 * formulas, whatever it starts with.
 */
export async function questionsWorkbook(input: { meeting: MeetingState; questions: Question[]; generatedAt: number }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'diemcau';
  workbook.created = new Date(input.generatedAt);
  workbook.title = sanitizeText(input.meeting.details.title);
  const ordered = inOrder(input.questions);
  const stt = new Map(ordered.map((q, i) => [q.id, i + 1]));
  addQuestionsSheet(workbook, input, ordered, stt);
  addDigestSheet(workbook, input, stt);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
