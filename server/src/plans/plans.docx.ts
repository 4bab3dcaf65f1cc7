import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

/**
 * The text of a Word document (.docx) as the plan reader wants it: one line per paragraph, a
 * table row as its cells joined by tabs. A row whose cells hold several paragraphs becomes as
 * many lines, paragraph k of every cell on line k, so "TT / Thời gian / Nội dung / Thực hiện"
 * stays aligned. Automatic numbering and bullets (numbering.xml) are written out as text
 * ("1.", "a)", "-"), since a plan's structure lives in them.
 */

type Level = { format: string; text: string; start: number };
type Numbering = Map<string, Level[]>;

/** Thrown for a zip that is not a Word document: the caller turns it into a message. */
export class NotWordDocument extends Error {}

const attr = (node: { attributes: Record<string, unknown> }, name: string): string | undefined => {
  const value = node.attributes[name];
  return typeof value === 'string' ? value : undefined;
};

/** numId → the list's levels (format, text such as "%1.", start). */
function readNumbering(xml: string | null): Numbering {
  const numbering: Numbering = new Map();
  if (!xml) return numbering;
  const abstracts = new Map<string, Level[]>();
  const nums = new Map<string, string>();
  const parser = new SaxesParser();
  let abstractId: string | null = null;
  let level: (Level & { index: number }) | null = null;
  let numId: string | null = null;
  parser.on('opentag', (node) => {
    switch (node.name) {
      case 'w:abstractNum':
        abstractId = attr(node, 'w:abstractNumId') ?? null;
        if (abstractId) abstracts.set(abstractId, []);
        break;
      case 'w:lvl':
        level = { index: Number(attr(node, 'w:ilvl') ?? 0), format: 'decimal', text: '', start: 1 };
        break;
      case 'w:numFmt':
        if (level) level.format = attr(node, 'w:val') ?? 'decimal';
        break;
      case 'w:lvlText':
        if (level) level.text = attr(node, 'w:val') ?? '';
        break;
      case 'w:start':
        if (level) level.start = Number(attr(node, 'w:val') ?? 1);
        break;
      case 'w:num':
        numId = attr(node, 'w:numId') ?? null;
        break;
      case 'w:abstractNumId':
        if (numId) nums.set(numId, attr(node, 'w:val') ?? '');
        break;
    }
  });
  parser.on('closetag', (node) => {
    if (node.name === 'w:lvl' && level && abstractId) {
      abstracts.get(abstractId)![level.index] = level;
      level = null;
    }
    if (node.name === 'w:abstractNum') abstractId = null;
    if (node.name === 'w:num') numId = null;
  });
  parser.write(xml).close();
  for (const [id, abstract] of nums) numbering.set(id, abstracts.get(abstract) ?? []);
  return numbering;
}

const ROMANS: [number, string][] = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];
function roman(n: number): string {
  let out = '';
  for (const [value, symbol] of ROMANS) {
    while (n >= value) {
      out += symbol;
      n -= value;
    }
  }
  return out;
}

const VIETNAMESE_LETTERS = 'abcdđeghiklmnopqrstuvxy';

function formatNumber(format: string, n: number): string {
  switch (format) {
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'lowerLetter':
      return VIETNAMESE_LETTERS[(n - 1) % VIETNAMESE_LETTERS.length]!;
    case 'upperLetter':
      return VIETNAMESE_LETTERS[(n - 1) % VIETNAMESE_LETTERS.length]!.toUpperCase();
    default:
      return String(n);
  }
}

/** Counts list items per list and level, the way Word numbers them. */
class ListCounter {
  private counts = new Map<string, number[]>();
  constructor(private readonly numbering: Numbering) {}

  /** The label of the next item of list `numId` at `ilvl` ("II.", "3.1.", "a)", "-"); '' when unknown. */
  next(numId: string, ilvl: number): string {
    const levels = this.numbering.get(numId);
    const level = levels?.[ilvl];
    if (!levels || !level) return '';
    const counts = this.counts.get(numId) ?? [];
    counts[ilvl] = (counts[ilvl] ?? level.start - 1) + 1;
    counts.length = ilvl + 1;
    this.counts.set(numId, counts);
    if (level.format === 'bullet') return /^[-–+•*]$/.test(level.text) ? level.text : ilvl === 0 ? '-' : '+';
    if (level.format === 'none') return '';
    return level.text.replace(/%(\d)/g, (_, k: string) => {
      const index = Number(k) - 1;
      return formatNumber(levels[index]?.format ?? 'decimal', counts[index] ?? levels[index]?.start ?? 1);
    });
  }
}

type Cell = string[];
type Row = Cell[];

/**
 * Lines of a .docx; throws NotWordDocument when the zip holds no word/document.xml, and lets a
 * broken XML error through (both mean a damaged file to the caller).
 */
export async function docxLines(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const document = zip.file('word/document.xml');
  if (!document) throw new NotWordDocument('no word/document.xml');
  const numbering = readNumbering((await zip.file('word/numbering.xml')?.async('string')) ?? null);
  const counter = new ListCounter(numbering);
  const xml = await document.async('string');

  const lines: string[] = [];
  /** Open tables, innermost last: rows, and the row and cell being read. */
  const tables: { rows: Row[]; row: Row | null; cell: Cell | null; span: number }[] = [];
  let paragraph: string[] | null = null;
  let inText = false;
  let inRun = false;
  let numId: string | null = null;
  let ilvl = 0;

  /** Where a finished paragraph (or line of one) goes: the open cell, or the page. */
  const emit = (text: string) => {
    const table = tables.at(-1);
    if (table?.cell) table.cell.push(text);
    else lines.push(text);
  };
  const flushRun = () => {
    if (!paragraph) return;
    const text = paragraph.join('').replace(/[ \t\u00a0]+$/g, '');
    paragraph = [];
    return text;
  };

  const parser = new SaxesParser();
  parser.on('opentag', (node) => {
    switch (node.name) {
      case 'w:p':
        paragraph = [];
        numId = null;
        ilvl = 0;
        break;
      case 'w:numId':
        numId = attr(node, 'w:val') ?? null;
        break;
      case 'w:ilvl':
        ilvl = Number(attr(node, 'w:val') ?? 0);
        break;
      case 'w:t':
        inText = true;
        break;
      case 'w:r':
        inRun = true;
        break;
      case 'w:tab':
        // A tab typed in the text; w:tab in a paragraph's properties only defines a tab stop.
        if (paragraph && inRun) paragraph.push('\t');
        break;
      case 'w:br':
      case 'w:cr':
        if (paragraph && attr(node, 'w:type') !== 'page') {
          emit(flushRun() ?? '');
        }
        break;
      case 'w:noBreakHyphen':
        paragraph?.push('-');
        break;
      case 'w:tbl':
        tables.push({ rows: [], row: null, cell: null, span: 1 });
        break;
      case 'w:tr':
        tables.at(-1)!.row = [];
        break;
      case 'w:tc':
        tables.at(-1)!.cell = [];
        break;
      case 'w:gridSpan': {
        const table = tables.at(-1);
        if (table) table.span = Number(attr(node, 'w:val') ?? 1);
        break;
      }
    }
  });
  parser.on('text', (text) => {
    if (inText && paragraph) paragraph.push(text);
  });
  parser.on('closetag', (node) => {
    switch (node.name) {
      case 'w:t':
        inText = false;
        break;
      case 'w:r':
        inRun = false;
        break;
      case 'w:p': {
        const text = flushRun() ?? '';
        const label = numId && numId !== '0' ? counter.next(numId, ilvl) : '';
        emit(label && text ? `${label} ${text.trimStart()}` : text);
        paragraph = null;
        break;
      }
      case 'w:tc': {
        const table = tables.at(-1)!;
        // Empty paragraphs only pad a cell; a cell spanning n columns is followed by n - 1 empty
        // ones so the columns after it stay aligned.
        const cell = (table.cell ?? []).map((p) => p.replace(/\t/g, ' ').trim()).filter(Boolean);
        table.row!.push(cell, ...Array.from({ length: Math.max(0, table.span - 1) }, () => []));
        table.cell = null;
        table.span = 1;
        break;
      }
      case 'w:tr': {
        const table = tables.at(-1)!;
        if (table.row) table.rows.push(table.row);
        table.row = null;
        break;
      }
      case 'w:tbl': {
        const table = tables.pop()!;
        for (const line of rowLines(table.rows)) emit(line);
        break;
      }
    }
  });
  parser.write(xml).close();
  return lines;
}

/** Table rows → text lines: paragraph k of every cell on line k, cells joined by tabs. */
function rowLines(rows: Row[]): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    const height = Math.max(1, ...row.map((cell) => cell.length));
    for (let k = 0; k < height; k++) {
      const cells = row.map((cell) => cell[k] ?? '');
      if (cells.every((c) => c === '')) continue;
      // A one-column table is a framed paragraph, not a table.
      lines.push(cells.length === 1 ? cells[0]! : cells.join('\t'));
    }
  }
  return lines;
}
