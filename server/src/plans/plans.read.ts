import { parsePlanText, type PlanPreview } from '@diemcau/shared';
import { docxLines, NotWordDocument } from './plans.docx';
import { PdfPasswordError, pdfLines } from './plans.pdf';
import { checkDocx, checkPdf } from '../sandbox/documents';
import { FileLimitError } from '../sandbox/limits';

/**
 * Reads an uploaded plan (.docx, .pdf with a text layer, .txt) or pasted text into a preview.
 * Never throws for a bad file: every problem comes back as a message saying what to do.
 * The limits of a document (zip, XML, inflated streams) are checked before its reader runs;
 * the server runs all of it in the sandbox process (plans.pool.ts, ../sandbox/).
 */

export const MAX_PLAN_BYTES = 10 * 1024 * 1024;
/** Characters of pasted text: a long plan with its annexes is about 30 000; its JSON is read up to BODY_LIMITS.planText (3 bytes a character). */
export const MAX_PLAN_TEXT = 500_000;

const SAVE_AS = 'Hãy lưu kế hoạch thành .docx hoặc .pdf (có lớp chữ), hoặc sao chép nội dung và dán vào ô văn bản.';

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** Whether an OLE file (old Office format) is an encrypted Office document: it holds an "EncryptedPackage" stream. */
function isEncryptedOffice(bytes: Uint8Array): boolean {
  const name = 'EncryptedPackage';
  const utf16 = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) utf16[i * 2] = name.charCodeAt(i);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(utf16));
}

/** UTF-8 (BOM optional) or UTF-16 with a BOM; null when the bytes are not text in those. */
function decodeText(bytes: Uint8Array): string | null {
  try {
    if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    if (startsWith(bytes, 0xff, 0xfe)) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (startsWith(bytes, 0xfe, 0xff)) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.includes('\u0000') ? null : text;
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) return null;
    throw error;
  }
}

const failure = (message: string): PlanPreview => ({ ok: false, message });

/** Previews pasted text. */
export function readPlanText(text: string): PlanPreview {
  if (text.length > MAX_PLAN_TEXT) return failure('Nội dung dán vào quá dài (trên 500 000 ký tự). Hãy dán phần kế hoạch và phụ lục chương trình thôi.');
  if (text.trim() === '') return failure('Chưa có nội dung: hãy dán toàn văn kế hoạch (kể cả phụ lục chương trình) vào ô văn bản.');
  return { ok: true, plan: parsePlanText(text), lineCount: text.split('\n').length };
}

/** Text lines of a file, or why they cannot be had. */
async function fileLines(bytes: Uint8Array, filename: string): Promise<{ lines: string[] } | { message: string }> {
  const extension = /\.([^./\\]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) {
    try {
      checkPdf(bytes);
      const read = await pdfLines(bytes);
      if (read.characters < 40) {
        return { message: `Tệp PDF "${filename}" không có lớp chữ (có thể là bản scan/ảnh chụp), nên không đọc được nội dung. Hãy dùng bản .docx hoặc PDF xuất từ Word, hoặc gõ/dán nội dung vào ô văn bản.` };
      }
      return { lines: read.lines };
    } catch (error) {
      if (error instanceof FileLimitError) return { message: error.message };
      if (error instanceof PdfPasswordError) return { message: `Tệp PDF "${filename}" được đặt mật khẩu. Hãy mở tệp, lưu một bản không có mật khẩu rồi tải lên lại.` };
      return { message: `Không đọc được tệp PDF "${filename}": tệp bị hỏng hoặc không đầy đủ. Hãy mở thử tệp trên máy, xuất lại PDF rồi tải lên lại. ${SAVE_AS}` };
    }
  }
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) {
    try {
      checkDocx(bytes);
      return { lines: await docxLines(bytes) };
    } catch (error) {
      if (error instanceof FileLimitError) return { message: error.message };
      if (error instanceof NotWordDocument) {
        return { message: `Tệp "${filename}" là tệp nén nhưng không phải văn bản Word (.docx)${extension === 'xlsx' ? ' mà là bảng tính Excel' : ''}. ${SAVE_AS}` };
      }
      return { message: `Không đọc được tệp Word "${filename}": tệp bị hỏng. Hãy mở tệp bằng Word, lưu lại dưới dạng .docx rồi tải lên lại.` };
    }
  }
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) {
    if (isEncryptedOffice(bytes)) {
      return { message: `Tệp "${filename}" được đặt mật khẩu. Trong Word chọn Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, xoá mật khẩu, lưu lại rồi tải lên.` };
    }
    return { message: `Tệp "${filename}" là định dạng Word 97-2003 (.doc) cũ, chưa được hỗ trợ. Hãy mở trong Word, chọn Lưu thành → Word Document (.docx), rồi tải lên lại.` };
  }
  if (startsWith(bytes, 0x7b, 0x5c, 0x72, 0x74, 0x66)) return { message: `Tệp "${filename}" là định dạng RTF, chưa được hỗ trợ. ${SAVE_AS}` };
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) || startsWith(bytes, 0xff, 0xd8, 0xff)) {
    return { message: `Tệp "${filename}" là ảnh chụp, không có chữ để đọc. ${SAVE_AS}` };
  }
  if (!['txt', 'md', 'text', ''].includes(extension)) return { message: `Định dạng ".${extension}" không được hỗ trợ. ${SAVE_AS}` };
  const text = decodeText(bytes);
  if (text === null) return { message: `Tệp "${filename}" không phải văn bản UTF-8 nên chữ tiếng Việt sẽ bị lỗi. ${SAVE_AS}` };
  return { lines: text.replace(/\r\n?/g, '\n').split('\n') };
}

/**
 * Previews an uploaded plan: .docx, .pdf with a text layer, or a UTF-8/UTF-16 .txt, recognised
 * by its bytes whatever its name. At most MAX_PLAN_BYTES.
 */
export async function readPlanFile(input: { bytes: Uint8Array; filename: string }): Promise<PlanPreview> {
  const { bytes, filename } = input;
  if (bytes.byteLength === 0) return failure(`Tệp "${filename}" rỗng. ${SAVE_AS}`);
  if (bytes.byteLength > MAX_PLAN_BYTES) {
    const mb = (bytes.byteLength / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
    return failure(`Tệp nặng ${mb} MB, vượt quá giới hạn 10 MB. Hãy xoá hình ảnh trong văn bản hoặc lưu bản .docx/.pdf chỉ có chữ rồi tải lên lại.`);
  }
  const read = await fileLines(bytes, filename);
  if ('message' in read) return failure(read.message);
  if (read.lines.every((l) => l.trim() === '')) return failure(`Tệp "${filename}" không có chữ nào. ${SAVE_AS}`);
  return { ok: true, plan: parsePlanText(read.lines.join('\n')), lineCount: read.lines.length };
}
