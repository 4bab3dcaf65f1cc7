import { constants, inflateSync } from 'node:zlib';
import { type FileLimits, limitError, PLAN_LIMITS } from './limits';
import { readXml } from './xml';
import { openZip } from './zip';

/**
 * Checks run on a document before its reader builds anything from it: a .docx's zip and the
 * XML parts the reader will take, a PDF's compressed streams. They throw FileLimitError (the
 * limit, in words) or, for a zip that is none, DamagedZip; they build nothing themselves.
 */

/** The parts of a .docx the plan reader takes (plans.docx.ts). */
const DOCX_PARTS = ['word/document.xml', 'word/numbering.xml'];

export function checkDocx(bytes: Uint8Array, limits: FileLimits = PLAN_LIMITS): void {
  const zip = openZip(bytes, limits);
  for (const part of DOCX_PARTS) {
    const xml = zip.text(part);
    if (xml !== null) readXml(part, xml, limits.maxXmlDepth);
  }
}

const STREAM = Buffer.from('stream', 'latin1');
const END_STREAM = Buffer.from('endstream', 'latin1');

/**
 * Inflates every Flate stream of a PDF under the limits (each, and all together), stopping
 * inside zlib the moment one passes: pdf.js would otherwise decode a 300 KB page that
 * inflates to gigabytes in memory it cannot give back.
 */
export function checkPdf(bytes: Uint8Array, limits: FileLimits = PLAN_LIMITS): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let at = 0;
  for (;;) {
    at = buf.indexOf(STREAM, at);
    if (at < 0) return;
    const keyword = at;
    at += STREAM.length;
    if (keyword >= 3 && buf.toString('latin1', keyword - 3, keyword) === 'end') continue;
    let start = at;
    if (buf[start] === 0x0d) start++;
    if (buf[start] !== 0x0a) continue;
    start++;
    const end = buf.indexOf(END_STREAM, start);
    if (end < 0) return;
    at = end + END_STREAM.length;
    // The stream's dictionary is between its object header and the keyword.
    const before = buf.toString('latin1', Math.max(0, keyword - 2048), keyword);
    const dictionary = before.slice(Math.max(0, before.lastIndexOf(' obj')));
    if (!/\/(FlateDecode|Fl)\b/.test(dictionary)) continue;
    const room = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total);
    try {
      total += inflateSync(buf.subarray(start, end), { maxOutputLength: room + 1, finishFlush: constants.Z_SYNC_FLUSH }).length;
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw limitError.inflated(room === limits.maxEntryBytes ? limits.maxEntryBytes : limits.maxTotalBytes);
      // A stream zlib cannot read is pdf.js's to judge (it recovers many).
    }
    if (total > limits.maxTotalBytes) throw limitError.inflated(limits.maxTotalBytes);
  }
}
