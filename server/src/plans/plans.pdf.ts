import { getDocumentProxy } from 'unpdf';

/**
 * The text layer of a PDF as the plan reader wants it: one line per paragraph (a paragraph's
 * wrapped lines joined), a table row as its cells joined by tabs, and a cell's wrapped line
 * as a row with empty cells before it, so the reader can join it to the cell above.
 *
 * PDF has no paragraphs or tables, only positioned text: rows are pieces on one baseline,
 * cells are pieces far apart on a row, columns are fixed by the first row of a table (its
 * header) and kept until a paragraph at the left margin or a wide vertical gap ends it.
 */

/** Pages read at most: a plan is a few pages; a 500-page file is not a plan. */
export const MAX_PDF_PAGES = 60;

type Piece = { x: number; end: number; y: number; size: number; text: string };
type Segment = { x: number; end: number; text: string };
type Row = { y: number; size: number; segments: Segment[] };

/** Thrown when the PDF needs a password. */
export class PdfPasswordError extends Error {}

function rowsOf(pieces: Piece[]): Row[] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Row[] = [];
  for (const piece of sorted) {
    const row = rows.at(-1);
    if (row && Math.abs(row.y - piece.y) <= Math.max(2, piece.size * 0.4)) {
      row.segments.push({ x: piece.x, end: piece.end, text: piece.text });
      row.size = Math.max(row.size, piece.size);
    } else rows.push({ y: piece.y, size: piece.size, segments: [{ x: piece.x, end: piece.end, text: piece.text }] });
  }
  for (const row of rows) row.segments = mergeSegments(row.segments.sort((a, b) => a.x - b.x), row.size);
  return rows;
}

/** Joins pieces of one row that belong together: a gap wider than about three spaces (0.8 em) starts a new cell. */
function mergeSegments(pieces: Segment[], size: number): Segment[] {
  const out: Segment[] = [];
  for (const piece of pieces) {
    const last = out.at(-1);
    const gap = last ? piece.x - last.end : Infinity;
    if (last && gap < size * 0.8) {
      const space = gap > size * 0.12 && !last.text.endsWith(' ') && !piece.text.startsWith(' ') ? ' ' : '';
      last.text += space + piece.text;
      last.end = Math.max(last.end, piece.end);
    } else out.push({ ...piece });
  }
  return out.map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ').trim() })).filter((s) => s.text !== '');
}

const MARKER = /^([-+•–]|\d{1,2}(\.\d{1,2})*\.|[IVX]{1,4}\.|[a-zđ]\))\s/u;

/** Lines of the text layer; throws PdfPasswordError, and lets pdf.js errors for a damaged file through. */
export async function pdfLines(bytes: Uint8Array): Promise<{ lines: string[]; pages: number; characters: number }> {
  let pdf;
  try {
    // pdf.js takes the buffer over: give it a copy so the caller's bytes stay readable.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, stopAtErrors: false });
  } catch (error) {
    if ((error as { name?: string }).name === 'PasswordException') throw new PdfPasswordError('password required');
    throw error;
  }
  const lines: string[] = [];
  let characters = 0;
  let table: { bounds: number[]; last: { index: number; cells: string[] } | null } | null = null;
  const addRow = (into: NonNullable<typeof table>, cells: string[], wrapped: boolean) => {
    if (wrapped && into.last && into.last.index === lines.length - 1) {
      into.last.cells = into.last.cells.map((cell, i) => [cell, cells[i] ?? ''].filter(Boolean).join(' '));
      lines[into.last.index] = into.last.cells.join('\t');
      return;
    }
    lines.push(cells.join('\t'));
    into.last = { index: lines.length - 1, cells };
  };
  /** The last paragraph line, while the next line may continue it. */
  let open: Segment | null = null;
  const pages = Math.min(pdf.numPages, MAX_PDF_PAGES);
  try {
    for (let p = 1; p <= pages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const pieces: Piece[] = [];
      for (const item of content.items) {
        // pdf.js fills gaps with space items as wide as the gap: measure the gap instead.
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , c, d, x, y] = item.transform as number[];
        const size = Math.hypot(c ?? 0, d ?? 0) || 10;
        const text = item.str.normalize('NFC');
        characters += text.trim().length;
        pieces.push({ x: x ?? 0, y: y ?? 0, end: (x ?? 0) + item.width, size, text });
      }
      page.cleanup();
      const rows = rowsOf(pieces);
      if (rows.length === 0) continue;
      const left = Math.min(...rows.map((r) => r.segments[0]?.x ?? Infinity));
      // The text's right margin: the ends of paragraph lines, ignoring the two longest (a wide heading, a URL).
      const ends = rows.filter((r) => r.segments.length === 1 && Math.abs(r.segments[0]!.x - left) < 2).map((r) => r.segments[0]!.end).sort((a, b) => b - a);
      const right = ends[Math.min(2, ends.length - 1)] ?? 0;
      let previous: Row | null = null;
      for (const row of rows) {
        const gap = previous ? previous.y - row.y : 0;
        const wide = previous !== null && gap > row.size * 2.1;
        previous = row;
        const first = row.segments[0]!;
        if (wide) {
          open = null;
          if (lines.at(-1) !== '') lines.push('');
        }
        // Inside a table, a line at text spacing continues the row above (its cells wrapped); a
        // new row sits lower, below the cell padding.
        const wrapped = table !== null && !wide && gap > 0 && gap < row.size * 1.45;
        if (row.segments.length >= 2) {
          if (!table || wide || row.segments.length > table.bounds.length + 1) table = { bounds: boundsOf(row.segments), last: null };
          addRow(table, cellsOf(row.segments, table.bounds), wrapped);
          open = null;
          continue;
        }
        // One piece under a table: a wrapped cell, a row with one filled cell (indented, or fitting the
        // first column), or a paragraph after the table (from the margin, wider than the first column).
        if (table && !wide && (wrapped || first.x > left + row.size * 0.8 || first.end <= (table.bounds[0] ?? 0))) {
          addRow(table, cellsOf(row.segments, table.bounds), wrapped);
          continue;
        }
        table = null;
        if (open && continues(open, first, left, right, row.size)) lines[lines.length - 1] += ` ${first.text}`;
        else lines.push(first.text);
        open = first;
      }
      open = null;
    }
  } finally {
    await pdf.destroy();
  }
  return { lines, pages: pdf.numPages, characters };
}

/**
 * Whether `next` continues the paragraph line `last`: it starts at the left margin, is no list
 * item or heading, and its first word would not have fitted at the end of `last` (so the line
 * was broken there by wrapping, not by the author).
 */
function continues(last: Segment, next: Segment, left: number, right: number, size: number): boolean {
  if (MARKER.test(next.text) || Math.abs(next.x - left) > size * 2 || last.x > left + size * 4) return false;
  const charWidth = (next.end - next.x) / Math.max(1, next.text.length);
  const firstWord = next.text.split(' ')[0] ?? '';
  return last.end + (firstWord.length + 1) * charWidth > right - size * 0.5;
}

/** Column boundaries of a table from its first row: midway between one cell's end and the next one's start. */
function boundsOf(segments: Segment[]): number[] {
  return segments.slice(1).map((s, i) => (segments[i]!.end + s.x) / 2);
}

/** The row's cells, one per column, empty where the row has nothing. */
function cellsOf(segments: Segment[], bounds: number[]): string[] {
  const cells: string[] = Array.from({ length: bounds.length + 1 }, () => '');
  for (const segment of segments) {
    const column = bounds.filter((b) => segment.x >= b).length;
    cells[column] = cells[column] ? `${cells[column]} ${segment.text}` : segment.text;
  }
  return cells;
}
