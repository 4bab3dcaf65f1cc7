/**
 * The limits an uploaded file is read under, and the error that says which one it broke. Every
 * reader of untrusted bytes (zip, XML, sheet, PDF) checks them while it reads, before it builds
 * anything big; the sandbox process adds memory and time on top (sandbox.ts).
 */

export type FileLimits = {
  /** Files inside a zip (a .docx is about 20, an .xlsx about 10). */
  maxEntries: number;
  /** What one entry may inflate to, declared and actually. */
  maxEntryBytes: number;
  /** What all entries read may inflate to together, declared and actually. */
  maxTotalBytes: number;
  /** Elements nested in one another in an XML part (a table in a table in a table…). */
  maxXmlDepth: number;
  /** Rows and columns of a sheet, and its cells with a value. */
  maxRows: number;
  maxColumns: number;
  maxCells: number;
};

const MB = 1024 * 1024;

/** A plan document: a long plan with annexes is a few hundred KB of XML; images are never inflated. */
export const PLAN_LIMITS: FileLimits = {
  maxEntries: 2_000,
  maxEntryBytes: 64 * MB,
  maxTotalBytes: 128 * MB,
  maxXmlDepth: 256,
  maxRows: 0,
  maxColumns: 0,
  maxCells: 0,
};

/** A site list: 3,000 sites × a dozen columns is about 2 MB of sheet XML. */
export const SHEET_LIMITS: FileLimits = {
  maxEntries: 500,
  maxEntryBytes: 48 * MB,
  maxTotalBytes: 96 * MB,
  maxXmlDepth: 64,
  maxRows: 20_000,
  maxColumns: 200,
  maxCells: 400_000,
};

/** Which limit a file broke; the sandbox adds `memory` and `time`. */
export type LimitName = 'entries' | 'declared' | 'inflated' | 'xmlDepth' | 'rows' | 'columns' | 'cells' | 'memory' | 'time';

const mb = (bytes: number) => `${(bytes / MB).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

/** Thrown while reading when a file breaks a limit; `message` names the limit and says what to do. */
export class FileLimitError extends Error {
  constructor(
    readonly limit: LimitName,
    message: string,
  ) {
    super(message);
    this.name = 'FileLimitError';
  }
}

const NEXT = 'Hãy mở tệp trên máy, lưu lại một bản mới (bỏ phần không cần thiết) rồi tải lên lại.';

/** The error of each limit, in the words the person reads. */
export const limitError = {
  entries: (count: number, max: number) =>
    new FileLimitError('entries', `Tệp nén chứa ${count.toLocaleString('vi-VN')} tệp con, vượt giới hạn số tệp trong gói (${max.toLocaleString('vi-VN')}). ${NEXT}`),
  declared: (bytes: number, max: number) =>
    new FileLimitError('declared', `Tệp khai báo nội dung giải nén ${mb(bytes)}, vượt giới hạn dung lượng giải nén (${mb(max)}). ${NEXT}`),
  inflated: (max: number) => new FileLimitError('inflated', `Nội dung giải nén vượt giới hạn dung lượng giải nén (${mb(max)}). ${NEXT}`),
  lying: (part: string, declared: number) =>
    new FileLimitError(
      'inflated',
      `Phần "${part.slice(0, 80)}" giải nén ra nhiều hơn kích thước tệp khai báo (${declared.toLocaleString('vi-VN')} byte): vượt giới hạn dung lượng giải nén, tệp bị hỏng hoặc bị làm sai. ${NEXT}`,
    ),
  xmlDepth: (part: string, max: number) =>
    new FileLimitError('xmlDepth', `Nội dung "${part.slice(0, 80)}" lồng nhau quá ${max} cấp (giới hạn độ sâu XML), ví dụ bảng trong bảng nhiều lớp. ${NEXT}`),
  rows: (sheet: string, row: number, max: number) =>
    new FileLimitError('rows', `Trang tính "${sheet.slice(0, 60)}" có dữ liệu ở dòng ${row.toLocaleString('vi-VN')}, vượt giới hạn ${max.toLocaleString('vi-VN')} dòng của trang tính. Hãy xoá các dòng thừa ở cuối trang rồi tải lên lại.`),
  columns: (sheet: string, ref: string, max: number) =>
    new FileLimitError('columns', `Trang tính "${sheet.slice(0, 60)}" có dữ liệu ở ô ${ref.slice(0, 12)}, vượt giới hạn ${max} cột của trang tính. Hãy xoá các cột thừa bên phải rồi tải lên lại.`),
  cells: (max: number) =>
    new FileLimitError('cells', `Bảng tính có hơn ${max.toLocaleString('vi-VN')} ô có dữ liệu (giới hạn số ô của bảng tính). Hãy chỉ giữ trang danh sách điểm cầu rồi tải lên lại.`),
  memory: (max: number) =>
    new FileLimitError('memory', `Đọc tệp cần hơn ${mb(max)} bộ nhớ nên đã dừng (giới hạn bộ nhớ). Tệp quá phức tạp: ${NEXT}`),
  time: (ms: number) =>
    new FileLimitError('time', `Đọc tệp quá ${Math.max(1, Math.round(ms / 1000))} giây nên đã dừng (giới hạn thời gian). ${NEXT}`),
};
