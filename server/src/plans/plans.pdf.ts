import { getDocumentProxy } from 'unpdf';

/**
 * The text layer of a PDF as the plan reader wants it, the same lines the .docx reader gives:
 * one line per paragraph (its wrapped lines joined), a table row as its cells joined by tabs,
 * and a cell's next paragraph on a line of its own with empty cells before it.
 *
 * PDF has no paragraphs or tables, only positioned text, and a Word or LibreOffice export of a
 * Nghị định 30 layout starts almost nothing at the left margin (centred titles, first-line
 * indents, a letterhead in two centred columns, numbering followed by a tab). So everything is
 * rebuilt from the x/y of each run:
 *
 * - rows are runs on one baseline; a glyph drawn from a fallback font (LibreOffice draws ạ, ệ …
 *   missing from the main font in a second pass) goes back into the gap left for it;
 * - a table is a run of rows with free vertical channels between pieces (the space between
 *   cells), kept while each next row leaves every channel open; its columns are split at the
 *   channels, whatever each cell's alignment;
 * - a line of a paragraph or of a cell continues the line above when that line was full: the
 *   next line's first word would not have fitted at its end (the paragraph's right margin, or
 *   the cell's edge).
 */

/** Pages read at most: a plan is a few pages; a 500-page file is not a plan. */
export const MAX_PDF_PAGES = 60;

type Piece = { x: number; end: number; y: number; size: number; text: string; font: string; scale: number };
type Segment = { x: number; end: number; text: string };
type Row = { y: number; size: number; segments: Segment[] };

/** Thrown when the PDF needs a password. */
export class PdfPasswordError extends Error {}

/** Advances (1/1000 em) of a serif text face, by base letter: enough to place a glyph inside a run of known width. */
const ADVANCE: Record<string, number> = {
  ' ': 250, a: 444, b: 500, c: 444, d: 500, đ: 500, e: 444, f: 333, g: 500, h: 500, i: 278, j: 278, k: 500, l: 278, m: 778, n: 500, o: 500, p: 500, q: 500, r: 333, s: 389, t: 278, u: 500, v: 500, w: 722, x: 500, y: 500, z: 444,
  A: 722, B: 667, C: 667, D: 722, Đ: 722, E: 611, F: 556, G: 722, H: 722, I: 333, J: 389, K: 722, L: 611, M: 889, N: 722, O: 722, P: 556, Q: 722, R: 667, S: 556, T: 611, U: 722, V: 722, W: 944, X: 722, Y: 722, Z: 611,
  '.': 250, ',': 250, ':': 278, ';': 278, '-': 333, '/': 278, '(': 333, ')': 333, '"': 408, "'": 180,
  '!': 333, '#': 500, '$': 500, '%': 833, '&': 778, '*': 500, '+': 564, '<': 564, '=': 564, '>': 564, '?': 444, '@': 921,
  '[': 333, ']': 333, '_': 500, '|': 200, '–': 500, '—': 1000, '‘': 333, '’': 333, '“': 444, '”': 444, '…': 1000, '•': 350, '°': 400,
};
const advance = (c: string) => ADVANCE[c] ?? ADVANCE[c.normalize('NFD')[0] ?? ''] ?? (/\d/.test(c) ? 500 : 500);

type Word = Piece & { split: boolean };

/** A slot of a run: the n-th space of its text, read as a real space or as the gap left for a glyph drawn later. */
type Fill = { cost: number; slot: number; after: boolean; back: Fill | null; before: boolean };

/**
 * Puts the glyphs drawn from a fallback font back into the run that left gaps for them.
 * LibreOffice draws a line in its main font, each glyph the font lacks (ạ, ệ, ị …) leaving a gap
 * that pdf.js reads as a space, merged with a real space next to it; then the missing glyphs at
 * their exact places. Each glyph is an anchor: the run's text between two anchors, measured with
 * the face's advances, must fill the distance between them. Which space of the run is which
 * glyph's gap, and whether a real space stands before or after the glyph, is chosen so that every
 * distance fits best (a small dynamic programme over the run's spaces). Returns null when no
 * choice fits (the pieces overlap for another reason).
 */
export function fillGaps(run: Piece, glyphs: Piece[]): string | null {
  const tokens = run.text.split(' ');
  const em = run.size / 1000;
  const n = tokens.length - 1; // slots (spaces)
  const m = glyphs.length;
  if (m === 0 || m > n) return null;
  const widths = tokens.map((t) => [...t].reduce((sum, c) => sum + advance(c), 0));
  // A syllable needs a vowel: letters without one ("ch", "đ", "nh") stand beside a glyph, never alone.
  const bare = tokens.map((t) => /\p{L}/u.test(t) && !/[aeiouy]/i.test(t.normalize('NFD')));
  const alone = run.size * 0.15;
  // A syllable has one run of vowels: a glyph (a vowel) joins a token ending in vowel-consonant
  // ("thu" + ộ is fine, "vị" + "thu" is not) only by starting a second one.
  const vowels = (t: string) => t.normalize('NFD').replace(/[^\p{L}]/gu, '').toLowerCase();
  const closed = tokens.map((t) => /[aeiouy][^aeiouy]+$/.test(vowels(t)));
  // What may follow a glyph in its syllable: a final consonant or vowel (huyệ-n, độ-i, mư-a), then punctuation.
  const coda = tokens.map((t) => /^(ch|c|m|ng|nh|n|p|t|i|y|u|o|a)?(?![\p{L}\d])/iu.test(t.normalize('NFD').replace(/\p{M}/gu, '')));
  // Such a tail alone ("i", "ng,") is no word: it belongs to the glyph before it.
  const tail = tokens.map((t, k) => coda[k]! && /^\p{L}+[^\p{L}\d]*$/u.test(t));
  // ă, â, and ê, ô, ơ after i/y, u, ư (iê, uô, ươ) end no syllable: a consonant follows.
  const marks = glyphs.map((g) => g.text.normalize('NFD').toLowerCase());
  const needsCoda = (j: number, i: number, joined: boolean) => {
    const d = marks[j]!;
    if (/a[\u0306\u0302]|u\u031b\p{M}*o\u031b/u.test(d)) return true;
    const end = joined ? vowels(tokens[i]!).slice(-1) : '';
    return (/^e\u0302/u.test(d) && /[iy]/.test(end)) || (/^o\u0302/u.test(d) && end === 'u');
  };
  // The rules of syllables hold for glyphs that are vowels (a fallback run can hold a main-font consonant).
  const vowel = marks.map((d) => /[aeiouy]/.test(d));
  // A capital starts a word: no lower-case letter stands right before it.
  const capital = glyphs.map((g) => /^\p{Lu}/u.test(g.text));
  const lower = tokens.map((t) => /\p{Ll}$/u.test(t));
  // Of two choices that fit as well (a stretched line can fit one more space), the one with fewer spaces.
  const spaced = run.size * 0.02;
  // A consonant between two glyphs more often starts the next syllable (Bộ tổ) than ends one (đơn Ủy).
  const onset = run.size * 0.04;
  const prefix = [0];
  for (const w of widths) prefix.push(prefix.at(-1)! + w);
  /** The cost of tokens from..to (inclusive) standing between two anchors, spaced as chosen. */
  const lonely = (from: number, to: number, spaceBefore: boolean, spaceAfter: boolean) =>
    from === to
      ? spaceBefore && spaceAfter && (bare[from] || tail[from])
        ? alone
        : 0
      : (spaceBefore && (bare[from] || tail[from]) ? alone : 0) + (spaceAfter && bare[to] ? alone : 0);
  const solve = (scale: number, space: number) => {
    const tokensWidth = (from: number, to: number) => (prefix[to + 1]! - prefix[from]!) * em * scale;
    // best[j][i][f]: glyph j sits in slot i, followed by a real space when f = 1.
    const best: (Fill | null)[][][] = glyphs.map(() => Array.from({ length: n }, () => [null, null]));
    for (let j = 0; j < m; j++) {
      const glyph = glyphs[j]!;
      for (let i = j; i < n - (m - 1 - j); i++) {
        // Tokens since the previous anchor: from the token after its slot to the token before slot i.
        const starts: { from: number; at: number; prev: Fill | null }[] = [];
        if (j === 0) starts.push({ from: 0, at: run.x, prev: null });
        else
          for (let p = j - 1; p < i; p++)
            for (const f of [0, 1]) {
              const prev = best[j - 1]![p]![f];
              if (prev) starts.push({ from: p + 1, at: glyphs[j - 1]!.end + f * space, prev });
            }
        for (const { from, at, prev } of starts) {
          const between = tokensWidth(from, i) + (i - from) * space;
          for (const before of [false, true]) {
            const cost = (prev?.cost ?? 0) + Math.abs(at + between + (before ? space : 0) - glyph.x) + lonely(from, i, prev?.after ?? false, before) + (before ? spaced + (bare[i] ? onset : 0) : (vowel[j] && closed[i]) || /[^\p{L}]$/u.test(tokens[i]!) ? alone : 0);
            for (const f of [0, 1]) {
              const had = best[j]![i]![f];
              const total = cost + (f === 1 ? spaced + (needsCoda(j, i, !before) ? alone : 0) : (vowel[j] && !coda[i + 1]) || (/\p{Ll}$/u.test(glyph.text) && /^\p{Lu}/u.test(tokens[i + 1]!)) ? alone : 0) + (capital[j] && !before && lower[i] ? alone : 0);
              if (!had || total < had.cost) best[j]![i]![f] = { cost: total, slot: i, after: f === 1, back: prev, before };
            }
          }
        }
      }
    }
    let end: Fill | null = null;
    let endCost = Infinity;
    for (let i = m - 1; i < n; i++)
      for (const f of [0, 1]) {
        const fill = best[m - 1]![i]![f];
        if (!fill) continue;
        const at = glyphs[m - 1]!.end + f * space + tokensWidth(i + 1, n) + (n - i - 1) * space;
        const cost = fill.cost + Math.abs(at - run.end) + lonely(i + 1, n, f === 1, false);
        if (cost < endCost) [end, endCost] = [fill, cost];
      }
    return { end, cost: endCost };
  };
  let found = { end: null as Fill | null, cost: Infinity };
  const glyphsWidth = glyphs.reduce((sum, g) => sum + g.end - g.x, 0);
  // The face's advances (Times metrics) or a bold face's wider ones; spaces as set, or as a
  // justified line stretched them: the run's width less its letters, shared by as many real
  // spaces as the run may hold (each glyph's slot holds none, one or two).
  for (const scale of new Set([run.scale, 1])) {
    const free = run.end - run.x - prefix[n + 1]! * em * scale - glyphsWidth;
    const spaces = new Set([250 * em]);
    for (let k = Math.max(1, n - m); k <= n + m; k++) if (free / k > 245 * em) spaces.add(free / k);
    for (const space of spaces) {
      const tried = solve(scale, space);
      if (tried.cost < found.cost) found = tried;
    }
  }
  if (!found.end || found.cost > (m + 1) * run.size * 0.3) return null;
  const at = new Map<number, { text: string; before: boolean; after: boolean }>();
  for (let fill: Fill | null = found.end, j = m - 1; fill; fill = fill.back, j--) at.set(fill.slot, { text: glyphs[j]!.text, before: fill.before, after: fill.after });
  let text = tokens[0]!;
  for (let i = 0; i < n; i++) {
    const gap = at.get(i);
    text += gap ? `${gap.before ? ' ' : ''}${gap.text}${gap.after ? ' ' : ''}` : ' ';
    text += tokens[i + 1]!;
  }
  return text;
}

/**
 * How much wider each font draws than the advances above (a bold face, another family): learnt
 * from its runs without spaces (a run with spaces may hold gaps).
 */
function scaleFaces(pieces: Piece[]): void {
  const sums = new Map<string, { drawn: number; estimated: number }>();
  for (const piece of pieces) {
    if (piece.text.includes(' ')) continue;
    const sum = sums.get(piece.font) ?? { drawn: 0, estimated: 0 };
    sum.drawn += piece.end - piece.x;
    sum.estimated += ([...piece.text].reduce((w, c) => w + advance(c), 0) * piece.size) / 1000;
    sums.set(piece.font, sum);
  }
  for (const piece of pieces) {
    const sum = sums.get(piece.font);
    const scale = sum && sum.estimated > 0 ? sum.drawn / sum.estimated : 1;
    piece.scale = scale > 0.7 && scale < 1.5 ? scale : 1;
  }
}

/** Runs with fallback glyphs put back where their gaps are; the glyphs placed are dropped. */
function placeFallbackGlyphs(pieces: Piece[]): Piece[] {
  const used = new Set<Piece>();
  const out: Piece[] = [];
  for (const run of [...pieces].sort((a, b) => b.text.length - a.text.length)) {
    if (used.has(run)) continue;
    if (!run.text.includes(' ')) {
      out.push(run);
      continue;
    }
    const inside = pieces
      .filter((g) => g !== run && !used.has(g) && g.text.length < run.text.length && g.x > run.x + 0.5 && g.end < run.end + 0.5 && g.x < run.end - 0.5)
      .sort((a, b) => a.x - b.x);
    // Glyphs drawn side by side ("ưở") fill one gap.
    const glyphs: Piece[] = [];
    for (const g of inside) {
      const last = glyphs.at(-1);
      if (last && g.x - last.end < 0.3) glyphs[glyphs.length - 1] = { ...last, end: g.end, text: last.text + g.text };
      else glyphs.push({ ...g });
    }
    const text = fillGaps(run, glyphs);
    if (text === null) {
      out.push(run);
      continue;
    }
    inside.forEach((g) => used.add(g));
    out.push({ ...run, text });
  }
  return out.filter((p) => !used.has(p));
}

/**
 * Runs still drawn over one another once fallback glyphs are placed (fillGaps found no fit),
 * split into words placed by estimated advances: LibreOffice draws
 * a line in its main font leaving a gap for each glyph the font lacks (pdf.js reads the gap as a
 * space), then the missing glyphs from a fallback font with gaps for the others. A split run's
 * first word starts where the run starts, its last ends where it ends, the slack is shared by
 * the spaces between; runs that overlap nothing are kept whole.
 */
function interleave(pieces: Piece[]): Word[] {
  const overlaps = (a: Piece) => pieces.some((b) => b !== a && a.x < b.end - 0.5 && b.x < a.end - 0.5);
  const out: Word[] = [];
  for (const piece of pieces) {
    const words = piece.text.split(' ').filter(Boolean);
    if (words.length < 2 || !overlaps(piece)) {
      out.push({ ...piece, split: false });
      continue;
    }
    const widths = words.map((w) => [...w].reduce((sum, c) => sum + advance(c), 0) * (piece.size / 1000));
    const slack = Math.max(0, (piece.end - piece.x - widths.reduce((a, b) => a + b, 0)) / (words.length - 1));
    let x = piece.x;
    words.forEach((text, k) => {
      const end = k === words.length - 1 ? piece.end : x + widths[k]!;
      const start = k === words.length - 1 ? Math.max(x, piece.end - widths[k]!) : x;
      out.push({ ...piece, x: start, end, text, split: true });
      x = end + slack;
    });
  }
  return out.sort((a, b) => a.x - b.x);
}

/** Pieces of one baseline → segments: pieces closer than about three spaces (0.8 em) belong together. */
function segmentsOf(pieces: Piece[], size: number): Segment[] {
  const out: Segment[] = [];
  let split = false;
  for (const piece of interleave(placeFallbackGlyphs(pieces))) {
    const last = out.at(-1);
    const gap = last ? piece.x - last.end : Infinity;
    // Positions of split words are estimates: only a gap near a full space (0.25 em) is one.
    const spaceAt = split || piece.split ? 0.2 : 0.12;
    split = piece.split;
    if (last && gap < size * 0.8) {
      const space = gap > size * spaceAt && !last.text.endsWith(' ') && !piece.text.startsWith(' ') ? ' ' : '';
      last.text += space + piece.text;
      last.end = Math.max(last.end, piece.end);
    } else out.push({ x: piece.x, end: piece.end, text: piece.text });
  }
  return out.map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ').trim() })).filter((s) => s.text !== '');
}

function rowsOf(pieces: Piece[]): Row[] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: { y: number; size: number; pieces: Piece[] }[] = [];
  for (const piece of sorted) {
    const group = groups.at(-1);
    if (group && Math.abs(group.y - piece.y) <= Math.max(2, Math.min(group.size, piece.size) * 0.4)) {
      group.pieces.push(piece);
      group.size = Math.max(group.size, piece.size);
    } else groups.push({ y: piece.y, size: piece.size, pieces: [piece] });
  }
  return groups.map((g) => ({ y: g.y, size: g.size, segments: segmentsOf(g.pieces, g.size) })).filter((r) => r.segments.length > 0);
}

const MARKER = /^([-+•–]|\d{1,2}(\.\d{1,2})*[.)]|[IVX]{1,4}\.|[a-zđ]\))$/u;
const LIST_START = /^([-+•–]|\d{1,2}(\.\d{1,2})*\.|[IVX]{1,4}\.|[a-zđ]\))\s/u;

type Channel = { from: number; to: number };

/** The free intervals between a row's segments. */
const gapsOf = (row: Row): Channel[] => row.segments.slice(1).map((s, i) => ({ from: row.segments[i]!.end, to: s.x }));

/** The channels left open once `row` is added, or null when the row closes one (it is no row of the table). */
function narrow(channels: Channel[], row: Row): Channel[] | null {
  const out: Channel[] = [];
  for (const channel of channels) {
    let { from, to } = channel;
    for (const s of row.segments) {
      if (s.end <= from || s.x >= to) continue;
      // A segment inside the channel: keep the wider free side.
      if (s.x - from >= to - s.end) to = Math.min(to, s.x);
      else from = Math.max(from, s.end);
    }
    if (to - from < 4) return null;
    out.push({ from, to });
  }
  return out;
}

/** A row that opens a table: two or more pieces, not a list marker followed by its text, not a justified line. */
function opensTable(row: Row, left: number, right: number): boolean {
  const { segments } = row;
  if (segments.length < 2) return false;
  if (segments.length === 2 && MARKER.test(segments[0]!.text)) return false;
  // A justified line whose word spaces grew wide runs from the margin to the right margin.
  return !(segments[0]!.x < left + row.size * 4 && Math.abs(segments.at(-1)!.end - right) < row.size * 0.6 && gapsOf(row).every((g) => g.to - g.from < row.size * 3));
}

const widthOf = (segment: Segment) => (segment.end - segment.x) / Math.max(1, segment.text.length);

/** Whether a line ending at `end` was broken by wrapping: `next`'s first word would not have fitted before `edge`. */
function wrapped(end: number, next: Segment, edge: number, size: number): boolean {
  const firstWord = next.text.split(' ')[0] ?? '';
  return end + (firstWord.length + 1) * widthOf(next) > edge - size * 0.5;
}

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
  const pages = Math.min(pdf.numPages, MAX_PDF_PAGES);
  try {
    for (let p = 1; p <= pages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const pieces: Piece[] = [];
      for (const item of content.items) {
        // pdf.js fills gaps with space items as wide as the gap: measure the gap instead.
        if (!('str' in item) || item.str.trim() === '') continue;
        const [a, b, c, d, x, y] = item.transform as number[];
        const size = Math.hypot(c ?? 0, d ?? 0) || Math.hypot(a ?? 0, b ?? 0) || 10;
        const text = item.str.normalize('NFC');
        characters += text.trim().length;
        pieces.push({ x: x ?? 0, y: y ?? 0, end: (x ?? 0) + item.width, size, text, font: item.fontName, scale: 1 });
      }
      scaleFaces(pieces);
      page.cleanup();
      readPage(rowsOf(pieces), lines);
    }
  } finally {
    await pdf.destroy();
  }
  return { lines, pages: pdf.numPages, characters };
}

/** Appends one page's lines. */
function readPage(rows: Row[], lines: string[]): void {
  if (rows.length === 0) return;
  const starts = rows.map((r) => r.segments[0]!.x);
  const left = Math.min(...starts);
  // The text's right margin: the ends of lines, ignoring the two longest (a wide heading, a URL).
  const ends = rows.map((r) => r.segments.at(-1)!.end).sort((a, b) => b - a);
  const right = ends[Math.min(2, ends.length - 1)] ?? 0;
  /** The last paragraph line, while the next line may continue it. */
  let open: Segment | null = null;
  for (let i = 0; i < rows.length; ) {
    const row = rows[i]!;
    const gap = i > 0 ? rows[i - 1]!.y - row.y : 0;
    if (i > 0 && gap > row.size * 2.1) {
      open = null;
      if (lines.at(-1) !== '') lines.push('');
    }
    if (opensTable(row, left, right)) {
      i = readTable(rows, i, lines);
      open = null;
      continue;
    }
    const text = row.segments.map((s) => s.text).join(' ');
    const line: Segment = { x: row.segments[0]!.x, end: row.segments.at(-1)!.end, text };
    const centred = open !== null && open.x > left + row.size * 4 && Math.abs(open.x - left - (right - open.end)) < row.size;
    if (open && !centred && gap < row.size * 1.6 && !LIST_START.test(text) && Math.abs(line.x - left) < row.size * 2 && wrapped(open.end, line, right, row.size)) {
      lines[lines.length - 1] += ` ${text}`;
    } else lines.push(text);
    open = line;
    i++;
  }
}

/**
 * Reads the table that starts at rows[start]; returns the index of the first row after it. Rows
 * stay in the table while they leave its channels open and follow closely; each column's line
 * continues that column's line above when that one was full, else it starts the cell's next
 * paragraph (or, with the first column filled, the table's next row) on a new line.
 */
function readTable(rows: Row[], start: number, lines: string[]): number {
  let channels: Channel[] = gapsOf(rows[start]!);
  let end = start + 1;
  for (; end < rows.length; end++) {
    const row = rows[end]!;
    if (rows[end - 1]!.y - row.y > row.size * 2.2) break;
    const next = narrow(channels, row);
    if (!next) break;
    channels = next;
  }
  const bounds = channels.map((c) => (c.from + c.to) / 2);
  const columnOf = (s: Segment) => bounds.filter((b) => s.x >= b).length;
  // Where a column's text wraps: the furthest any of its lines reaches (the channel's near side).
  const edges = [...channels.map((c) => c.from), Math.max(...rows.slice(start, end).map((r) => r.segments.at(-1)!.end))];
  /** Per column: its last segment, and the output line holding it. */
  const last: ({ segment: Segment; line: number; y: number } | null)[] = bounds.map(() => null).concat([null]);
  const cells: string[][] = [];
  for (let i = start; i < end; i++) {
    const row = rows[i]!;
    const byColumn = new Map<number, Segment>();
    for (const s of row.segments) {
      const k = columnOf(s);
      const had = byColumn.get(k);
      byColumn.set(k, had ? { x: had.x, end: s.end, text: `${had.text} ${s.text}` } : { ...s });
    }
    const continues = (k: number, s: Segment) => {
      // A number alone in the first column opens a row ("1", "2."), never continues one.
      if (k === 0 && /^[\dIVX]{1,4}[.)]?$/u.test(s.text)) return false;
      const before = last[k];
      // A wrapped line starts where the cell's text starts; a centred line elsewhere is a paragraph of its own.
      return (
        before !== null && before !== undefined && before.y - row.y < row.size * 1.6 && Math.abs(s.x - before.segment.x) <= 2 && !LIST_START.test(s.text) && wrapped(before.segment.end, s, edges[k]!, row.size)
      );
    };
    const first = byColumn.get(0);
    const newRow = first !== undefined && !continues(0, first);
    let fresh: number | null = null;
    for (const [k, s] of [...byColumn.entries()].sort((a, b) => a[0] - b[0])) {
      const before = last[k];
      if (!newRow && before && continues(k, s)) {
        cells[before.line]![k] += ` ${s.text}`;
        last[k] = { segment: s, line: before.line, y: row.y };
        continue;
      }
      if (fresh === null) {
        cells.push(bounds.map(() => '').concat(['']));
        fresh = cells.length - 1;
      }
      cells[fresh]![k] = s.text;
      last[k] = { segment: s, line: fresh, y: row.y };
    }
  }
  for (const row of cells) lines.push(row.join('\t'));
  return end;
}
