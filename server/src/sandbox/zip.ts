import { constants, inflateRawSync } from 'node:zlib';
import { type FileLimits, limitError } from './limits';

/**
 * A zip read under limits: the entry count is checked from the end record before the central
 * directory is walked, every declared size before anything is inflated, and each inflation is
 * stopped by zlib as soon as it passes what was declared (a lying header) or the limit.
 */

/** Thrown for a zip that is not one, or one using what an office file never does (zip64, encryption, other methods). */
export class DamagedZip extends Error {}

type Entry = { name: string; method: number; flags: number; compressedSize: number; declaredSize: number; localOffset: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export type GuardedZip = {
  names(): string[];
  has(name: string): boolean;
  /** The entry's bytes, inflated under the limits; null when there is no such entry. */
  read(name: string): Buffer | null;
  /** The entry as UTF-8 text (an XML part). */
  text(name: string): string | null;
};

export function openZip(bytes: Uint8Array, limits: Pick<FileLimits, 'maxEntries' | 'maxEntryBytes' | 'maxTotalBytes'>): GuardedZip {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => (at + 2 <= buf.length ? buf.readUInt16LE(at) : bad('truncated'));
  const u32 = (at: number) => (at + 4 <= buf.length ? buf.readUInt32LE(at) : bad('truncated'));
  // The end record is within the last 22 + 65,535 bytes (its comment).
  let end = -1;
  for (let at = buf.length - 22; at >= Math.max(0, buf.length - 22 - 0xffff); at--) {
    if (buf.readUInt32LE(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) bad('no end of central directory');
  const declaredCount = u16(end + 10);
  const directoryOffset = u32(end + 16);
  if (declaredCount === 0xffff || directoryOffset === 0xffffffff) bad('zip64');
  if (declaredCount > limits.maxEntries) throw limitError.entries(declaredCount, limits.maxEntries);

  const entries = new Map<string, Entry>();
  let declaredTotal = 0;
  let at = directoryOffset;
  // Walk the records that are there, not the count the end record claims.
  while (at + 4 <= buf.length && buf.readUInt32LE(at) === CENTRAL) {
    if (entries.size >= limits.maxEntries) throw limitError.entries(entries.size + 1, limits.maxEntries);
    const nameLength = u16(at + 28);
    const entry: Entry = {
      flags: u16(at + 8),
      method: u16(at + 10),
      compressedSize: u32(at + 20),
      declaredSize: u32(at + 24),
      localOffset: u32(at + 42),
      name: buf.toString('utf8', at + 46, Math.min(buf.length, at + 46 + nameLength)),
    };
    if (entries.has(entry.name)) bad(`two entries named ${entry.name}`);
    if (entry.declaredSize > limits.maxEntryBytes) throw limitError.declared(entry.declaredSize, limits.maxEntryBytes);
    declaredTotal += entry.declaredSize;
    if (declaredTotal > limits.maxTotalBytes) throw limitError.declared(declaredTotal, limits.maxTotalBytes);
    entries.set(entry.name, entry);
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
  }
  if (entries.size === 0) bad('empty central directory');

  let inflatedTotal = 0;
  const read = (name: string): Buffer | null => {
    const entry = entries.get(name);
    if (!entry) return null;
    if (entry.flags & 1) bad('encrypted entry');
    if (u32(entry.localOffset) !== LOCAL) bad('no local header');
    const start = entry.localOffset + 30 + u16(entry.localOffset + 26) + u16(entry.localOffset + 28);
    if (start + entry.compressedSize > buf.length) bad('truncated entry');
    const data = buf.subarray(start, start + entry.compressedSize);
    let out: Buffer;
    if (entry.method === 0) out = Buffer.from(data);
    else if (entry.method === 8) {
      try {
        // One byte more than declared: passing it is the proof of a lying header.
        out = inflateRawSync(data, { maxOutputLength: entry.declaredSize + 1, finishFlush: constants.Z_SYNC_FLUSH });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw limitError.lying(name, entry.declaredSize);
        bad(`inflate: ${(error as Error).message}`);
      }
    } else bad(`method ${entry.method}`);
    if (out.length > entry.declaredSize) throw limitError.lying(name, entry.declaredSize);
    inflatedTotal += out.length;
    if (inflatedTotal > limits.maxTotalBytes) throw limitError.inflated(limits.maxTotalBytes);
    return out;
  };

  return {
    names: () => [...entries.keys()],
    has: (name) => entries.has(name),
    read,
    text: (name) => read(name)?.toString('utf8') ?? null,
  };
}

function bad(why: string): never {
  throw new DamagedZip(why);
}
