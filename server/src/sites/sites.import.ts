import {
  foldVietnamese,
  type ImportPreview,
  type ImportRow,
  MAX_HEADCOUNT,
  MAX_SITES,
  SITE_COLUMNS,
  SiteInput,
} from '@diemcau/shared';
import ExcelJS from 'exceljs';
import { FileLimitError, SHEET_LIMITS } from '../sandbox/limits';
import { readXlsx, type SheetCell } from '../sandbox/xlsx';
import { addTitledSheet, sanitizeText } from './sites.export';

/**
 * Reading organisers' site lists (.xlsx, .csv, rows pasted from Excel) into a preview.
 * Nothing is saved here: the preview lists, row by row, the parsed site or what to fix.
 */

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** An import preview plus warnings about the file as a whole (unknown columns, skipped total rows). */
export type SitesImportPreview = ImportPreview & { fileWarnings: string[] };

type SiteKey = (typeof SITE_COLUMNS)[number]['key'];
/** A cell as read from any source: text, a number Excel stored, a formula error, or a mailto link. */
type Cell = SheetCell;
type GridRow = { line: number; cells: Cell[] };
type Column = { index: number; key: SiteKey; label: string };
type Layout = { headerLine: number | null; columns: Column[]; warnings: string[] };

const COLUMN_LIST = SITE_COLUMNS.map((c) => c.header).join(', ');
const NAME_HEADER = SITE_COLUMNS[0].header;
const SAVE_AS_HINT = 'Hãy lưu lại tệp dưới dạng .xlsx hoặc .csv (UTF-8) rồi tải lên lại.';
const HEADER_SCAN_ROWS = 30;

/** Folded header texts people use for each column; `ignore` columns are recognised but not imported. */
const HEADER_SYNONYMS: Record<SiteKey | 'ignore', string[]> = {
  name: [
    'ten diem cau', 'diem cau', 'ten don vi', 'don vi', 'ten', 'ten truong', 'ten co so', 'co so',
    'ten phong', 'don vi tham du', 'diem cau tham du', 'ten diem', 'noi tham du',
  ],
  group: ['nhom', 'loai', 'khoi', 'cap hoc', 'loai hinh', 'nhom don vi', 'phan loai', 'loai don vi', 'nhom diem cau'],
  contactName: [
    'nguoi lien he', 'dau moi', 'ho ten', 'ho va ten', 'ten nguoi lien he', 'ho ten nguoi lien he', 'can bo dau moi',
    'nguoi dau moi', 'ten nguoi dau moi', 'nguoi phu trach', 'phu trach', 'lien he', 'ky thuat vien', 'can bo ky thuat',
  ],
  phone: ['so dien thoai', 'sdt', 'dien thoai', 'di dong', 'dt', 'so dt', 'dtdd', 'so di dong', 'phone', 'mobile', 'tel', 'zalo'],
  email: ['email', 'e mail', 'mail', 'thu dien tu', 'dia chi email', 'gmail', 'hop thu'],
  expectedHeadcount: [
    'so nguoi du kien', 'so nguoi', 'so luong', 'sl', 'so nguoi tham du', 'so dai bieu', 'so luong nguoi',
    'tong so nguoi', 'so luong dai bieu', 'so luong tham du', 'du kien', 'so luong du kien', 'so nguoi tham gia',
  ],
  ignore: ['stt', 'tt', 'so tt', 'so thu tu', 'ghi chu'],
};
const EXACT_HEADERS = new Map<string, SiteKey | 'ignore'>(
  Object.entries(HEADER_SYNONYMS).flatMap(([key, names]) => names.map((n) => [n, key as SiteKey | 'ignore'] as const)),
);
/** Synonyms that may be followed by a few more words ("Số điện thoại liên hệ"); longest first. */
const PREFIX_HEADERS = [...EXACT_HEADERS]
  .filter(([n]) => n.includes(' ') || n === 'email' || n === 'sdt')
  .sort(([a], [b]) => b.length - a.length);

/** Names of the summary rows at the bottom of real sheets, which are not sites. */
const TOTAL_ROW_NAMES = new Set(['tong', 'tong cong', 'tong so', 'cong', 'tong so diem cau']);

function normaliseHeader(text: string): string {
  return foldVietnamese(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The column a header names, `ignore` for STT-like columns, or null when unknown. */
function columnOf(header: string): SiteKey | 'ignore' | null {
  const folded = normaliseHeader(header);
  if (!folded) return null;
  const exact = EXACT_HEADERS.get(folded);
  if (exact) return exact;
  for (const [synonym, key] of PREFIX_HEADERS) {
    if (folded.startsWith(`${synonym} `) && folded.slice(synonym.length).trim().split(' ').length <= 3) return key;
  }
  return null;
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return sanitizeText(cell).normalize('NFC').replace(/\s+/g, ' ').trim();
  if ('error' in cell) return cell.error;
  return cellText(cell.text);
}

const isBlank = (cell: Cell | undefined) => cell === undefined || cellText(cell) === '';

/** Where the header row is and which column holds what; null when no row names the site column. */
function findLayout(rows: GridRow[]): Layout | null {
  let best: Layout | null = null;
  for (const row of rows.slice(0, HEADER_SCAN_ROWS)) {
    const columns: Column[] = [];
    const warnings: string[] = [];
    row.cells.forEach((cell, index) => {
      const label = cellText(cell);
      const key = columnOf(label);
      if (key === 'ignore') return;
      if (key === null) {
        if (label) warnings.push(`Cột "${label}" không khớp với cột nào của mẫu nên được bỏ qua. Các cột được nhận: ${COLUMN_LIST}.`);
        return;
      }
      const earlier = columns.find((c) => c.key === key);
      if (earlier) warnings.push(`Cột "${label}" trùng ý nghĩa với cột "${earlier.label}"; chỉ lấy dữ liệu ở cột "${earlier.label}".`);
      else columns.push({ index, key, label });
    });
    if (columns.some((c) => c.key === 'name') && (!best || columns.length > best.columns.length)) {
      best = { headerLine: row.line, columns, warnings };
    }
  }
  return best;
}

/** Pasted rows without a header follow the template's column order. */
const TEMPLATE_LAYOUT: Layout = {
  headerLine: null,
  columns: SITE_COLUMNS.map((c, index) => ({ index, key: c.key, label: c.header })),
  warnings: [],
};

type Converted = { value: unknown; warning?: string } | { error: string };

function convertCell(key: SiteKey, cell: Cell): Converted {
  if (cell !== null && typeof cell === 'object' && 'error' in cell) {
    return { error: `ô có lỗi công thức (${cell.error}); hãy sửa công thức hoặc nhập giá trị trực tiếp` };
  }
  if (key === 'expectedHeadcount') return convertHeadcount(cell);
  if (key === 'phone') {
    const phone = restoreLeadingZero(cell);
    return phone === cellText(cell) ? { value: phone } : { value: phone, warning: `đã thêm số 0 ở đầu (${phone}) vì Excel bỏ mất; hãy kiểm tra lại` };
  }
  if (key === 'email' && cell !== null && typeof cell === 'object' && cell.mailto) return { value: cell.mailto };
  const text = cellText(cell);
  return { value: key === 'email' ? text.replace(/^mailto:/i, '') : text };
}

/** Excel drops the leading 0 of a phone number typed into a number cell: 912345678 → "0912345678". */
function restoreLeadingZero(cell: Cell): string {
  const text = typeof cell === 'number' && Number.isInteger(cell) ? cell.toFixed(0) : cellText(cell);
  return /^\d{9}$/.test(text) ? `0${text}` : text;
}

/** "25", "25 người", "1.200" → number; empty → null; anything else → an error saying what to write. */
function convertHeadcount(cell: Cell): Converted {
  if (typeof cell === 'number') return { value: cell };
  const text = cellText(cell);
  if (!text) return { value: null };
  const match = /^([+-]?\d[\d.,\s]*?)\s*(\p{L}[\p{L}\s]*)?$/u.exec(text);
  const digits = match?.[1]?.replace(/\s/g, '') ?? '';
  const value = /^[+-]?\d{1,3}([.,]\d{3})+$/.test(digits) ? Number(digits.replace(/[.,]/g, '')) : Number(digits.replace(',', '.'));
  if (!match || Number.isNaN(value)) return { error: `"${text}" không phải là số; hãy ghi một số nguyên, ví dụ 25` };
  return { value };
}

/** Validates data rows against `SiteInput`; errors name the row and the column as the person sees them. */
function buildPreview(rows: GridRow[], layout: Layout): SitesImportPreview {
  const fileWarnings = [...layout.warnings];
  const dataRows = rows.filter(
    (r) => (layout.headerLine === null || r.line > layout.headerLine) && layout.columns.some((c) => !isBlank(r.cells[c.index])),
  );
  if (dataRows.length === 0) {
    return fail(`Không có điểm cầu nào ${layout.headerLine === null ? 'trong dữ liệu' : `dưới dòng tiêu đề (dòng ${layout.headerLine})`}. Hãy nhập mỗi điểm cầu một dòng.`);
  }
  if (dataRows.length > MAX_SITES) {
    return fail(
      `Có ${dataRows.length.toLocaleString('vi-VN')} dòng dữ liệu, vượt quá giới hạn ${MAX_SITES.toLocaleString('vi-VN')} điểm cầu cho một hội nghị. Hãy bớt các dòng không cần thiết rồi tải lên lại.`,
    );
  }
  const labelOf = new Map(layout.columns.map((c) => [c.key, c.label]));
  const seenNames = new Map<string, { line: number; name: string }>();
  const out: ImportRow[] = [];
  for (const row of dataRows) {
    const candidate: Record<string, unknown> = {};
    const errors: string[] = [];
    const warnings: string[] = [];
    const where = (key: SiteKey) => `Dòng ${row.line}, cột ${labelOf.get(key) ?? key}`;
    const columnError = (key: SiteKey, message: string) => errors.push(`${where(key)}: ${message}`);
    for (const column of layout.columns) {
      const converted = convertCell(column.key, row.cells[column.index] ?? null);
      if ('error' in converted) columnError(column.key, converted.error);
      else candidate[column.key] = converted.value;
      if ('warning' in converted) warnings.push(`${where(column.key)}: ${converted.warning}`);
    }
    const name = typeof candidate.name === 'string' ? candidate.name : '';
    if (TOTAL_ROW_NAMES.has(normaliseHeader(name))) {
      fileWarnings.push(`Dòng ${row.line} ("${name}") là dòng tổng cộng, không phải điểm cầu, nên được bỏ qua.`);
      continue;
    }
    const parsed = SiteInput.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as SiteKey;
        if (!(key in candidate) && layout.columns.some((c) => c.key === key)) continue; // already reported by convertCell
        columnError(key, issue.message);
      }
    }
    const nameKey = foldVietnamese(name);
    const earlier = seenNames.get(nameKey);
    if (nameKey && earlier) {
      columnError('name', `trùng tên với dòng ${earlier.line} ("${earlier.name}"); mỗi điểm cầu cần một tên riêng, hãy xoá dòng lặp hoặc ghi rõ tên`);
    } else if (nameKey) seenNames.set(nameKey, { line: row.line, name });
    out.push({ line: row.line, site: errors.length === 0 && parsed.success ? parsed.data : null, errors, warnings });
  }
  const valid = out.filter((r) => r.site !== null).length;
  return { rows: out, valid, invalid: out.length - valid, fileErrors: [], fileWarnings };
}

function fail(message: string): SitesImportPreview {
  return { rows: [], valid: 0, invalid: 0, fileErrors: [message], fileWarnings: [] };
}

const noNameColumn = (where: string) =>
  fail(
    `Không tìm thấy cột '${NAME_HEADER}' ${where}. Hãy đặt một dòng tiêu đề với các cột: ${COLUMN_LIST} (chỉ cột '${NAME_HEADER}' là bắt buộc), hoặc tải tệp mẫu về và dán dữ liệu vào.`,
  );

/** Previews the first sheet that has a site-name column. */
function previewSheets(sheets: GridRow[][], where: string): SitesImportPreview {
  for (const rows of sheets) {
    const layout = findLayout(rows);
    if (layout) return buildPreview(rows, layout);
  }
  if (sheets.every((rows) => rows.every((r) => r.cells.every(isBlank)))) return fail(`Tệp không có dữ liệu. ${SAVE_AS_HINT}`);
  return noNameColumn(where);
}

// ---------------------------------------------------------------- delimited text

/** RFC 4180 fields: quoted fields may hold the delimiter, newlines and doubled quotes; unquoted quotes are literal. */
export function parseDelimited(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      let j = i + 1;
      for (;;) {
        const close = text.indexOf('"', j);
        if (close === -1) {
          field += text.slice(j);
          j = text.length;
          break;
        }
        field += text.slice(j, close);
        if (text[close + 1] === '"') {
          field += '"';
          j = close + 2;
        } else {
          j = close + 1;
          break;
        }
      }
      i = j;
    } else if (ch === delimiter) {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endField();
      records.push(record);
      record = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || record.length > 0) {
    endField();
    records.push(record);
  }
  return records;
}

const DELIMITERS = ['\t', ';', ','] as const;

/** The delimiter that splits the most records into the same number (>1) of fields; ties favour tab, then `;`. */
export function detectDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = parseDelimited(sample, delimiter)
      .map((r) => r.length)
      .filter((n) => n > 1);
    const frequency = new Map<number, number>();
    for (const n of counts) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    const score = Math.max(0, ...frequency.values());
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/** Rows of delimited text; an Excel `sep=;` first line picks the delimiter and, as in Excel, is not a row. */
function delimitedRows(text: string, delimiter?: string): GridRow[] {
  const sep = /^sep=(.)\r?\n/.exec(text);
  const body = sep ? text.slice(sep[0].length) : text;
  return parseDelimited(body, sep?.[1] ?? delimiter ?? detectDelimiter(body)).map((cells, i) => ({ line: i + 1, cells }));
}

/** Text of a .csv/.txt: UTF-8 (BOM optional) or UTF-16 with BOM; null when it is not valid text in those. */
function decodeText(bytes: Uint8Array): string | null {
  const [b0, b1, b2] = bytes;
  try {
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (b0 === 0xfe && b1 === 0xff) {
      const swapped = new Uint8Array(bytes.length - 2);
      for (let i = 2; i + 1 < bytes.length; i += 2) {
        swapped[i - 2] = bytes[i + 1]!;
        swapped[i - 1] = bytes[i]!;
      }
      return new TextDecoder('utf-16le', { fatal: true }).decode(swapped);
    }
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.includes('\u0000') ? null : text;
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
}

// ---------------------------------------------------------------- xlsx

/** The sheets' rows, a message when a limit is broken, or null for a file that is no workbook. */
function readWorkbook(bytes: Uint8Array): GridRow[][] | { limit: string } | null {
  try {
    return readXlsx(bytes, SHEET_LIMITS).map((sheet) => sheet.rows);
  } catch (error) {
    if (error instanceof FileLimitError) return { limit: error.message };
    return null; // a corrupt or non-Excel zip: the caller tells the person what to do
  }
}

// ---------------------------------------------------------------- entry points

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** What a file is by its first bytes, whatever its name says. */
function sniff(bytes: Uint8Array): 'zip' | 'ole' | 'pdf' | 'image' | 'other' {
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return 'zip';
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) return 'ole';
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) || startsWith(bytes, 0xff, 0xd8, 0xff) || startsWith(bytes, 0x47, 0x49, 0x46, 0x38)) {
    return 'image';
  }
  return 'other';
}

const TEXT_EXTENSIONS = new Set(['csv', 'txt', 'tsv', '']);

/**
 * Previews a site list uploaded as .xlsx or .csv/.txt (UTF-8, UTF-8 with BOM, UTF-16 with BOM;
 * `,` `;` or tab). Never throws for a bad file: problems come back in `fileErrors` in Vietnamese.
 */
export async function parseSitesFile(input: { bytes: Uint8Array; filename: string }): Promise<SitesImportPreview> {
  const { bytes, filename } = input;
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    const mb = (bytes.byteLength / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
    return fail(`Tệp nặng ${mb} MB, vượt quá giới hạn 5 MB. Hãy xoá các trang tính, hình ảnh không cần thiết hoặc lưu dưới dạng .csv (UTF-8) rồi tải lên lại.`);
  }
  if (bytes.byteLength === 0) return fail(`Tệp rỗng. ${SAVE_AS_HINT}`);
  const extension = /\.([^./\\]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  const kind = sniff(bytes);
  if (kind === 'ole') return fail(`Tệp "${filename}" là định dạng Excel 97-2003 (.xls) cũ, chưa được hỗ trợ. Hãy mở tệp trong Excel, chọn Lưu thành (Save As) → Excel Workbook (.xlsx), rồi tải lên lại.`);
  if (kind === 'pdf') return fail(`Tệp "${filename}" là tệp PDF, không đọc được danh sách từ PDF. ${SAVE_AS_HINT}`);
  if (kind === 'image') return fail(`Tệp "${filename}" là hình ảnh, không phải bảng tính. ${SAVE_AS_HINT}`);
  if (kind === 'zip') {
    if (extension === 'ods') return fail(`Tệp .ods (LibreOffice) chưa được hỗ trợ. Trong LibreOffice chọn Tệp → Lưu thành → Excel 2007-365 (.xlsx), rồi tải lên lại.`);
    const sheets = readWorkbook(bytes);
    if (sheets && 'limit' in sheets) return fail(sheets.limit);
    if (!sheets) return fail(`Không đọc được tệp "${filename}": tệp bị hỏng hoặc không phải bảng tính Excel. Hãy mở tệp trong Excel để kiểm tra. ${SAVE_AS_HINT}`);
    return previewSheets(sheets, 'trong trang tính nào của tệp');
  }
  if (extension === 'xlsx' || extension === 'xlsm') {
    return fail(`Tệp "${filename}" không phải tệp Excel hợp lệ (có thể bị hỏng hoặc bị đổi tên). ${SAVE_AS_HINT}`);
  }
  if (!TEXT_EXTENSIONS.has(extension)) return fail(`Định dạng tệp ".${extension}" không được hỗ trợ. ${SAVE_AS_HINT}`);
  const text = decodeText(bytes);
  if (text === null) {
    return fail(
      `Tệp "${filename}" không được lưu bằng bảng mã UTF-8 nên chữ tiếng Việt sẽ bị lỗi. Trong Excel chọn Lưu thành (Save As) → "CSV UTF-8 (Comma delimited)" hoặc Excel Workbook (.xlsx), rồi tải lên lại.`,
    );
  }
  return previewSheets([delimitedRows(text)], 'trong tệp');
}

/**
 * Previews rows copied from Excel: always tab-separated (a single copied column has no tab, and
 * its names may hold commas); quoted cells may hold newlines. The first
 * non-empty row is a header when it names the site column; otherwise columns follow the template.
 */
export function parsePastedRows(text: string): SitesImportPreview {
  if (text.length > MAX_IMPORT_BYTES) return fail('Dữ liệu dán vào quá lớn (trên 5 MB). Hãy dán từng phần hoặc tải lên tệp .xlsx.');
  const rows = delimitedRows(text, '\t');
  const first = rows.find((r) => !r.cells.every(isBlank));
  if (!first) return fail('Chưa có dữ liệu. Hãy chọn các dòng trong Excel, sao chép (Ctrl+C) rồi dán vào đây.');
  const recognised = first.cells.map((c) => columnOf(cellText(c))).filter((k) => k !== null && k !== 'ignore');
  const header = findLayout([first]);
  if (header) return buildPreview(rows, header);
  if (recognised.length >= 2) return noNameColumn('trong dòng tiêu đề đã dán');
  const widest = Math.max(...rows.map((r) => r.cells.length));
  const layout =
    widest > SITE_COLUMNS.length
      ? { ...TEMPLATE_LAYOUT, warnings: [`Dữ liệu có ${widest} cột, nhiều hơn mẫu (${COLUMN_LIST}); các cột thừa bên phải được bỏ qua.`] }
      : TEMPLATE_LAYOUT;
  return buildPreview(rows, layout);
}

// ---------------------------------------------------------------- template

const TEMPLATE_GUIDE: Record<SiteKey, { required: boolean; help: string; example: string }> = {
  name: { required: true, help: 'Tên đầy đủ của điểm cầu; mỗi điểm cầu một dòng, không trùng tên.', example: 'Phòng GDĐT huyện Lục Nam' },
  group: { required: false, help: 'Nhóm để tổng hợp số tham dự, ví dụ "Phòng GDĐT", "Trường THPT", "Đơn vị trực thuộc".', example: 'Trường THPT' },
  contactName: { required: false, help: 'Họ tên người phụ trách kỹ thuật hoặc đầu mối tại điểm cầu.', example: 'Nguyễn Văn An' },
  phone: { required: false, help: 'Số điện thoại của người liên hệ; giữ số 0 ở đầu (cột đã để dạng văn bản).', example: '0912345678' },
  email: { required: false, help: 'Địa chỉ email để gửi đường dẫn tham dự.', example: 'pgd.huyena@example.edu.vn' },
  expectedHeadcount: { required: false, help: `Số người dự kiến có mặt tại điểm cầu: số nguyên từ 0 đến ${MAX_HEADCOUNT.toLocaleString('vi-VN')}.`, example: '25' },
};

/** Example rows, named as examples: no real site (nor any of the demo's) is called this, so a forgotten row never collides or passes for one. */
export const TEMPLATE_EXAMPLES: Record<SiteKey, string | number>[] = [
  { name: 'Ví dụ – Phòng GDĐT huyện A (xóa dòng này)', group: 'Phòng GDĐT', contactName: 'Nguyễn Văn An', phone: '0912345678', email: 'pgd.huyena@example.edu.vn', expectedHeadcount: 25 },
  { name: 'Ví dụ – Trường THPT B (xóa dòng này)', group: 'Trường THPT', contactName: 'Trần Thị Bình', phone: '0204 3854 123', email: 'thptb@example.edu.vn', expectedHeadcount: 40 },
];

const TEMPLATE_WIDTHS: Record<SiteKey, number> = { name: 42, group: 22, contactName: 26, phone: 18, email: 34, expectedHeadcount: 18 };

/** The downloadable .xlsx template: the SITE_COLUMNS headers, two example rows and a "Hướng dẫn" sheet. */
export async function siteTemplateWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'diemcau';
  const sheet = addTitledSheet(workbook, 'Danh sách điểm cầu', {
    title: [],
    columns: SITE_COLUMNS.map((c) => ({ header: c.header, width: TEMPLATE_WIDTHS[c.key] })),
  });
  for (const example of TEMPLATE_EXAMPLES) sheet.addRow(SITE_COLUMNS.map((c) => example[c.key]));
  const phoneColumn = SITE_COLUMNS.findIndex((c) => c.key === 'phone') + 1;
  const headcountColumn = SITE_COLUMNS.findIndex((c) => c.key === 'expectedHeadcount') + 1;
  sheet.getColumn(phoneColumn).numFmt = '@';
  const headcountRule: ExcelJS.DataValidation = {
    type: 'whole',
    operator: 'between',
    allowBlank: true,
    formulae: [0, MAX_HEADCOUNT],
    showErrorMessage: true,
    errorTitle: 'Số người không hợp lệ',
    error: `Hãy nhập một số nguyên từ 0 đến ${MAX_HEADCOUNT.toLocaleString('vi-VN')}.`,
  };
  for (let row = 2; row <= MAX_SITES + 1; row++) sheet.getCell(row, headcountColumn).dataValidation = headcountRule;

  const guide = addTitledSheet(workbook, 'Hướng dẫn', {
    title: ['Hướng dẫn điền danh sách điểm cầu'],
    columns: [
      { header: 'Cột', width: 22 },
      { header: 'Bắt buộc', width: 11 },
      { header: 'Nội dung', width: 70 },
      { header: 'Ví dụ', width: 32 },
    ],
  });
  for (const c of SITE_COLUMNS) {
    const g = TEMPLATE_GUIDE[c.key];
    guide.addRow([c.header, g.required ? 'Có' : 'Không', g.help, g.example]).alignment = { wrapText: true, vertical: 'top' };
  }
  guide.addRow([]);
  for (const note of [
    'Mỗi điểm cầu ghi trên một dòng của trang "Danh sách điểm cầu"; có thể xoá hai dòng ví dụ.',
    'Giữ nguyên dòng tiêu đề. Có thể thêm dòng tiêu đề văn bản phía trên, hệ thống tự tìm dòng tiêu đề.',
    `Tối đa ${MAX_SITES.toLocaleString('vi-VN')} điểm cầu, tệp không quá 5 MB. Lưu dạng .xlsx hoặc CSV UTF-8.`,
  ]) {
    guide.addRow([note]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
