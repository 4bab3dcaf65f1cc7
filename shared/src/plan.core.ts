import type { PlanAgendaItem, PlanContribution, PlanImport, PlanMeeting, PlanMeetingField, PlanSource, PlanTask } from './plan';
import type { AgendaItemKind, MeetingFormat } from './schemas';
import { foldVietnamese } from './text';
import { relativeDeadlineOf } from './tasks';

/**
 * Reads a plan document (KẾ HOẠCH) given as text into a PlanImport. Pure: no I/O, no clock.
 *
 * The text is what a person pastes or what the server extracts from a .docx/.pdf: one line per
 * paragraph, table cells separated by tabs (a row whose cells hold several paragraphs comes as
 * several lines, the later ones with empty cells where nothing continues). Markdown emphasis
 * (`**bold**`, `*italic*`) is ignored. Nothing is guessed: a field the document does not state
 * stays null or empty, and anything doubtful goes into `warnings`.
 */

// ---------------------------------------------------------------- lines

type Marker = 'roman' | 'number' | 'letter' | 'bullet' | null;

type Line = {
  /** 1-based line number in the text. */
  n: number;
  /** The line cleaned: emphasis removed, spaces collapsed, tabs kept as single spaces. */
  text: string;
  /** Table cells when the line holds tabs, cleaned; null for a paragraph. */
  cells: string[] | null;
  /** `text` without its numbering or bullet. */
  body: string;
  marker: Marker;
  /** The bullet character or number ("-", "+", "3.1", "a", "II"). */
  mark: string;
  /** Depth of a decimal number: "3" → 1, "3.1" → 2. */
  level: number;
  /** foldVietnamese(body). */
  folded: string;
};

/** Removes Markdown emphasis and odd spaces that converted documents carry. */
function clean(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\u00a0\u2007\u202f\u200b]/g, ' ')
    .replace(/\*\*|__/g, '')
    .replace(/(^|[\s(])\*([^*\n]+?)\*(?=[\s).,;:]|$)/g, '$1$2')
    .replace(/[ \f\v]+/g, ' ')
    .trim();
}

const ROMAN = /^(X{0,3}(?:IX|IV|V?I{0,3}))\s*[.)–-]\s+(.+)$/;
const NUMBER = /^(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]\s*(.*)$/;
const LETTER = /^([a-zđ])\s*[)]\s*(.+)$/;
const BULLET = /^([-+•–·*])\s*(.+)$/;

function classify(text: string): Pick<Line, 'body' | 'marker' | 'mark' | 'level'> {
  const roman = ROMAN.exec(text);
  if (roman && roman[1]) return { body: roman[2]!, marker: 'roman', mark: roman[1], level: 0 };
  const number = NUMBER.exec(text);
  if (number) return { body: number[2]!, marker: 'number', mark: number[1]!, level: number[1]!.split('.').length };
  const letter = LETTER.exec(text);
  if (letter) return { body: letter[2]!, marker: 'letter', mark: letter[1]!, level: 0 };
  const bullet = BULLET.exec(text);
  if (bullet) return { body: bullet[2]!, marker: 'bullet', mark: bullet[1]!, level: 0 };
  return { body: text, marker: null, mark: '', level: 0 };
}

/** Splits text into classified lines; line numbers are 1-based and count every line, blank ones too. */
export function planLines(text: string): Line[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((raw, i) => {
      const hasCells = raw.includes('\t') && raw.replace(/\t/g, '').trim() !== '';
      const cells = hasCells ? raw.split('\t').map(clean) : null;
      const textValue = clean(raw.replace(/\t+/g, ' '));
      const parts = classify(textValue);
      return { n: i + 1, text: textValue, cells, ...parts, folded: foldVietnamese(parts.body) };
    });
}

const sourceOf = (line: Line): PlanSource => ({ line: line.n, text: line.cells ? line.cells.filter(Boolean).join(' | ') : line.text });
const stripEnd = (value: string) => value.replace(/[\s.;,:]+$/u, '').trim();
const capitalise = (value: string) => value.charAt(0).toLocaleUpperCase('vi') + value.slice(1);
const stripBullet = (value: string) => value.replace(/^[-+•–·*]\s*/, '').trim();

// ---------------------------------------------------------------- dates and times

/** `YYYY-MM-DD` of a real calendar day, else null (31/02 is not a day). */
export function localDate(day: number, month: number, year: number): string | null {
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return null;
  return at.toISOString().slice(0, 10);
}

type FoundDate = { date: string; index: number; end: number };

const DATE_NUMERIC = /(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])/gu;
const DATE_WORDS = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/giu;

/**
 * Calendar dates in a text, in order: "24/11/2023", "24-11-2023", "ngày 24 tháng 11 năm 2023";
 * "18/11" takes `defaultYear` when given (else it is skipped).
 */
export function findDates(value: string, defaultYear: number | null = null): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of value.matchAll(DATE_WORDS)) {
    const date = localDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) found.push({ date, index: m.index, end: m.index + m[0].length });
  }
  for (const m of value.matchAll(DATE_NUMERIC)) {
    const year = m[3] ? Number(m[3]) : defaultYear;
    // "3.1" or "1-2" without a year is a number, not a date: a bare day/month needs a slash.
    if (year === null || (!m[3] && !m[0].includes('/'))) continue;
    const date = localDate(Number(m[1]), Number(m[2]), year);
    if (date && !found.some((f) => m.index < f.end && m.index + m[0].length > f.index)) found.push({ date, index: m.index, end: m.index + m[0].length });
  }
  return found.sort((a, b) => a.index - b.index);
}

type FoundTime = { time: string; index: number; end: number };

/** 7h30', 07h30, 7h, 07 giờ 30 phút, 7 giờ, 8g30, 14:00, 2 giờ chiều (→ 14:00). */
const TIME = /(?<![\p{L}\d/.:])(\d{1,2})\s*(giờ|h|g|:)\s*(?:(\d{2})\s*(?:phút|['’′‘]|p(?!\p{L}))?)?(?![\p{L}\d])(\s*(?:sáng|chiều|tối|trưa))?/gu;

/** Wall-clock times in a text, in order, as `HH:mm`. */
export function findTimes(value: string): FoundTime[] {
  const found: FoundTime[] = [];
  for (const m of value.matchAll(TIME)) {
    if (m[2] === ':' && m[3] === undefined) continue;
    let hour = Number(m[1]);
    const minute = m[3] === undefined ? 0 : Number(m[3]);
    const part = m[4]?.trim();
    if ((part === 'chiều' || part === 'tối') && hour < 12) hour += 12;
    if (hour > 23 || minute > 59) continue;
    found.push({ time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, index: m.index, end: m.index + m[0].length });
  }
  return found;
}

const RANGE_JOIN = /^\s*(?:-|–|—|đến|tới)\s*$/u;

/** The first time in a text, and the end of a range written right after it ("7h35' - 11h00'", "từ 7h30 đến 11h"). */
export function timeSlot(value: string): { start: string; end: string | null; index: number; stop: number } | null {
  const times = findTimes(value);
  const first = times[0];
  if (!first) return null;
  const second = times[1];
  const joined = second && RANGE_JOIN.test(value.slice(first.end, second.index));
  return { start: first.time, end: joined ? second.time : null, index: first.index, stop: joined ? second.end : first.end };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const isoAt = (date: string, time: string) => `${date}T${time}:00+07:00`;

const WEEKDAYS: Record<string, number> = { 'chu nhat': 0, hai: 1, ba: 2, tu: 3, nam: 4, sau: 5, bay: 6, '2': 1, '3': 2, '4': 3, '5': 4, '6': 5, '7': 6 };
const WEEKDAY_NAMES = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];

/** The weekday a text names ("thứ Sáu", "thứ 6", "Chủ nhật"), 0 = Sunday; null when none. */
function weekdayIn(value: string): number | null {
  const folded = foldVietnamese(value);
  if (/\bchu nhat\b/.test(folded)) return 0;
  const m = /\bthu (hai|ba|tu|nam|sau|bay|[2-7])\b/.exec(folded);
  return m ? (WEEKDAYS[m[1]!] ?? null) : null;
}

// ---------------------------------------------------------------- the document's parts

type Parts = {
  lines: Line[];
  /** Index of the document-type line (KẾ HOẠCH), or -1. */
  typeAt: number;
  /** First line after the body: "Nơi nhận", the signature or the first annex. */
  bodyEnd: number;
  /** Start indices of annexes (Phụ lục …). */
  annexes: number[];
};

const DOC_TYPES = ['ke hoach', 'chuong trinh', 'thong bao', 'giay moi', 'giay trieu tap', 'cong van', 'bao cao', 'quyet dinh', 'to trinh'];

function documentParts(lines: Line[]): Parts {
  // A PDF may put the centred "KẾ HOẠCH" in a letterhead column: one filled cell is a paragraph here.
  const single = (l: Line) => !l.cells || l.cells.filter(Boolean).length === 1;
  const typeAt = lines.findIndex((l) => single(l) && DOC_TYPES.some((t) => l.folded === t || (l.folded.startsWith(`${t} `) && /^\p{Lu}{2,}\s+\p{Lu}{2,}/u.test(l.body))));
  const annexes = lines.flatMap((l, i) => (!l.cells && /^phu luc\b/.test(l.folded) && l.text.length < 80 ? [i] : []));
  const receivers = lines.findIndex((l, i) => i > typeAt && /^noi nhan\b/.test(l.folded));
  const ends = [receivers, annexes[0] ?? -1].filter((i) => i >= 0);
  return { lines, typeAt, bodyEnd: ends.length > 0 ? Math.min(...ends) : lines.length, annexes };
}

/** Roman-numbered sections of the body: [start, end) line indices, keyed by folded heading. */
function sections(parts: Parts): { heading: string; start: number; end: number }[] {
  const heads = parts.lines.flatMap((l, i) => (i < parts.bodyEnd && l.marker === 'roman' ? [i] : []));
  return heads.map((start, k) => ({ heading: parts.lines[start]!.folded, start, end: heads[k + 1] ?? parts.bodyEnd }));
}

// ---------------------------------------------------------------- labelled fields

type LabelKind = 'time' | 'format' | 'venue' | 'participants' | 'chair' | 'host' | 'sites' | 'lead' | 'programme';

const LABELS: [RegExp, LabelKind][] = [
  [/^(thoi gian|du kien|thoi diem)\b/, 'time'],
  [/^hinh thuc\b/, 'format'],
  [/^dia diem\b/, 'venue'],
  [/^thanh phan\b/, 'participants'],
  [/^(chu tri|nguoi chu tri|doan chu tich|chu toa)\b/, 'chair'],
  [/^diem cau (chinh|trung tam)\b/, 'host'],
  [/^(cac )?diem cau\b/, 'sites'],
  [/^phu trach chung\b/, 'lead'],
  [/^chuong trinh\b/, 'programme'],
  [/^noi dung$/, 'programme'],
];

/**
 * A label that belongs to something else than the meeting: the time to hand in files, the old
 * time of a moved meeting, the period a plan runs over.
 */
const NOT_THE_MEETING = /\b(nhan ho so|nop ho so|dang ky|thuc hien|ap dung|cu|truoc day|da thong bao|nop bai|gui bai)\b/;

/** Headings that are a label on their own ("III. THÀNH PHẦN", "IV. CHỦ TRÌ"): the section is the value. */
const SECTION_LABELS: [RegExp, LabelKind][] = [
  [/^thanh phan( (tham du|tham gia|du hop|moi|hoi nghi|dai bieu))?$/, 'participants'],
  [/^(chu tri|chu tri hoi nghi|nguoi chu tri|doan chu tich)$/, 'chair'],
  [/^hinh thuc( to chuc)?$/, 'format'],
  [/^dia diem( to chuc)?$/, 'venue'],
  [/^thoi gian( to chuc)?$/, 'time'],
  [/^(chuong trinh|chuong trinh (hoi nghi|lam viec|buoi le|to chuc)|noi dung chuong trinh|noi dung)$/, 'programme'],
];

type Labelled = { kind: LabelKind; at: number; value: string; line: Line; /** A whole section: its lines up to here are the value. */ end?: number };

/** "Label: value" lines ("1. Thời gian: …", "- Địa điểm: …"), the label at most 60 characters; or a heading that is a label. */
function labelOf(line: Line, at: number): Labelled | null {
  if (line.cells) return null;
  const m = /^([^:]{2,60}):\s*(.*)$/u.exec(line.body);
  if (!m) {
    if (line.marker !== 'roman') return null;
    const heading = line.folded.replace(/\(du kien\)/g, '').replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
    const hit = SECTION_LABELS.find(([pattern]) => pattern.test(heading));
    return hit ? { kind: hit[1], at, value: '', line, end: -1 } : null;
  }
  const label = foldVietnamese(m[1]!).replace(/\(du kien\)/g, 'du kien').trim();
  const hit = LABELS.find(([pattern]) => pattern.test(label));
  if (!hit || (hit[1] === 'time' || hit[1] === 'venue' ? NOT_THE_MEETING.test(label) : false)) return null;
  // "Nội dung: …" in a sentence is what the meeting is about; only a "Nội dung:" over a list can be its agenda.
  if (hit[1] === 'programme' && /^noi dung$/.test(label) && m[2]!.trim()) return null;
  return { kind: hit[1], at, value: m[2]!.trim(), line };
}

/**
 * Lines under a label that has no value on its own line: its bullets and lettered groups, up to
 * the next heading, numbered item or other label. A bullet marked like the label line itself is
 * a sibling, not a child ("- Thành phần:" is followed by "+ …" children, then "- …" siblings).
 */
function childrenOf(lines: Line[], at: number, end: number): Line[] {
  const head = lines[at]!;
  const out: Line[] = [];
  if (head.marker === 'roman') {
    // A section that is a label: every paragraph up to the next section.
    for (let i = at + 1; i < end; i++) {
      const line = lines[i]!;
      if (line.marker === 'roman' || line.cells) break;
      if (line.text) out.push(line);
    }
    return out;
  }
  for (let i = at + 1; i < end; i++) {
    const line = lines[i]!;
    if (!line.text) continue;
    if (line.marker === 'roman' || line.marker === 'number' || line.cells) break;
    if (line.marker === 'bullet' && head.marker === 'bullet' && line.mark === head.mark) break;
    if (line.marker === null && !/^\(.*\)\.?$/.test(line.text)) break;
    if (labelOf(line, i) && line.marker !== 'bullet' && line.marker !== 'letter') break;
    out.push(line);
  }
  return out;
}

/** Whether line `i` lies in the section headed at `head`. */
function sectionHolds(parts: Parts, head: number, i: number): boolean {
  for (let k = head + 1; k <= i; k++) if (parts.lines[k]!.marker === 'roman') return false;
  return true;
}

/** The first value of each label kind: in the body first, then in the annexes (which repeat time and place). */
function findLabels(parts: Parts, skip: (i: number) => boolean): Map<LabelKind, Labelled> {
  const found = new Map<LabelKind, Labelled>();
  const scan = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      if (skip(i)) continue;
      const label = labelOf(parts.lines[i]!, i);
      if (!label) continue;
      // A "Label:" line inside a section of the same name says it more precisely than the heading.
      const before = found.get(label.kind);
      if (before && !(before.end !== undefined && label.end === undefined && sectionHolds(parts, before.at, i))) continue;
      if (label.end !== undefined) {
        // A section holding one plain paragraph reads like "Label: paragraph".
        const children = childrenOf(parts.lines, i, parts.bodyEnd);
        if (children.length === 0) continue;
        if (children.length === 1 && children[0]!.marker === null && label.kind !== 'programme') label.value = children[0]!.body;
      }
      found.set(label.kind, label);
    }
  };
  scan(Math.max(0, parts.typeAt), parts.bodyEnd);
  scan(parts.bodyEnd, parts.lines.length);
  return found;
}

// ---------------------------------------------------------------- meeting fields

function classifyFormat(value: string): MeetingFormat | null {
  const f = foldVietnamese(value);
  const online = /\btruc tuyen\b|\bonline\b|\bqua (phan mem|he thong) hop\b/.test(f);
  const inPerson = /\btruc tiep\b|\btap trung\b/.test(f);
  if (/\bket hop\b/.test(f) || (online && inPerson)) return 'hybrid';
  if (online) return 'online';
  if (inPerson) return 'in_person';
  return null;
}

/** Letterhead names (folded), anywhere in a letterhead cell: a PDF may run its lines together. */
const INSTITUTIONS: [RegExp, string][] = [
  [/\bso giao duc va dao tao\b|^so gd ?& ?dt\b|^so gddt\b/, 'Sở Giáo dục và Đào tạo'],
  [/\bbo giao duc va dao tao\b/, 'Bộ Giáo dục và Đào tạo'],
  [/\bphong giao duc va dao tao\b/, 'Phòng Giáo dục và Đào tạo'],
];

const ORGANISER_IN_TEXT = /(Sở Giáo dục và Đào tạo|Sở GD ?& ?ĐT|Sở GDĐT|Phòng Giáo dục và Đào tạo(?: (?:huyện|thị xã|thành phố|quận) [\p{Lu}][\p{L}]*(?: [\p{Lu}][\p{L}]*)*)?|Bộ Giáo dục và Đào tạo)/u;

type Found<T> = { value: T; source: Line } | null;

/**
 * The letterhead's pieces, line by line: a Word letterhead is a two-column table ("SỞ GDĐT … /
 * Số: …" beside "CỘNG HÒA … / Bắc Giang, ngày …"), so each cell counts on its own.
 */
function headerFragments(parts: Parts): { text: string; folded: string; line: Line }[] {
  // Only the letterhead: a number or date further down belongs to a document the plan cites.
  const end = parts.typeAt >= 0 ? parts.typeAt : Math.min(parts.lines.length, 14);
  return parts.lines.slice(0, end).flatMap((line) =>
    (line.cells ? line.cells.filter(Boolean) : [line.text]).map((text) => ({ text, folded: foldVietnamese(text), line })),
  );
}

/** Upper-case words kept as written when a letterhead line is put in sentence case. */
const ACRONYMS = new Set(['THCS', 'THPT', 'TH', 'MN', 'PTDTNT', 'PTDTBT', 'DTNT', 'GDNN', 'GDTX', 'GDNN-GDTX', 'GDĐT', 'GD&ĐT', 'TP', 'UBND', 'PT', 'TT', 'CĐ', 'ĐH']);

/** "TRƯỜNG THCS NGUYỄN DU" → "Trường THCS Nguyễn Du". */
function nameCase(value: string): string {
  return value
    .split(/\s+/)
    .map((w) => (ACRONYMS.has(w) ? w : capitalise(w.toLocaleLowerCase('vi'))))
    .join(' ');
}

const AGENCY_START = /^(UBND|ỦY BAN|UỶ BAN|SỞ|PHÒNG|TRƯỜNG|BỘ|TỈNH|HUYỆN|QUẬN|THÀNH PHỐ|THỊ XÃ|TP\.?|TRUNG TÂM|BAN|CỤC|VỤ|VIỆN|ĐẠI HỌC|HỘI|CÔNG ĐOÀN|ĐOÀN|HỌC VIỆN|XÃ|PHƯỜNG)(\s|$)/u;

/**
 * The issuing body from the letterhead's left column: its last agency line, completed by the
 * line above ("UBND HUYỆN ĐỨC THỌ / PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" → "Phòng Giáo dục và Đào tạo
 * huyện Đức Thọ").
 */
function findIssuer(parts: Parts): Found<string> {
  if (parts.typeAt <= 0) return null;
  const agency: { text: string; line: Line }[] = [];
  for (const line of parts.lines.slice(0, parts.typeAt)) {
    const text = (line.cells ? (line.cells[0] ?? '') : line.text).trim();
    const folded = foldVietnamese(text);
    if (!text || /^(so\s*[:\d…./]|so\s*$|v\/v|cong hoa|doc lap|kinh gui)/.test(folded) || /\bngay\b.*\bthang\b/.test(folded) || /^[-_=*.…\s]+$/.test(text)) continue;
    if (text !== text.toLocaleUpperCase('vi') || text.length < 3) continue;
    // "UBND TỈNH BẮC GIANG SỞ GIÁO DỤC VÀ ĐÀO TẠO": two letterhead lines run together; the motto beside them cut off.
    const own = text.replace(/\s+/g, ' ').replace(/\s*CỘNG HÒA XÃ HỘI.*$/u, '').trim();
    if (!own || /^(VIỆT )?NAM$/u.test(own)) continue;
    for (const part of own.split(/\s+(?=(?:SỞ|PHÒNG|TRƯỜNG)\s)/u)) {
      // A name wrapped in its cell ("PHÒNG GIÁO DỤC VÀ ĐÀO" / "TẠO") continues the line above.
      const last = agency.at(-1);
      if (last && !AGENCY_START.test(part)) last.text = `${last.text} ${part}`;
      else agency.push({ text: part, line });
    }
  }
  const issuer = agency.at(-1);
  if (!issuer) return null;
  const parent = agency.length > 1 ? agency[agency.length - 2]!.text : '';
  const folded = foldVietnamese(issuer.text);
  const region = (pattern: RegExp) => pattern.exec(`${parent} ${issuer.text}`.trim());
  const province = region(/(?:UBND|ỦY BAN NHÂN DÂN)\s+(?:TỈNH|THÀNH PHỐ|TP\.?)\s+(\p{Lu}[\p{Lu}\s]*?)(?=\s+(?:SỞ|PHÒNG)\s|\s*$)/u)?.[1];
  const district = region(/(?:UBND|ỦY BAN NHÂN DÂN)\s+(HUYỆN|QUẬN|THỊ XÃ|THÀNH PHỐ|TP\.?)\s+(\p{Lu}[\p{Lu}\s]*?)(?=\s+PHÒNG\s|\s*$)/u);
  let value: string;
  if (/^so (giao duc va dao tao|gd ?& ?dt|gddt)\b/.test(folded)) {
    const own = issuer.text.replace(/^SỞ\s+(GIÁO DỤC VÀ ĐÀO TẠO|GD ?& ?ĐT|GDĐT)\s*/u, '');
    const where = own || province;
    value = `Sở Giáo dục và Đào tạo${where ? ` ${titleCase(where)}` : ''}`;
  } else if (/^phong (giao duc va dao tao|gd ?& ?dt|gddt)\b/.test(folded)) {
    const own = issuer.text.replace(/^PHÒNG\s+(GIÁO DỤC VÀ ĐÀO TẠO|GD ?& ?ĐT|GDĐT)\s*/u, '');
    const where = own ? own.toLocaleLowerCase('vi').replace(/^(huyện|quận|thị xã|thành phố)\s+(.*)$/u, (_, unit: string, name: string) => `${unit} ${titleCase(name.toLocaleUpperCase('vi'))}`) : district ? `${district[1]!.toLocaleLowerCase('vi')} ${titleCase(district[2]!)}` : '';
    value = `Phòng Giáo dục và Đào tạo${where ? ` ${where}` : ''}`;
  } else if (/^bo giao duc va dao tao$/.test(folded)) {
    value = 'Bộ Giáo dục và Đào tạo';
  } else if (/^(tinh|thanh pho|huyen|quan|thi xa)\b/.test(folded) && /^(uy ban nhan dan|ubnd)$/.test(foldVietnamese(parent))) {
    const [, unit, name] = /^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)\s+(.*)$/u.exec(issuer.text) ?? [];
    value = `Ủy ban nhân dân ${(unit ?? '').toLocaleLowerCase('vi')} ${titleCase(name ?? '')}`;
  } else if (/^(ubnd|uy ban nhan dan)\s+(tinh|thanh pho|huyen|quan|thi xa)\b/.test(folded)) {
    const [, unit, name] = /^(?:UBND|ỦY BAN NHÂN DÂN)\s+(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)\s+(.*)$/u.exec(issuer.text) ?? [];
    value = `Ủy ban nhân dân ${(unit ?? '').toLocaleLowerCase('vi')} ${titleCase(name ?? '')}`;
  } else value = nameCase(issuer.text);
  return { value, source: issuer.line };
}

/** A sentence's references to other documents ("Kế hoạch số 15/KH-BGDĐT ngày … của Bộ GDĐT"), which name other issuers. */
const CITED = /\b(?:Kế hoạch|Công văn|Quyết định|Chỉ thị|Thông tư|Nghị quyết|Nghị định|Kết luận|Hướng dẫn|Chương trình|Thông báo|Giấy mời|Văn bản)\s+(?:số\s+)?[\d…./]*[^;:]*?\bcủa\s+(?:Bộ|Sở|Phòng|UBND|Ủy ban|Tỉnh ủy|Thủ tướng|Chủ tịch|Ban|Chính phủ|Cục|Vụ)[^,;:]*/gu;

function findOrganiser(parts: Parts, place: string | null): Found<string> {
  const issuer = findIssuer(parts);
  if (issuer) return issuer;
  const { lines, typeAt } = parts;
  // The letterhead above the document type: "UBND TỈNH BẮC GIANG / SỞ GIÁO DỤC VÀ ĐÀO TẠO".
  const header = typeAt > 0 ? headerFragments(parts).filter((f) => f.line.n <= typeAt) : [];
  for (const fragment of header) {
    const hit = INSTITUTIONS.find(([pattern]) => pattern.test(fragment.folded));
    if (!hit) continue;
    // "UBND TỈNH BẮC GIANG" above (or, read from a PDF, before) "SỞ GIÁO DỤC VÀ ĐÀO TẠO".
    const province = header
      .map((f) => /(?:UBND|ỦY BAN NHÂN DÂN)\s+(?:TỈNH|THÀNH PHỐ)\s+(\p{Lu}[\p{Lu}\s]*?)(?=\s+(?:SỞ|PHÒNG|BỘ)\s|\s*$)/u.exec(f.text)?.[1])
      .find(Boolean);
    const where = province ?? place;
    return { value: where ? `${hit[1]} ${titleCase(where)}` : hit[1], source: fragment.line };
  }
  // Else the body's first mention ("… Sở Giáo dục và Đào tạo (GDĐT) tổ chức …"), with the place of the date line.
  for (let i = Math.max(0, typeAt); i < parts.bodyEnd; i++) {
    const line = lines[i]!;
    const m = ORGANISER_IN_TEXT.exec(line.text.replace(CITED, ''));
    if (!m) continue;
    const name = m[1]!.replace(/^Sở (GD ?& ?ĐT|GDĐT)$/u, 'Sở Giáo dục và Đào tạo');
    const local = /^(Sở|Bộ)/.test(name) && place && name.startsWith('Sở') ? `${name} ${place}` : name;
    return { value: local, source: line };
  }
  return null;
}

/** "BẮC GIANG" → "Bắc Giang"; text already in mixed case is kept. */
function titleCase(value: string): string {
  if (value !== value.toLocaleUpperCase('vi')) return value.trim();
  return value
    .toLocaleLowerCase('vi')
    .split(/\s+/)
    .map((w) => capitalise(w))
    .join(' ');
}

function findTitle(parts: Parts): { title: string; source: Line } | null {
  const { lines, typeAt } = parts;
  if (typeAt < 0) return null;
  const typeLine = lines[typeAt]!;
  const collected: Line[] = [];
  const typeWords = DOC_TYPES.find((t) => typeLine.folded === t || typeLine.folded.startsWith(`${t} `))?.split(' ').length ?? 2;
  const sameLine = typeLine.body.split(/\s+/).slice(typeWords).join(' ').trim();
  if (sameLine) collected.push({ ...typeLine, body: sameLine });
  for (let i = typeAt + 1; i < lines.length && collected.length < 4; i++) {
    const line = lines[i]!;
    if (!line.text || /^[-_=*.…\s]+$/.test(line.text)) {
      if (collected.length > 0) break;
      continue;
    }
    if (line.cells || line.marker === 'roman' || line.text.length > 200 || /^(thuc hien|can cu|nham|de |trien khai|theo|kinh gui)\b|\bkinh moi\b|\bthong bao\b.*\bnhu sau\b/.test(line.folded) || /[:.]$/.test(line.text) || /\b(trieu tap|kinh moi)\b/.test(line.folded) || labelOf(line, i) !== null) break;
    collected.push(line);
  }
  if (collected.length === 0) return null;
  const joined = collected.map((l) => l.body).join(' ');
  const title = capitalise(
    stripEnd(
      joined
        .replace(/^(về việc|v\/v)\s+/iu, '')
        // A notice that moves a meeting, an invitation to attend one: the meeting is the title.
        .replace(/^(thay đổi|điều chỉnh|lùi|hoãn)\s+(thời gian|lịch|địa điểm|ngày)(\s+tổ chức)?\s+/iu, '')
        .replace(/^(mời\s+)?(tham\s+)?dự\s+/iu, '')
        .replace(/^tổ chức\s+(?=\p{Lu}|(họp|hội|lễ|tập huấn|chuyên đề|giao ban|tọa đàm|ngày hội)(?![\p{L}]))/iu, '')
        .replace(/^(kế hoạch|chương trình)\s+/iu, ''),
    ),
  );
  return { title, source: collected[0]! };
}

function findDocumentNumber(parts: Parts): Found<string> {
  for (const fragment of headerFragments(parts)) {
    const m = /(?:^|\s)số\s*:?\s*(\S*\s*\/\s*[\p{L}\d&-]+)/iu.exec(fragment.text);
    if (!m) continue;
    const number = m[1]!.replace(/\s+/g, '').replace(/^(\.|…)*\//, '…/');
    return { value: number, source: fragment.line };
  }
  return null;
}

type Issued = { place: string | null; date: string | null; year: number | null; source: Line; text: string };

function findIssued(parts: Parts): Issued | null {
  for (const fragment of headerFragments(parts)) {
    // "Bắc Giang, ngày 10 tháng 11 năm 2023": the place is the capitalised words before the comma.
    const m = /(?:((?:\p{Lu}[\p{Ll}.]*\s?){1,4}),\s*)?ngày\s*(\d{1,2})?\s*(?:[./]\s*)?tháng\s*(\d{1,2})?\s*(?:[./]\s*)?năm\s*(\d{4})/u.exec(fragment.text);
    if (!m || (m.index > 0 && !m[1])) continue;
    const year = Number(m[4]);
    const date = m[2] && m[3] ? localDate(Number(m[2]), Number(m[3]), year) : null;
    return { place: m[1]?.trim() ?? null, date, year, source: fragment.line, text: m[0] };
  }
  return null;
}

type TimeField = {
  date: string | null;
  start: string | null;
  end: string | null;
  /** "từ ngày 05-20/9/2024": the days the meeting falls within, not yet one day. */
  window: { from: string; to: string } | null;
  tentative: boolean;
  source: Line;
  text: string;
};

const DAY_RANGE = /(?<![\d/])(\d{1,2})\s*(?:-|–|—|đến)\s*(\d{1,2})\s*\/\s*(\d{1,2})(?:\s*\/\s*(\d{4}))?(?![\d/])/u;

/** The meeting's date and time from a "Thời gian:" value (with its child lines when the value is on them). */
function readTime(label: Labelled, lines: Line[], end: number, year: number | null, warnings: string[]): TimeField {
  const children = label.value ? [] : childrenOf(lines, label.at, end);
  const text = [label.value, ...children.map((c) => c.body)].map(stripEnd).filter(Boolean).join('; ');
  const folded = foldVietnamese(text);
  const quoted = `"${stripEnd(text)}", dòng ${label.line.n}`;
  const dates = findDates(text, year);
  const slot = timeSlot(text);
  let date = dates[0]?.date ?? null;
  let window: TimeField['window'] = null;
  const days = DAY_RANGE.exec(text);
  const dayYear = days ? (days[4] ? Number(days[4]) : year) : null;
  if (days && dayYear !== null) {
    const from = localDate(Number(days[1]), Number(days[3]), dayYear);
    const to = localDate(Number(days[2]), Number(days[3]), dayYear);
    if (from && to && from < to) window = { from, to };
  } else if (dates.length >= 2 && children.length <= 1 && /\b(tu|den)\b/.test(folded) && dates[0]!.date < dates.at(-1)!.date) {
    window = { from: dates[0]!.date, to: dates.at(-1)!.date };
  }
  if (window) {
    date = null;
    warnings.push(`Kế hoạch chỉ ghi khoảng thời gian từ ${window.from.split('-').reverse().join('/')} đến ${window.to.split('-').reverse().join('/')} (${quoted}), chưa cố định ngày: hãy chọn ngày khi có thông báo cụ thể.`);
  } else if (dates.length > 1 || children.length > 1 || /\bquy [ivx]+\b/.test(folded)) {
    warnings.push(`Thời gian chưa cố định một ngày (${quoted}): hãy chọn ngày giờ của hội nghị.`);
    date = null;
  } else if (!date && /\b(thong bao sau|se co van ban|se thong bao|cu the sau)\b/.test(folded)) {
    warnings.push(`Kế hoạch chưa ấn định ngày (${quoted}): ngày sẽ có trong văn bản sau, hãy nhập khi biết.`);
  }
  const tentative = /\bdu kien\b/.test(foldVietnamese(label.line.body)) && (date !== null || window !== null);
  if (tentative) warnings.push(`Thời gian là dự kiến (${quoted}): có thể thay đổi, hãy kiểm tra lại trước ngày họp.`);
  if (date) {
    const named = weekdayIn(text);
    const actual = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (named !== null && named !== actual) {
      warnings.push(`Ngày ${date.split('-').reverse().join('/')} là ${WEEKDAY_NAMES[actual]}, nhưng kế hoạch ghi ${WEEKDAY_NAMES[named]} (dòng ${label.line.n}): kiểm tra lại ngày.`);
    }
  }
  const single = date !== null || window !== null || dates.length === 0;
  return { date, start: single ? (slot?.start ?? null) : null, end: single ? (slot?.end ?? null) : null, window, tentative, source: label.line, text };
}

/**
 * Sites named in a text: "Điểm cầu chính tại X; các điểm cầu tại A, B", "X (điểm cầu chính) và
 * điểm cầu tại các trường", or a venue that is a site ("điểm cầu Trường THCS Y") → host and sites.
 */
function sitesIn(value: string): { host: string | null; others: string[] } {
  const host =
    /^(.+?)\s*\(điểm cầu (?:chính|trung tâm)\)/iu.exec(value)?.[1]?.trim() ??
    /điểm cầu (?:chính|trung tâm)\s*(?:tại|:|là|đặt tại)?\s*([^;.()]+)/iu.exec(value)?.[1]?.trim() ??
    /^điểm cầu\s+(?:tại\s+)?(?!chính|trung tâm|các\b)([^;.]+)$/iu.exec(stripEnd(value))?.[1]?.trim() ??
    null;
  const rest = /(?:các )?điểm cầu(?! (?:chính|trung tâm))\s*(?:(?:tại|gồm|là)\s*:?|:)\s*([^.]+)/iu.exec(value.replace(/\(điểm cầu (?:chính|trung tâm)\)/iu, ''))?.[1] ?? '';
  const others = rest
    .split(';')
    .map((s) => stripEnd(s))
    .filter(Boolean);
  return { host: host ? stripEnd(host) : null, others };
}

function splitList(value: string): string[] {
  return value
    .split(';')
    .map((s) => stripEnd(stripBullet(s)))
    .filter(Boolean);
}

/** Participant groups: the label's own value (split at ";") and its child lines; lettered groups prefix their bullets. */
function readParticipants(label: Labelled, lines: Line[], end: number): string[] {
  const groups = label.value ? splitList(label.value) : [];
  let group: string | null = null;
  for (const child of label.value && label.end !== undefined ? [] : childrenOf(lines, label.at, end)) {
    const text = stripEnd(child.body);
    if (!text) continue;
    if (child.marker === 'letter') {
      group = text;
      continue;
    }
    groups.push(group ? `${group}: ${text}` : text);
  }
  return groups;
}

// ---------------------------------------------------------------- agenda

const KINDS: [RegExp, AgendaItemKind][] = [
  [/\b(don tiep|tiep don|van nghe)\b/, 'reception'],
  [/\b(tuyen bo ly do|gioi thieu dai bieu)\b/, 'formalities'],
  [/\bkhai mac\b/, 'opening'],
  [/\bbe mac\b|\bket thuc\b|\bdap tu\b/, 'closing'],
  [/\bgiai lao\b|\bnghi giua gio\b|\bnghi trua\b/, 'break'],
  [/\bbao cao de dan\b|\bde dan\b/, 'keynote'],
  [/\bkhen thuong\b|\btrao (tang|thuong|quyet dinh)\b/, 'awards'],
  [/\bthao luan\b|\bgiai trinh\b|\btrao doi\b/, 'discussion'],
  [/\btham luan\b/, 'contribution'],
  [/\bphat bieu chi dao\b|\bket luan\b|\bphat bieu cua (giam doc|lanh dao|bo truong|chu tich|pho chu tich)\b/, 'directive'],
  [/\bbao cao\b|\btrien khai\b|\bphat dong\b/, 'report'],
];

/** A guess of an item's kind from its title's words; `other` when nothing fits. */
export function agendaKind(title: string): AgendaItemKind {
  const folded = foldVietnamese(title);
  return KINDS.find(([pattern]) => pattern.test(folded))?.[1] ?? 'other';
}

type Column = 'no' | 'time' | 'content' | 'topic' | 'presenter' | 'unit' | 'note';

function columnOf(cell: string): Column | null {
  const f = foldVietnamese(cell).replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
  if (/^(s?tt|so tt|so thu tu)$/.test(f)) return 'no';
  if (/^(thoi gian|gio|thoi luong)\b/.test(f)) return 'time';
  if (/^(noi dung tham luan|ten tham luan|ten bai tham luan|tham luan|chu de|chu de tham luan)$/.test(f)) return 'topic';
  if (/^(noi dung|chuong trinh|hoat dong)\b/.test(f)) return 'content';
  if (/^(nguoi |don vi |bo phan |can bo )?(thuc hien|trinh bay|phu trach|chu tri|dieu hanh|bao cao)\b/.test(f)) return 'presenter';
  if (/^(don vi|co quan|dia phuong)\b/.test(f)) return 'unit';
  if (/^ghi chu\b/.test(f)) return 'note';
  return null;
}

type Table = { header: Line; columns: (Column | null)[]; rows: Line[] };

/** Tables with a recognised header row; a header repeated after a page break continues the same table. */
function findTables(lines: Line[]): Table[] {
  const tables: Table[] = [];
  let current: Table | null = null;
  for (const line of lines) {
    if (!line.text) continue;
    if (!line.cells) {
      current = null;
      continue;
    }
    const columns = line.cells.map(columnOf);
    const known = columns.filter((c) => c !== null);
    const isHeader = known.length >= 2 && (known.includes('content') || known.includes('topic'));
    if (isHeader) {
      if (current && current.columns.join() === columns.join()) continue;
      current = { header: line, columns, rows: [] };
      tables.push(current);
    } else if (current) current.rows.push(line);
  }
  return tables;
}

const cellOf = (table: Table, row: Line, column: Column) => {
  const index = table.columns.indexOf(column);
  return index < 0 ? '' : (row.cells?.[index] ?? '').trim();
};

/** "2023-2024 Tham luận, …": two agenda paragraphs run together when a cell's paragraphs were flattened. */
const ITEM_START = /(?<=[\p{Ll}\d)])\s+(?=(?:Tham luận|Thảo luận|Phát biểu|Báo cáo|Tuyên bố|Công bố|Phát động|Tiếp thu|Đón tiếp|Giải lao|Bế mạc|Khai mạc|Kết luận|Tổng kết)(?![\p{L}\d]))/u;
const PRESENTER_START = /(?<=\S)\s+(?=(?:Đại biểu|Ban Tổ chức|BTC|Giám đốc|Phó Giám đốc|Lãnh đạo|Văn phòng|Đồng chí|Đ\/c|Các đơn vị|Các điểm cầu|Chánh|Trưởng|Đại diện)(?![\p{L}\d]))/u;

type Draft = { title: string; presenter: string | null; start: string | null; durationMinutes: number | null; subItems: string[]; source: Line; endTime: string | null };

function agendaFromTable(table: Table, warnings: string[]): Draft[] {
  const items: Draft[] = [];
  let group: { items: Draft[]; start: string | null; end: string | null; row: Line } | null = null;
  const closeGroup = () => {
    if (!group) return;
    const { start, end, row } = group;
    if (group.items.length === 1 && start && end) group.items[0]!.durationMinutes = Math.max(0, minutesOf(end) - minutesOf(start));
    if (group.items.length > 1 && start && end) {
      warnings.push(`Dòng ${row.n}: khung giờ ${start}–${end} gồm ${group.items.length} nội dung; kế hoạch không ghi thời lượng từng nội dung, hãy nhập trong bản xem trước.`);
    }
    const last = group.items.at(-1);
    if (last && end) last.endTime = end;
  };
  for (const row of table.rows) {
    const no = cellOf(table, row, 'no');
    const time = cellOf(table, row, 'time');
    const content = cellOf(table, row, 'content');
    const presenter = cellOf(table, row, 'presenter');
    if (!no && !time && !content && !presenter) continue;
    const last = items.at(-1);
    const startsGroup = Boolean(no || time) || !last;
    if (!startsGroup && last) {
      // A line continuing a sentence (lower case, or a presenter alone) is a wrapped cell, as read from a PDF.
      if ((!content && presenter) || /^\p{Ll}/u.test(content)) {
        if (content && last.subItems.length > 0) last.subItems[last.subItems.length - 1] += ` ${content}`;
        else if (content) last.title = `${last.title} ${content}`;
        if (presenter) last.presenter = last.presenter ? `${last.presenter} ${presenter}` : presenter;
        continue;
      }
      if (!presenter && /^[+•]/.test(content)) {
        last.subItems.push(stripBullet(content));
        continue;
      }
      if (!presenter && /^[-–]/.test(content)) {
        last.subItems.push(stripBullet(content));
        continue;
      }
      if (!presenter && !/^[-+•–]/.test(content)) {
        // A wrapped line of the same cell (PDF): it continues the last sub-point or the title.
        if (last.subItems.length > 0) last.subItems[last.subItems.length - 1] += ` ${content}`;
        else last.title = `${last.title} ${content}`;
        continue;
      }
    }
    if (startsGroup) {
      closeGroup();
      const slot = timeSlot(time);
      group = { items: [], start: slot?.start ?? null, end: slot?.end ?? null, row };
    }
    for (const part of splitRunTogether(stripBullet(content), presenter, row, warnings)) {
      const draft: Draft = {
        title: stripEnd(part.title),
        presenter: part.presenter,
        start: group && group.items.length === 0 ? group.start : null,
        durationMinutes: null,
        subItems: [],
        source: row,
        endTime: null,
      };
      items.push(draft);
      group?.items.push(draft);
    }
  }
  closeGroup();
  return items.filter((item) => item.title);
}

/** One row's content and presenter, split where two agenda paragraphs ran together (see ITEM_START). */
function splitRunTogether(content: string, presenter: string, row: Line, warnings: string[]): { title: string; presenter: string | null }[] {
  const titles = content.split(ITEM_START).filter(Boolean);
  if (titles.length < 2) return [{ title: content, presenter: presenter || null }];
  const presenters = presenter.split(PRESENTER_START).filter(Boolean);
  warnings.push(`Dòng ${row.n} có ${titles.length} nội dung viết liền nhau; đã tách thành ${titles.length} mục, hãy kiểm tra lại.`);
  if (presenters.length === titles.length) return titles.map((title, i) => ({ title, presenter: presenters[i]! }));
  return titles.map((title, i) => ({ title, presenter: i === 0 ? presenter || null : null }));
}

const PRESENTER_WORDS = /\b(dong chi|d\/c|ban to chuc|btc|giam doc|lanh dao|van phong|truong|chanh|pho|dai bieu|cac don vi|cac diem cau|phong|so gd|ubnd|chu tich|hieu truong|dai dien)\b/;

/** An item written in a paragraph: its title and presenter ("… (Ban Tổ chức)", "… – Đồng chí X", "do X trình bày"). */
function splitPresenter(value: string): { title: string; presenter: string | null } {
  const text = stripEnd(value);
  const paren = /^(.*\S)\s*\(([^()]+)\)$/u.exec(text);
  // "(Liên đội)", "(Tổng phụ trách Đội)", "(cô giáo Phan Thị Ngọc, Trường …)": who does it; "(danh sách tại Phụ lục)" is no one.
  const who = paren && !/\b(danh sach|phu luc|kem theo|neu co|du kien|tai lieu|theo)\b|\d/.test(foldVietnamese(paren[2]!)) && paren[2]!.split(' ').length <= 10;
  if (paren && (PRESENTER_WORDS.test(foldVietnamese(paren[2]!)) || (who && /^(\p{Lu}|cô |thầy |ông |bà )/u.test(paren[2]!)))) return { title: paren[1]!, presenter: stripEnd(paren[2]!) };
  const labelled = /^(.*?)[.;,]?\s*(?:Thực hiện|Trình bày|Người thực hiện|Người trình bày)\s*:\s*(.+)$/u.exec(text);
  if (labelled) return { title: labelled[1]!, presenter: stripEnd(labelled[2]!) };
  const by = /^(.*?),?\s+do\s+(.+?)\s+(?:trình bày|thực hiện|phát biểu|chủ trì|báo cáo)$/u.exec(text);
  if (by) return { title: by[1]!, presenter: by[2]! };
  const dash = /^(.*\S)\s+[–—-]\s+(.+)$/u.exec(text);
  if (dash && PRESENTER_WORDS.test(foldVietnamese(dash[2]!).split(' ').slice(0, 3).join(' '))) return { title: dash[1]!, presenter: dash[2]! };
  return { title: text, presenter: null };
}

/** The agenda written as paragraphs under "Chương trình (dự kiến):", with or without times. */
function agendaFromBody(parts: Parts, programme: Labelled | undefined): Draft[] {
  if (!programme || /phu luc|dinh kem|kem theo/.test(foldVietnamese(programme.value))) return [];
  // "Nội dung" heads an agenda only as a list of items that read like one (not "Nội dung: …" in a sentence, not a list of topics).
  const contents = /^noi dung\b/.test(programme.line.folded);
  if (contents && programme.value) return [];
  const items = agendaLines(parts, programme);
  if (contents && items.filter((d) => agendaKind(d.title) !== 'other').length < items.length * 0.6) return [];
  return items;
}

function agendaLines(parts: Parts, programme: Labelled): Draft[] {
  const { lines } = parts;
  const head = programme.line;
  const body: Line[] = [];
  for (let i = programme.at + 1; i < parts.bodyEnd; i++) {
    const line = lines[i]!;
    if (!line.text) continue;
    if (line.marker === 'roman' || line.cells) break;
    if (line.marker === 'number' && head.marker === 'number' && line.level <= head.level) break;
    if (line.marker === 'bullet' && head.marker === 'bullet' && line.mark === head.mark) break;
    body.push(line);
  }
  const slotOf = (line: Line) => {
    const slot = timeSlot(line.body);
    return slot && slot.index <= 4 ? slot : null;
  };
  // Lines marked like the timed ones are items even without a time; other marks are sub-points.
  const itemMark = body.find((l) => slotOf(l))?.mark;
  const timed = itemMark !== undefined;
  const items: Draft[] = [];
  for (const line of body) {
    const slot = slotOf(line);
    const last = items.at(-1);
    if (!slot) {
      if (/^(buoi )?(sang|chieu|toi)\b/.test(line.folded)) continue;
      const sub = line.mark === '+' || line.mark === '•' || line.marker === 'letter' || (timed && line.marker !== null && line.mark !== itemMark);
      if (last && sub) {
        last.subItems.push(stripEnd(line.body));
        continue;
      }
      if (last && line.marker === null) {
        last.title = `${last.title} ${line.body}`;
        continue;
      }
    }
    const rest = slot ? line.body.slice(slot.stop).replace(/^\s*[:\-–—.,)]?\s*/u, '') : line.body;
    const { title, presenter } = splitPresenter(rest);
    const duration = slot?.end ? Math.max(0, minutesOf(slot.end) - minutesOf(slot.start)) : null;
    items.push({ title: stripEnd(title), presenter, start: slot?.start ?? null, durationMinutes: duration, subItems: [], source: line, endTime: slot?.end ?? null });
  }
  return items.filter((item) => item.title);
}

/** A programme written as timed lines without a heading ("7h30 - 8h00: Đón tiếp đại biểu"): three or more in a row. */
function agendaFromTimedLines(parts: Parts): Draft[] {
  const { lines } = parts;
  for (let i = Math.max(0, parts.typeAt); i < parts.bodyEnd; i++) {
    const timed = (l: Line | undefined) => l !== undefined && !l.cells && (timeSlot(l.body)?.index ?? 99) === 0 && timeSlot(l.body)!.end !== null;
    if (!timed(lines[i]) || !timed(lines[i + 1]) || !timed(lines[i + 2])) continue;
    const head: Labelled = { kind: 'programme', at: i - 1, value: '', line: { ...lines[i]!, marker: null, mark: '' } };
    return agendaLines(parts, head);
  }
  return [];
}

// ---------------------------------------------------------------- contributions

function contributionsFromTable(table: Table): PlanContribution[] {
  const out: PlanContribution[] = [];
  const hasNumbers = table.columns.includes('no');
  const unitColumn: Column | null = table.columns.includes('unit') ? 'unit' : table.columns.includes('presenter') ? 'presenter' : null;
  for (const row of table.rows) {
    const no = cellOf(table, row, 'no');
    const topic = cellOf(table, row, 'topic');
    const unit = unitColumn ? cellOf(table, row, unitColumn) : '';
    const last = out.at(-1);
    if (last && (hasNumbers ? !no : !topic && unit)) {
      if (topic) last.topic = `${last.topic} ${topic}`;
      if (unit) last.unit = last.unit ? `${last.unit} ${unit}` : unit;
      continue;
    }
    if (!topic) continue;
    out.push({ topic, unit: unit || null, source: sourceOf(row) });
  }
  return out.map((c) => ({ ...c, topic: stripEnd(c.topic) }));
}

/** A list under a "tham luận" heading, one per numbered or bulleted line; a trailing "(Unit)" or " – Unit" names the unit. */
function contributionsFromBody(parts: Parts): PlanContribution[] {
  const { lines } = parts;
  const at = lines.findIndex((l) => !l.cells && /^(danh muc |cac |noi dung )?(bai )?tham luan\b/.test(l.folded) && l.body.length < 120 && !/^tham luan\s*:\s*\S/.test(l.folded));
  if (at < 0) return [];
  const head = lines[at]!;
  const out: PlanContribution[] = [];
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.text) continue;
    if (line.cells || line.marker === 'roman' || /^phu luc\b|^noi nhan\b/.test(line.folded)) break;
    if (line.marker === null || (head.marker === line.marker && head.marker !== null && line.level <= head.level)) break;
    const { title, presenter } = splitPresenter(line.body);
    out.push({ topic: stripEnd(title), unit: presenter, source: sourceOf(line) });
  }
  return out;
}

// ---------------------------------------------------------------- tasks

const UNIT_HEAD =
  /^(?:(?:Các|Những)\s+)?(?:Sở|Văn phòng|Phòng|Ban|UBND|Ủy ban|Trung tâm|Trường|Thanh tra|Công đoàn|Đơn vị|Bộ phận|Tổ|Hội đồng|Đoàn|Chi bộ|Liên đội|Cơ sở|Chánh|Trưởng|Giám đốc|Phó Giám đốc|Lãnh đạo|Hiệu trưởng|Đồng chí|Đ\/c|Thành viên|Nhà trường|Bộ)(?![\p{L}\d])/iu;
/**
 * What a unit is asked to do: the predicate that ends the unit's name ("Trường đăng cai | chuẩn bị …",
 * "Ban Chấp hành Công đoàn | phối hợp …"). A unit's name may hold lower-case words of any kind
 * (đăng cai, chuyên môn, chấp hành); the verb after it is lower-case and starts the task.
 */
const TASK_VERB =
  /^(chủ trì|phối hợp|chuẩn bị|tổ chức|xây dựng|gửi|nộp|báo cáo|tham mưu|thực hiện|triển khai|kiểm tra|đảm bảo|bảo đảm|bố trí|cử|có trách nhiệm|chịu trách nhiệm|hoàn thành|tổng hợp|theo dõi|đôn đốc|hướng dẫn|liên hệ|thông báo|mời|đăng ký|lập|rà soát|trang trí|đón tiếp|tiếp đón|in|phát hành|cung cấp|sắp xếp|phân công|tiếp nhận|lựa chọn|chọn|tham dự|dự|chỉ đạo|phụ trách|soạn|soạn thảo|biên tập|lắp đặt|vận hành|chủ động|khẩn trương|giúp|là|được|cập nhật|nhận|tuyên truyền|quán triệt|trình|ban hành|duyệt|kết nối|chạy thử|đề xuất|đề nghị|yêu cầu|giao|tập hợp|viết|nghiên cứu|phục vụ|đưa tin|bàn giao|niêm yết|công khai|thống nhất|cân đối|bổ sung|hỗ trợ|dẫn chương trình|điều hành|quản lý|tập trung|thành lập)(?![\p{L}\d])/u;
/** Lower-case words a unit's name may hold before its task starts. */
const UNIT_NAME_WORDS = 8;
const UNIT_CONNECTORS = new Set(['các', 'và', 'thuộc', 'trực', 'phòng', 'huyện', 'thành', 'phố', 'tỉnh', 'thị', 'xã', 'sở', 'ban', 'ngành', 'đơn', 'vị', 'trường', 'trung', 'tâm', 'dục', 'tạo', 'cấp', 'chức', 'năng', 'tổ', 'cán', 'bộ']);

const TRAILING_FUNCTION_WORDS = new Set(['các', 'và', 'thuộc', 'của']);

/** The office at the start of a sentence: "Sở GDĐT gửi …" → ["Sở GDĐT", "gửi …"]; null when it does not start with one. */
function leadingUnit(value: string): { unit: string; rest: string } | null {
  // "Tổ chức hội nghị …" is a task without its unit, not the unit "Tổ".
  if (!UNIT_HEAD.test(value) || TASK_VERB.test(value.toLocaleLowerCase('vi'))) return null;
  const words = value.split(' ');
  // The name runs to the task's verb (or a colon), within a few lower-case words of its own.
  let lower = 0;
  for (let k = 1; k < words.length && k <= 30; k++) {
    const before = words[k - 1]!;
    if (before.endsWith(':') || TASK_VERB.test(words.slice(k).join(' '))) {
      if (/[,;]$/.test(before) && !before.endsWith(':')) break;
      const unit = stripEnd(words.slice(0, k).join(' '));
      const rest = words.slice(k).join(' ').trim();
      return unit && rest ? { unit, rest } : null;
    }
    const word = words[k]!.replace(/[,;:]$/, '');
    if (!/^[\p{Lu}\d]/u.test(word) && !UNIT_CONNECTORS.has(word) && ++lower > UNIT_NAME_WORDS) break;
  }
  let k = 0;
  while (k < words.length) {
    const word = words[k]!.replace(/[,;:]$/, '');
    const upper = /^[\p{Lu}\d]/u.test(word) || word.includes('&');
    if (!upper && !UNIT_CONNECTORS.has(word)) break;
    k++;
    if (words[k - 1]!.endsWith(':')) break;
  }
  while (k > 1 && TRAILING_FUNCTION_WORDS.has(words[k - 1]!)) k--;
  const unit = stripEnd(words.slice(0, k).join(' '));
  const rest = words.slice(k).join(' ').trim();
  return unit && rest ? { unit, rest } : null;
}

const DEADLINE = /(chậm nhất|hạn chót|hoàn thành trước|không muộn hơn|trước)\s+(?:là\s+)?(?:ngày\s+)?(\d{1,2}\s*\/\s*\d{1,2}(?:\s*\/\s*\d{4})?|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})/iu;
/** A deadline counted from the meeting, as written: a count of days (or weeks) before or after it, in either order, or "trước khi …". */
const RELATIVE_DEADLINE = new RegExp(
  [
    '(?:chậm nhất|trong vòng|trong thời hạn|không quá)\\s+\\d+\\s+(?:ngày|tuần)(?:\\s+làm việc)?\\s+(?:trước|sau|kể từ)[^.;,()]*',
    '(?:trước|sau)\\s+(?:khi\\s+)?[^.;,()\\d]{0,60}?\\d+\\s+(?:ngày|tuần)(?:\\s+làm việc)?(?:\\s*\\([^)]*\\))?',
    '\\d+\\s+(?:ngày|tuần)(?:\\s+làm việc)?\\s+(?:trước|sau)\\s+(?:khi\\s+)?[^.;,()]+',
    '(?:trước|sau) khi [^.;,()]+',
    '(?:trước|sau)\\s+(?:hội nghị|hội thảo|cuộc họp|buổi)[^.;,()]*',
  ]
    .map((p) => `(${p})`)
    .join('|'),
  'iu',
);

/** The deadline of a task: a calendar date after "trước ngày", "chậm nhất", …, or a relative one as written. */
export function findDeadline(value: string, year: number | null): { deadline: string | null; text: string } | null {
  const m = DEADLINE.exec(value);
  if (m) {
    const date = findDates(m[2]!.startsWith('ngày') ? m[2]! : m[2]!.replace(/\s+/g, ''), year)[0]?.date ?? findDates(`ngày ${m[2]}`, year)[0]?.date ?? null;
    if (date) return { deadline: date, text: stripEnd(m[0]) };
  }
  const relative = RELATIVE_DEADLINE.exec(value);
  return relative ? { deadline: null, text: stripEnd(relative[0]) } : null;
}

type TaskScan = { tasks: PlanTask[]; lead: Found<string> };

function tasksOf(parts: Parts, year: number | null): TaskScan {
  const section = sections(parts).find((s) => /\b(to chuc thuc hien|phan cong nhiem vu|trach nhiem thuc hien)\b/.test(s.heading));
  const tasks: PlanTask[] = [];
  let lead: Found<string> = null;
  if (!section) return { tasks, lead };
  const push = (unit: string | null, text: string, line: Line) => {
    const task = capitalise(stripEnd(text));
    if (!task) return;
    const deadline = findDeadline(task, year);
    tasks.push({ unit: unit ? stripEnd(unit) : null, task, deadline: deadline?.deadline ?? null, deadlineText: deadline?.text ?? null, source: sourceOf(line) });
  };
  let unit: { name: string | null; open: boolean } | null = null;
  for (let i = section.start + 1; i < section.end; i++) {
    const line = parts.lines[i]!;
    if (!line.text || line.cells) continue;
    if (/^tren day\b/.test(line.folded)) break;
    if (/^\(.*\)\.?$/.test(line.body)) continue;
    if (line.marker === 'number') {
      const labelled = /^([^:]{2,150}):\s*(.*)$/u.exec(line.body);
      if (labelled && !/^(giao|de nghi|yeu cau)\b/.test(foldVietnamese(labelled[1]!))) {
        if (/^phu trach chung\b/.test(foldVietnamese(labelled[1]!))) {
          lead = { value: stripEnd(labelled[2]!), source: line };
          unit = null;
          continue;
        }
        unit = { name: labelled[1]!, open: !labelled[2] };
        if (labelled[2]) push(labelled[1]!, labelled[2], line);
        continue;
      }
      const asked = /^(?:giao|đề nghị|yêu cầu)\s+(.+)$/iu.exec(line.body);
      const named = asked ? leadingUnit(capitalise(asked[1]!)) : null;
      if (named) {
        unit = { name: named.unit, open: false };
        push(named.unit, named.rest, line);
        continue;
      }
      if (line.body.length <= 150 && !/[.]$/.test(line.body)) {
        unit = { name: line.body, open: true };
        continue;
      }
      const own = leadingUnit(line.body);
      unit = { name: own?.unit ?? null, open: false };
      push(own?.unit ?? null, own?.rest ?? line.body, line);
      continue;
    }
    if (line.marker === 'bullet' || line.marker === 'letter') {
      if (unit) push(unit.name, line.body, line);
      else {
        const own = leadingUnit(line.body);
        push(own?.unit ?? null, own?.rest ?? line.body, line);
      }
      continue;
    }
    if (unit?.open) {
      push(unit.name, line.body, line);
      unit.open = false;
      continue;
    }
    const own = leadingUnit(line.body);
    if (own) {
      unit = { name: own.unit, open: false };
      push(own.unit, own.rest, line);
    }
  }
  return { tasks, lead };
}

// ---------------------------------------------------------------- putting it together

// ---------------------------------------------------------------- invitations and sessions

type Invitation = { participants: string[]; title: string | null; date: string | null; start: string | null; venue: string | null; source: Line };

/**
 * An invitation's who-where-when: "… trân trọng kính mời: - A; - B" (bullets below), or in one
 * sentence "… kính mời A dự Hội nghị X, vào lúc 8 giờ 00 ngày 16/4/2025, tại Y."
 */
function findInvitation(parts: Parts, year: number | null): Invitation | null {
  for (let i = Math.max(0, parts.typeAt); i < parts.bodyEnd; i++) {
    const line = parts.lines[i]!;
    if (!line.text || line.cells) continue;
    const m = /kính mời\s*:?\s*(.*)$/iu.exec(line.body);
    if (!m) continue;
    const rest = m[1]!.trim();
    const found: Invitation = { participants: [], title: null, date: null, start: null, venue: null, source: line };
    if (!rest) {
      for (let j = i + 1; j < parts.bodyEnd; j++) {
        const next = parts.lines[j]!;
        if (!next.text) continue;
        if ((next.marker !== 'bullet' && next.marker !== 'number' && next.marker !== 'letter') || next.cells || labelOf(next, j)) break;
        found.participants.push(capitalise(stripEnd(next.body)));
      }
      return found.participants.length > 0 ? found : null;
    }
    const who = /^(.+?)\s+(?:đến\s+|tới\s+)?(?:tham\s+)?dự\s+(.*)$/u.exec(rest);
    if (!who) return null;
    found.participants = splitList(who[1]!).map(capitalise);
    const what = who[2]!;
    const title = /^(.+?)(?:,?\s+(?:vào lúc|vào hồi|vào|lúc|từ)\s|,?\s+tại\s|[.;]?\s*$)/u.exec(what)?.[1] ?? null;
    if (title && !/^(họp|cuộc họp|buổi làm việc)\.?$/iu.test(title)) found.title = capitalise(stripEnd(title));
    const dates = findDates(what, year);
    found.date = dates.length === 1 ? dates[0]!.date : null;
    found.start = timeSlot(what)?.start ?? null;
    found.venue = /,?\s+tại\s+(.+?)\.?(?:\/\.)?$/u.exec(what)?.[1]?.trim() ?? null;
    return found;
  }
  return null;
}

type PlanSession = PlanMeeting['sessions'][number];

const SESSION_LINE = /^(đợt|phiên|buổi|lần|cụm|ngày)\s+(?:thứ\s+)?(\d+|nhất|hai|ba|tư|năm|sáu|[IVX]{1,3})\b[^:]{0,40}:\s*(.+)$/iu;

/**
 * The sessions of a plan that holds several: a schedule table (date and place per row: "Lịch
 * làm việc", a rota of host schools) or lines "Đợt 1: ngày …, tại …". Two or more with a date each.
 */
function findSessions(parts: Parts, year: number | null): PlanSession[] {
  const { lines } = parts;
  const sessions: PlanSession[] = [];
  for (let i = Math.max(0, parts.typeAt); i < parts.bodyEnd; i++) {
    const line = lines[i]!;
    if (!line.cells) continue;
    const header = line.cells.map((c) => foldVietnamese(c).trim());
    const when = header.findIndex((c) => /^(thoi gian|ngay|ngay thang|ngay lam viec|thoi gian lam viec)\b/.test(c));
    const where = header.findIndex((c) => /^(dia diem|noi to chuc|truong dang cai|don vi dang cai|dang cai)\b/.test(c));
    const who = header.findIndex((c) => /^(dia phuong|don vi|cum|truong|huyen)\b/.test(c) && !/dang cai/.test(c));
    if (when < 0 || (where < 0 && who < 0) || header.some((c) => /^(noi dung|chuong trinh)\b/.test(c))) continue;
    for (let j = i + 1; j < parts.bodyEnd && lines[j]!.cells; j++) {
      const cells = lines[j]!.cells!;
      const date = findDates(cells[when] ?? '', year)[0]?.date ?? null;
      if (!date) continue;
      const venue = stripEnd(cells[where >= 0 ? where : who] ?? '') || null;
      sessions.push({ label: stripEnd(cells[who >= 0 ? who : where] ?? '') || `Buổi ${sessions.length + 1}`, date, startTime: timeSlot(cells[when] ?? '')?.start ?? null, venue, source: sourceOf(lines[j]!) });
    }
    if (sessions.length >= 2) return sessions;
    sessions.length = 0;
  }
  for (let i = Math.max(0, parts.typeAt); i < parts.bodyEnd; i++) {
    const line = lines[i]!;
    const m = line.cells ? null : SESSION_LINE.exec(line.body);
    if (!m) continue;
    const date = findDates(m[3]!, year)[0]?.date ?? null;
    if (!date) continue;
    const venue = /\btại\s+([^;]+)/u.exec(m[3]!)?.[1];
    sessions.push({ label: capitalise(`${m[1]!} ${m[2]!}`), date, startTime: timeSlot(m[3]!)?.start ?? null, venue: venue ? stripEnd(venue) : null, source: sourceOf(line) });
  }
  return sessions.length >= 2 ? sessions : [];
}

/** Document types that never organise a meeting: they report, decide or answer. */
const NOT_ORGANISING: [RegExp, string][] = [
  [/^bao cao\b/, 'đây là một báo cáo'],
  [/^quyet dinh\b/, 'đây là một quyết định'],
  [/^to trinh\b/, 'đây là một tờ trình'],
];

function meetingVerdict(
  parts: Parts,
  labels: Map<LabelKind, Labelled>,
  time: TimeField | null,
  agenda: Draft[],
  invitation: Invitation | null,
  sessions: PlanSession[],
  contributions: number,
  formatMention: boolean,
): { meeting: boolean; reason: string } {
  const type = parts.typeAt >= 0 ? parts.lines[parts.typeAt]!.folded : '';
  const kind = NOT_ORGANISING.find(([pattern]) => pattern.test(type));
  if (kind) return { meeting: false, reason: `${kind[1]}, không phải kế hoạch, giấy mời hay thông báo tổ chức` };
  const title = parts.typeAt >= 0 ? (parts.lines[parts.typeAt + 1]?.folded ?? '') : '';
  if (/^thong bao\b/.test(type) && /^(ket luan|y kien ket luan)\b/.test(title)) return { meeting: false, reason: 'đây là thông báo kết luận của một cuộc họp đã diễn ra' };
  const evidence = [
    time !== null && (time.date !== null || time.start !== null || time.window !== null),
    labels.has('venue') || labels.has('host'),
    labels.has('format'),
    labels.has('participants'),
    labels.has('chair'),
    agenda.length > 0,
    contributions > 0,
    formatMention,
    sessions.length > 1,
  ].filter(Boolean).length +
    // An invitation's who, when and where count as the parts they are.
    (invitation ? [invitation.date !== null || invitation.start !== null, invitation.venue !== null && !labels.has('venue'), invitation.participants.length > 0 && !labels.has('participants')].filter(Boolean).length : 0);
  if (evidence >= 2) return { meeting: true, reason: '' };
  return {
    meeting: false,
    reason: evidence === 0 ? 'không có thời gian, địa điểm, thành phần hay chương trình của một buổi họp' : 'chỉ có một trong các phần thời gian, địa điểm, thành phần, chủ trì, chương trình của một buổi họp',
  };
}

const EMPTY: PlanImport = { meeting: null, agenda: [], contributions: [], tasks: [], warnings: [] };

/**
 * Reads a plan's text into meeting, agenda, contributions and tasks. `warnings` says what is
 * missing or doubtful; a document that is not about a meeting gives `meeting: null` and empty
 * lists, with a warning saying so.
 */
export function parsePlanText(text: string): PlanImport {
  const lines = planLines(text);
  if (lines.every((l) => !l.text)) return { ...EMPTY, warnings: ['Văn bản trống: hãy dán nội dung kế hoạch hoặc chọn tệp khác.'] };
  const parts = documentParts(lines);
  const warnings: string[] = [];
  const sources: PlanMeeting['sources'] = {};
  const note = (field: PlanMeetingField, line: Line) => {
    sources[field] = sourceOf(line);
  };

  const title = findTitle(parts);
  const issued = findIssued(parts);
  const year = issued?.year ?? null;
  const taskScan = tasksOf(parts, year);
  const taskSection = sections(parts).find((s) => /\b(to chuc thuc hien|phan cong nhiem vu)\b/.test(s.heading));
  const inTasks = (i: number) => taskSection !== undefined && i > taskSection.start && i < taskSection.end;
  const labels = findLabels(parts, inTasks);

  const time = labels.get('time');
  const timeField = time ? readTime(time, lines, time.at < parts.bodyEnd ? parts.bodyEnd : lines.length, year, warnings) : null;
  const agendaTables = findTables(lines).filter((t) => t.columns.includes('content'));
  let drafts = agendaTables.flatMap((t) => agendaFromTable(t, warnings));
  if (drafts.length === 0) drafts = agendaFromBody(parts, labels.get('programme'));
  if (drafts.length === 0) drafts = agendaFromTimedLines(parts);
  const invitation = findInvitation(parts, year);
  const sessionsFound = findSessions(parts, year);

  // The verdict weighs what the document says about an event: its time, place, format, who
  // attends, who chairs, an agenda, an invitation's who-where-when, several sessions. One such
  // part alone (a programme of cooperation has a table of activities) is not a meeting; a
  // report or a decision is not an organising document, whatever it recounts.
  const tables = findTables(lines);
  const topicTables = tables.filter((t) => t.columns.includes('topic') && !t.columns.includes('content'));
  let contributions = topicTables.flatMap(contributionsFromTable);
  if (contributions.length === 0) contributions = contributionsFromBody(parts);
  const formatMention = lines.slice(Math.max(0, parts.typeAt), parts.bodyEnd).some((l) => /\b(hoi nghi|cuoc hop|to chuc|hinh thuc)\b/.test(l.folded) && classifyFormat(l.body) !== null);
  const verdict = meetingVerdict(parts, labels, timeField, drafts, invitation, sessionsFound, contributions.length, formatMention);
  if (!verdict.meeting) {
    const what = title ? `"${title.title}"` : 'Văn bản này';
    return {
      ...EMPTY,
      warnings: [`${what} không phải kế hoạch tổ chức một hội nghị hay cuộc họp: ${verdict.reason}. Không có gì được tạo từ văn bản này; hãy chọn kế hoạch, giấy mời hoặc thông báo tổ chức hội nghị.`],
    };
  }

  const titleText = title?.title ?? invitation?.title ?? null;
  if (title) note('title', title.source);
  else if (invitation?.title) note('title', invitation.source);
  else warnings.push('Không tìm thấy tên hội nghị (dòng sau chữ "KẾ HOẠCH"): hãy nhập tên.');

  const number = findDocumentNumber(parts);
  if (number) {
    note('documentNumber', number.source);
    if (number.value.startsWith('…')) warnings.push(`Số văn bản để trống (${number.value}, dòng ${number.source.n}): bản dự thảo chưa cấp số.`);
  }
  if (issued) {
    if (issued.date) note('issuedOn', issued.source);
    else warnings.push(`Ngày ban hành chưa điền đủ ("${issued.text}", dòng ${issued.source.n}).`);
  }
  const organiser = findOrganiser(parts, issued?.place ?? null);
  if (organiser) note('organiser', organiser.source);

  // Date and start: the "Thời gian" line, or the invitation's sentence; the agenda's first time when that line has none.
  let date = timeField?.date ?? (timeField ? null : (invitation?.date ?? null));
  let start = timeField?.start ?? (timeField ? null : (invitation?.start ?? null));
  if (timeField && (date || start)) note('startsAt', timeField.source);
  else if (invitation && (date || start)) note('startsAt', invitation.source);
  if (sessionsFound.length > 1) {
    // Several sessions: each its own meeting, with its own day and place; the plan's date is none of them.
    date = null;
    const times = new Set(sessionsFound.map((x) => x.startTime));
    const each = lines.find((l) => /^moi (dot|buoi|phien|cum)\b/.test(l.folded) && timeSlot(l.body));
    start = times.size === 1 && sessionsFound[0]!.startTime ? sessionsFound[0]!.startTime : each ? timeSlot(each.body)!.start : start;
    if (each && start) note('startsAt', each);
    warnings.push(`Kế hoạch gồm ${sessionsFound.length} buổi (${sessionsFound.map((x) => x.label).join('; ')}), mỗi buổi có ngày, địa điểm riêng: hãy chọn buổi cần tạo hội nghị.`);
  }
  const firstTimed = drafts.find((d) => d.start);
  if (!start && firstTimed && (date || !timeField)) {
    start = firstTimed.start;
    note('startsAt', firstTimed.source);
  }
  if (!date && !timeField && sessionsFound.length < 2 && !invitation?.date) {
    // A date written in the agenda's annex ("Dự kiến: từ … ngày 24/11/2023") was read above as a label; nothing else is trusted.
    warnings.push('Không tìm thấy ngày tổ chức: hãy chọn ngày.');
  }
  if (!start) warnings.push('Không tìm thấy giờ bắt đầu: hãy nhập giờ.');

  const lastDraft = drafts.at(-1);
  let end: { time: string; source: Line } | null = timeField?.end ? { time: timeField.end, source: timeField.source } : null;
  if (!end && lastDraft) {
    const lastEnd = lastDraft.endTime ?? (lastDraft.start && lastDraft.durationMinutes !== null ? addMinutes(lastDraft.start, lastDraft.durationMinutes) : null);
    if (lastEnd) end = { time: lastEnd, source: lastDraft.source };
  }
  if (end && date) note('endsAt', end.source);

  const formatLabel = labels.get('format');
  let format = formatLabel ? classifyFormat(formatLabel.value || childrenOf(lines, formatLabel.at, parts.bodyEnd).map((l) => l.body).join(' ')) : null;
  if (format && formatLabel) note('format', formatLabel.line);
  if (!format) {
    const mention = lines.slice(Math.max(0, parts.typeAt), parts.bodyEnd).find((l) => /\b(hoi nghi|cuoc hop|to chuc|hinh thuc)\b/.test(l.folded) && classifyFormat(l.body));
    if (mention) {
      format = classifyFormat(mention.body);
      note('format', mention);
    } else warnings.push('Không tìm thấy hình thức tổ chức (trực tiếp, trực tuyến hay kết hợp): hãy chọn.');
  }

  let venue: string | null = null;
  let undecidedVenue = false;
  const venueLabel = labels.get('venue');
  const sites: string[] = [];
  if (venueLabel) {
    const children = venueLabel.value ? childrenOf(lines, venueLabel.at, parts.bodyEnd).filter((c) => /^\(.*\)\.?$/.test(c.body)) : childrenOf(lines, venueLabel.at, parts.bodyEnd);
    const value = [venueLabel.value, ...children.map((c) => c.body)]
      .map(stripEnd)
      .filter(Boolean)
      .join(' ')
      .replace(/^(không thay đổi|giữ nguyên|như cũ|như đã thông báo)\s*[,:;(-]?\s*/iu, '');
    const named = sitesIn(value);
    if (named.host) sites.push(named.host);
    sites.push(...named.others);
    if (/^do .* (bo tri|thong bao|sap xep)\b/.test(foldVietnamese(value))) {
      undecidedVenue = true;
      warnings.push(`Địa điểm chưa xác định ("${stripEnd(value)}", dòng ${venueLabel.line.n}): hãy nhập địa điểm.`);
    } else if (value) {
      venue = stripEnd(named.host ?? value);
      note('venue', venueLabel.line);
    }
  }
  const hostLabel = labels.get('host');
  if (hostLabel?.value) {
    sites.unshift(stripEnd(hostLabel.value));
    note('sites', hostLabel.line);
    if (!venue) {
      venue = stripEnd(hostLabel.value);
      note('venue', hostLabel.line);
    }
  }
  // "Hình thức: trực tuyến …; điểm cầu trung tâm tại X": the host named with the format.
  const formatHost = formatLabel ? sitesIn(formatLabel.value).host : null;
  if (formatHost && !venue) {
    venue = formatHost;
    sites.unshift(formatHost);
    note('venue', formatLabel!.line);
    note('sites', formatLabel!.line);
  }
  if (!venue && !venueLabel && invitation?.venue) {
    venue = stripEnd(invitation.venue);
    note('venue', invitation.source);
  }
  // A list of sites as a table ("TT | Điểm cầu | Đầu mối").
  for (const line of lines.slice(Math.max(0, parts.typeAt), parts.bodyEnd)) {
    if (!line.cells) continue;
    const column = line.cells.findIndex((c) => /^(diem cau|ten diem cau)$/.test(foldVietnamese(c).trim()));
    if (column < 0) continue;
    const at = lines.indexOf(line);
    for (let j = at + 1; j < parts.bodyEnd && lines[j]!.cells; j++) {
      const site = stripEnd(lines[j]!.cells![column] ?? '');
      if (site) sites.push(site);
    }
    if (!sources.sites) note('sites', line);
  }
  const sitesLabel = labels.get('sites');
  if (sitesLabel) {
    sites.push(...splitList(sitesLabel.value), ...childrenOf(lines, sitesLabel.at, parts.bodyEnd).map((c) => stripEnd(c.body)));
    note('sites', sitesLabel.line);
  }
  if (sites.length > 0 && !sources.sites && venueLabel) note('sites', venueLabel.line);
  if (!venue && !undecidedVenue) warnings.push('Không tìm thấy địa điểm: hãy nhập địa điểm.');

  let chair: string | null = null;
  const chairLabel = labels.get('chair');
  if (chairLabel?.value) {
    chair = stripEnd(chairLabel.value);
    note('chair', chairLabel.line);
  } else if (taskScan.lead) {
    chair = taskScan.lead.value;
    note('chair', taskScan.lead.source);
    warnings.push(`Chủ trì: kế hoạch không ghi; đã lấy người phụ trách chung (dòng ${taskScan.lead.source.n}), hãy kiểm tra lại.`);
  }

  const participantsLabel = labels.get('participants');
  const participants = participantsLabel ? readParticipants(participantsLabel, lines, parts.bodyEnd) : [];
  if (participantsLabel && participants.length > 0) note('participants', participantsLabel.line);
  else if (invitation && invitation.participants.length > 0) {
    participants.push(...invitation.participants);
    note('participants', invitation.source);
  }

  const agenda: PlanAgendaItem[] = drafts.map((d) => ({
    title: d.title,
    presenter: d.presenter ? stripEnd(d.presenter) : null,
    startsAt: d.start && date ? isoAt(date, d.start) : null,
    startTime: d.start,
    durationMinutes: d.durationMinutes,
    subItems: d.subItems.map(stripEnd).filter(Boolean),
    kind: agendaKind(d.title),
    source: sourceOf(d.source),
  }));
  if (agenda.length === 0) warnings.push('Không tìm thấy chương trình hội nghị (bảng TT / Thời gian / Nội dung / Thực hiện hoặc mục "Chương trình"): hãy nhập các nội dung.');
  else if (agenda.every((a) => a.startTime === null)) warnings.push('Chương trình không ghi giờ cho từng nội dung: hãy nhập thời lượng nếu cần.');

  const meeting: PlanMeeting = {
    title: titleText,
    organiser: organiser?.value ?? null,
    documentNumber: number?.value ?? null,
    issuedOn: issued?.date ?? null,
    date,
    startTime: start,
    startsAt: date && start ? isoAt(date, start) : null,
    endsAt: date && end ? isoAt(date, end.time) : null,
    format,
    venue,
    sites: [...new Set(sites)],
    chair,
    participants,
    window: timeField?.window ?? null,
    tentative: timeField?.tentative ?? false,
    sessions: sessionsFound,
    sources,
  };
  return { meeting, agenda, contributions, tasks: taskScan.tasks, warnings };
}

function addMinutes(time: string, minutes: number): string {
  const total = (minutesOf(time) + minutes) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

// ---------------------------------------------------------------- from a (corrected) plan to a new meeting

const MINUTE = 60_000;
const clip = (value: string | null | undefined, max: number) => (value ?? '').trim().slice(0, max);

/**
 * The agenda item that takes the plan's tham luận: the first discussion or contribution item
 * ("Thảo luận", "Tham luận"), else none (the organiser picks one in the preview).
 */
export function contributionsItemOf(agenda: readonly Pick<PlanAgendaItem, 'kind' | 'title'>[]): number | null {
  const index = agenda.findIndex((item) => item.kind === 'discussion' || item.kind === 'contribution' || /\btham luan\b/.test(foldVietnamese(item.title)));
  return index < 0 ? null : index;
}

/**
 * The body of POST /api/meetings for a plan the organiser has corrected: details, agenda (times
 * as planned starts, durations in ms), the tham luận under `contributionsItem` (dropped when
 * null), and the tasks. Values are clipped to the schema's lengths; validation is the schema's.
 */
export function createMeetingFromPlan(plan: {
  details: { title: string; documentRef: string; organiser: string; date: string; startTime: string; format: MeetingFormat; venue: string; chair: string; participants?: string[]; dateTentative?: boolean };
  agenda: Pick<PlanAgendaItem, 'title' | 'presenter' | 'startTime' | 'durationMinutes' | 'subItems' | 'kind'>[];
  contributions: Pick<PlanContribution, 'topic' | 'unit'>[];
  contributionsItem: number | null;
  tasks: Pick<PlanTask, 'unit' | 'task' | 'deadline' | 'deadlineText'>[];
}) {
  const { details } = plan;
  return {
    details: {
      title: clip(details.title, 300),
      documentRef: clip(details.documentRef, 120),
      organiser: clip(details.organiser, 200),
      date: details.date,
      startTime: details.startTime,
      format: details.format,
      venue: clip(details.venue, 300),
      chair: clip(details.chair, 200),
      participants: (details.participants ?? []).map((p) => clip(p, 500)).filter(Boolean).slice(0, 50),
      dateTentative: details.dateTentative === true,
    },
    agenda: plan.agenda.map((item) => ({
      title: clip(item.title, 300),
      presenter: clip(item.presenter, 200),
      kind: item.kind,
      plannedStart: item.startTime,
      plannedDurationMs: item.durationMinutes === null ? null : Math.min(item.durationMinutes, 24 * 60) * MINUTE,
      subPoints: item.subItems.map((s) => clip(s, 300)).filter(Boolean).slice(0, 30),
    })),
    contributions:
      plan.contributionsItem === null ? [] : plan.contributions.map((c) => ({ topic: clip(c.topic, 1000), unit: clip(c.unit, 200), itemIndex: plan.contributionsItem! })),
    tasks: plan.tasks.map((t) => ({
      unit: clip(t.unit, 300),
      task: clip(t.task, 2000),
      deadline: t.deadline,
      deadlineText: clip(t.deadlineText, 300),
      // The rule is kept; its date is derived from the meeting's date, so it moves with it.
      relative: t.deadline || !t.deadlineText ? null : relativeDeadlineOf(t.deadlineText),
    })),
  };
}
