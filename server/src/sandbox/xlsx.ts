import type { SaxesTagPlain } from 'saxes';
import { type FileLimits, limitError } from './limits';
import { readXml } from './xml';
import { type GuardedZip, openZip } from './zip';

/**
 * The cells of an .xlsx, read straight from its XML parts with every limit checked while
 * reading: only the workbook, its sheets, shared strings, number formats and hyperlinks are
 * touched, and only cells holding a value are kept. Nothing else in the file (merged ranges,
 * validations, defined names, column definitions, images) is expanded, so a 12 KB file naming
 * a cell in the last column or a range of the whole sheet costs what its XML costs.
 */

/** A cell as read: text, a number, a formula error, or a mailto link. */
export type SheetCell = string | number | null | { error: string } | { text: string; mailto: string };
export type SheetRow = { line: number; cells: SheetCell[] };
export type Sheet = { name: string; rows: SheetRow[] };

/** Thrown for a zip that is no workbook. */
export class NotWorkbook extends Error {}

const local = (name: string) => name.slice(name.indexOf(':') + 1);
const attr = (node: SaxesTagPlain, name: string): string | undefined => {
  const value = node.attributes[name];
  return typeof value === 'string' ? value : undefined;
};

/** Part paths relative to `from`'s folder ("worksheets/sheet1.xml" from xl/workbook.xml), or absolute ("/xl/…"). */
function resolvePart(from: string, target: string): string {
  const parts = target.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const segment of target.replace(/^\//, '').split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

type Relationship = { type: string; target: string; external: boolean };

function relationships(zip: GuardedZip, part: string, depth: number): Map<string, Relationship> {
  const folder = part.split('/').slice(0, -1).join('/');
  const relsPath = `${folder ? `${folder}/` : ''}_rels/${part.split('/').at(-1)}.rels`;
  const rels = new Map<string, Relationship>();
  const xml = zip.text(relsPath);
  if (xml === null) return rels;
  readXml(relsPath, xml, depth, {
    open(node) {
      if (local(node.name) !== 'Relationship') return;
      const id = attr(node, 'Id');
      const target = attr(node, 'Target') ?? '';
      const external = attr(node, 'TargetMode') === 'External';
      if (id) rels.set(id, { type: attr(node, 'Type') ?? '', target: external ? target : resolvePart(part, target), external });
    },
  });
  return rels;
}

const relOfType = (rels: Map<string, Relationship>, suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix));

/** Text of <si> or <is>: its <t> pieces, without phonetic runs (<rPh>). */
function richTextCollector() {
  let inT = false;
  let inPhonetic = 0;
  let text = '';
  return {
    open(name: string) {
      if (name === 'rPh') inPhonetic++;
      else if (name === 't' && inPhonetic === 0) inT = true;
    },
    close(name: string) {
      if (name === 'rPh') inPhonetic--;
      else if (name === 't') inT = false;
    },
    text(t: string) {
      if (inT) text += t;
    },
    take() {
      const out = text;
      text = '';
      return out;
    },
  };
}

function sharedStrings(zip: GuardedZip, part: string | undefined, limits: FileLimits): string[] {
  const xml = part ? zip.text(part) : null;
  if (!xml || !part) return [];
  const strings: string[] = [];
  const rich = richTextCollector();
  readXml(part, xml, limits.maxXmlDepth, {
    open(node) {
      const name = local(node.name);
      if (name === 'si' && strings.length >= limits.maxCells) throw limitError.cells(limits.maxCells);
      rich.open(name);
    },
    close(node) {
      const name = local(node.name);
      rich.close(name);
      if (name === 'si') strings.push(rich.take());
    },
    text: rich.text,
  });
  return strings;
}

/** Built-in number formats that show a date or time. */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const isDateCode = (code: string) => /[dmyhs]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));

/** For each cell style (s="n"), whether it shows a date. */
function dateStyles(zip: GuardedZip, part: string | undefined, depth: number): boolean[] {
  const xml = part ? zip.text(part) : null;
  if (!xml || !part) return [];
  const custom = new Map<number, boolean>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  readXml(part, xml, depth, {
    open(node) {
      const name = local(node.name);
      if (name === 'numFmt') custom.set(Number(attr(node, 'numFmtId')), isDateCode(attr(node, 'formatCode') ?? ''));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(node, 'numFmtId') ?? 0);
        styles.push(custom.get(id) ?? DATE_FORMAT_IDS.has(id));
      }
    },
    close(node) {
      if (local(node.name) === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

/** "AB12" → column 28, row 12; null when it is no cell reference. */
function cellRef(ref: string): { column: number; row: number } | null {
  const match = /^\$?([A-Za-z]{1,4})\$?(\d{1,8})$/.exec(ref);
  if (!match) return null;
  let column = 0;
  for (const ch of match[1]!.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { column, row: Number(match[2]) };
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateText = (date: Date) => (Number.isNaN(date.getTime()) ? '' : `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`);
/** An Excel serial day (1900 or 1904 system) as dd/mm/yyyy. */
const serialDate = (serial: number, base1904: boolean) => dateText(new Date(Math.round((serial - (base1904 ? 24107 : 25569)) * 86_400_000)));

type SheetContext = { name: string; part: string; strings: string[]; dates: boolean[]; base1904: boolean; limits: FileLimits; counted: { cells: number } };

function readSheet(zip: GuardedZip, context: SheetContext): Sheet {
  const { name: sheetName, part, strings, dates, base1904, limits, counted } = context;
  const xml = zip.text(part);
  const rows = new Map<number, SheetCell[]>();
  if (xml === null) return { name: sheetName, rows: [] };
  const links: { ref: string; id: string }[] = [];
  const rich = richTextCollector();
  let rowNumber = 0;
  let column = 0;
  let cell: { type: string; style: number; ref: string; value: string | null; inline: boolean } | null = null;
  let inValue = false;

  const store = (value: SheetCell) => {
    if (value === null || (typeof value === 'string' && value.trim() === '')) return;
    if (rowNumber > limits.maxRows) throw limitError.rows(sheetName, rowNumber, limits.maxRows);
    if (column > limits.maxColumns) throw limitError.columns(sheetName, cell?.ref || `cột ${column}`, limits.maxColumns);
    if (++counted.cells > limits.maxCells) throw limitError.cells(limits.maxCells);
    let row = rows.get(rowNumber);
    if (!row) rows.set(rowNumber, (row = []));
    row[column - 1] = value;
  };
  const valueOf = (c: NonNullable<typeof cell>): SheetCell => {
    if (c.inline) return rich.take();
    const v = c.value;
    if (v === null) return null;
    switch (c.type) {
      case 's':
        return strings[Number(v)] ?? null;
      case 'str':
        return v;
      case 'b':
        return v === '1' ? 'TRUE' : 'FALSE';
      case 'e':
        return { error: v };
      case 'd':
        return dateText(new Date(v));
      default: {
        const n = Number(v);
        if (v.trim() === '' || Number.isNaN(n)) return v;
        return dates[c.style] ? serialDate(n, base1904) : n;
      }
    }
  };

  readXml(part, xml, limits.maxXmlDepth, {
    open(node) {
      const name = local(node.name);
      if (cell?.inline) rich.open(name);
      switch (name) {
        case 'row': {
          const r = Number(attr(node, 'r'));
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          column = 0;
          break;
        }
        case 'c': {
          const ref = attr(node, 'r') ?? '';
          const at = cellRef(ref);
          if (at) {
            column = at.column;
            rowNumber = at.row;
          } else column++;
          cell = { type: attr(node, 't') ?? 'n', style: Number(attr(node, 's') ?? 0), ref, value: null, inline: false };
          break;
        }
        case 'v':
          inValue = cell !== null;
          break;
        case 'is':
          if (cell) cell.inline = true;
          break;
        case 'hyperlink': {
          const id = Object.entries(node.attributes).find(([k]) => k.endsWith(':id'))?.[1];
          const ref = attr(node, 'ref');
          if (ref && typeof id === 'string' && links.length < limits.maxCells) links.push({ ref, id });
          break;
        }
      }
    },
    close(node) {
      const name = local(node.name);
      if (name === 'v') inValue = false;
      else if (name === 'c' && cell) {
        store(valueOf(cell));
        cell = null;
      } else if (cell?.inline) rich.close(name);
    },
    text(text) {
      if (inValue && cell) cell.value = (cell.value ?? '') + text;
      else if (cell?.inline) rich.text(text);
    },
  });

  if (links.length > 0) {
    const rels = relationships(zip, part, limits.maxXmlDepth);
    for (const link of links) {
      const target = rels.get(link.id)?.target ?? '';
      const mailto = /^mailto:([^?]*)/i.exec(target)?.[1];
      if (mailto === undefined) continue;
      const [from, to] = link.ref.split(':').map(cellRef);
      if (!from) continue;
      const last = to ?? from;
      for (const [line, cells] of rows) {
        if (line < from.row || line > last.row) continue;
        for (let c = from.column; c <= Math.min(last.column, cells.length); c++) {
          const value = cells[c - 1];
          if (value === undefined) continue;
          let address = mailto;
          try {
            address = decodeURIComponent(mailto);
          } catch {
            // a stray % stays as written
          }
          const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
          cells[c - 1] = { text: text || mailto, mailto: address };
        }
      }
    }
  }
  return { name: sheetName, rows: [...rows].sort(([a], [b]) => a - b).map(([line, cells]) => ({ line, cells: Array.from(cells, (c) => c ?? null) })) };
}

/** The sheets of an .xlsx in the workbook's order; throws FileLimitError, DamagedZip, or NotWorkbook. */
export function readXlsx(bytes: Uint8Array, limits: FileLimits): Sheet[] {
  const zip = openZip(bytes, limits);
  const depth = limits.maxXmlDepth;
  const workbookPart = relOfType(relationships(zip, '', depth), '/officeDocument')?.target ?? 'xl/workbook.xml';
  const workbookXml = zip.text(workbookPart);
  if (workbookXml === null) throw new NotWorkbook('no workbook part');
  const declared: { name: string; id: string }[] = [];
  let base1904 = false;
  readXml(workbookPart, workbookXml, depth, {
    open(node) {
      const name = local(node.name);
      if (name === 'workbookPr') base1904 = ['1', 'true'].includes(attr(node, 'date1904') ?? '');
      if (name !== 'sheet') return;
      const id = Object.entries(node.attributes).find(([k]) => k.endsWith(':id'))?.[1];
      if (typeof id === 'string') declared.push({ name: attr(node, 'name') ?? '', id });
    },
  });
  const rels = relationships(zip, workbookPart, depth);
  const strings = sharedStrings(zip, relOfType(rels, '/sharedStrings')?.target, limits);
  const dates = dateStyles(zip, relOfType(rels, '/styles')?.target, depth);
  const counted = { cells: 0 };
  const sheets = declared
    .map((s) => ({ name: s.name, rel: rels.get(s.id) }))
    .filter((s) => s.rel && !s.rel.external && s.rel.type.endsWith('/worksheet'))
    .map((s) => readSheet(zip, { name: s.name, part: s.rel!.target, strings, dates, base1904, limits, counted }));
  if (sheets.length === 0) throw new NotWorkbook('no worksheet');
  return sheets;
}
