import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Header,
  LineRuleType,
  type IBorderOptions,
  type ITableCellBorders,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { sanitizeText } from '../sites/sites.export';
import type { AgencyBlock } from './record.text';

/**
 * The page and the blocks of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP,
 * Phụ lục I): A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt;
 * the agency block top left and the national motto top right, each with a short rule under
 * it; number and the place-and-date line; the title; the body; the signature block. Only
 * real paragraphs and tables (no text boxes, no drawn lines), so Word and LibreOffice edit it.
 */

export const FONT = 'Times New Roman';
/** Half-points, as docx counts font sizes. */
export const PT = (points: number) => points * 2;
const mm = convertMillimetersToTwip;

const PAGE = { width: mm(210), height: mm(297) };
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };
/** Width of the text between the margins, in twips. */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NO_CELL_BORDERS: ITableCellBorders = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER };

type RunStyle = { bold?: boolean; italics?: boolean; size?: number; allCaps?: boolean };

/** A run of user text: characters XML forbids are dropped, line breaks kept as breaks. */
export function run(text: string, style: RunStyle = {}): TextRun[] {
  return sanitizeText(text)
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, bold: style.bold, italics: style.italics, size: style.size }));
}

type ParagraphStyle = RunStyle & {
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  /** First-line indent of body text (1 cm). */
  indent?: boolean;
  after?: number;
  before?: number;
  keepNext?: boolean;
  /** The paragraph's lines on one page. */
  keepLines?: boolean;
  pageBreakBefore?: boolean;
};

/** One paragraph of mixed runs: `[text, style]` pairs or plain strings. */
export function para(parts: (string | [string, RunStyle] | ParagraphChild)[], style: ParagraphStyle = {}): Paragraph {
  const children = parts.flatMap((part) =>
    typeof part === 'string' ? run(part, style) : Array.isArray(part) ? run(part[0], { ...style, ...part[1] }) : [part],
  );
  return new Paragraph({
    children,
    alignment: style.align ?? AlignmentType.JUSTIFIED,
    indent: style.indent ? { firstLine: mm(10) } : undefined,
    spacing: { before: style.before ?? 0, after: style.after ?? 120, line: 276, lineRule: LineRuleType.AUTO },
    keepNext: style.keepNext,
    keepLines: style.keepLines,
    pageBreakBefore: style.pageBreakBefore,
  });
}

/** A centred line, bold unless told. */
export const centred = (text: string, style: RunStyle & { after?: number; before?: number; pageBreakBefore?: boolean; keepNext?: boolean } = {}) =>
  para([text], { bold: true, ...style, align: AlignmentType.CENTER, after: style.after ?? 0 });

/** A section heading of the body: bold, kept with what follows. */
export const heading = (text: string) => para([text], { bold: true, before: 120, keepNext: true });

/** A short rule under a header line: a bottom border between indents, `widthMm` wide and centred in a cell `cellMm` wide. */
function rule(cellMm: number, widthMm: number): Paragraph {
  const side = mm(Math.max(0, (cellMm - widthMm) / 2));
  // A paragraph only a few points tall: the rule sits just under the line above it.
  return new Paragraph({
    children: [],
    indent: { left: side, right: side },
    border: { top: { ...THIN, space: 1 } },
    spacing: { before: 40, after: 0, line: 100, lineRule: LineRuleType.EXACT },
    run: { size: 4 },
  });
}

const LEFT_MM = 70;
const RIGHT_MM = 95;

const headerCell = (children: Paragraph[], widthMm: number) =>
  new TableCell({ children, width: { size: mm(widthMm), type: WidthType.DXA }, borders: NO_CELL_BORDERS, verticalAlign: VerticalAlignTable.TOP });

/** A table with no borders for blocks laid side by side (header, signatures). */
function layoutTable(rows: TableCell[][], widthsMm: number[]): Table {
  return new Table({
    rows: rows.map((cells) => new TableRow({ children: cells, cantSplit: true })),
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widthsMm.map(mm),
    layout: TableLayoutType.FIXED,
    borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
  });
}

/**
 * The header: agency (governing body, issuing agency in bold, a rule) and the national motto
 * (with its rule) side by side; on the row under them the number (`Số:      /BB-SGDĐT`) and the
 * place and date line in italics, level with each other.
 */
export function documentHeader(agency: AgencyBlock, kind: string, date: string): Table {
  const line = (text: string, style: RunStyle & { before?: number }) => centred(text, { bold: false, ...style });
  const left = [...(agency.parent ? [line(agency.parent, { size: PT(13) })] : []), line(agency.issuer, { bold: true, size: PT(13) }), rule(LEFT_MM, 28)];
  const right = [line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: PT(12) }), line('Độc lập - Tự do - Hạnh phúc', { bold: true, size: PT(13) }), rule(RIGHT_MM, 58)];
  const [y, m, d] = date.split('-');
  return layoutTable(
    [
      [headerCell(left, LEFT_MM), headerCell(right, RIGHT_MM)],
      [
        headerCell([line(`Số:        /${kind}${agency.code ? `-${agency.code}` : ''}`, { size: PT(13), before: 80 })], LEFT_MM),
        headerCell([line(`${agency.place || '……………'}, ngày ${d} tháng ${m} năm ${y}`, { italics: true, size: PT(13), before: 80 })], RIGHT_MM),
      ],
    ],
    [LEFT_MM, RIGHT_MM],
  );
}

/** Signature blocks side by side: a title in bold capitals, a hint in italics, room to sign, the name in bold. */
export function signatures(blocks: { title: string[]; hint?: string; name: string; left?: Paragraph[] }[]): Table {
  const widthMm = 165 / blocks.length;
  // Every line of the block keeps with the next: the row is never split, and Word keeps it on the page of the text before it (that paragraph keeps with next).
  const cells = blocks.map((block) => {
    const children = block.left ?? [
      ...block.title.map((t) => centred(t, { size: PT(14), keepNext: true })),
      ...(block.hint ? [centred(block.hint, { bold: false, italics: true, size: PT(13), keepNext: true })] : []),
      ...Array.from({ length: 4 }, () => centred('', { keepNext: true })),
      centred(block.name || '…………………………', { size: PT(14) }),
    ];
    return headerCell(children, widthMm);
  });
  return layoutTable([cells], blocks.map(() => widthMm));
}

/** The "Nơi nhận" block of a notice, at the left of the signature. */
export function recipients(lines: string[]): Paragraph[] {
  return [
    new Paragraph({ children: run('Nơi nhận:', { bold: true, italics: true, size: PT(12) }), spacing: { after: 0 } }),
    ...lines.map((l) => new Paragraph({ children: run(l, { size: PT(11) }), spacing: { after: 0 } })),
  ];
}

export type Column = { header: string; widthMm: number; align?: 'center' | 'right' };
export type Cell = string | { text: string; bold?: boolean; span?: number };

/**
 * A data table with a bold header row repeated on every page, thin borders, 13 pt. `rows`
 * holds plain cells, or a cell spanning several columns (a group row).
 */
export function dataTable(columns: Column[], rows: Cell[][], options: { size?: number } = {}): Table {
  const size = options.size ?? PT(13);
  const total = columns.reduce((sum, c) => sum + c.widthMm, 0);
  const widths = columns.map((c) => Math.round((c.widthMm / total) * TEXT_WIDTH));
  const cell = (value: Cell, index: number, header: boolean) => {
    const { text, bold, span } = typeof value === 'string' ? { text: value, bold: false, span: 1 } : { span: 1, ...value };
    const column = columns[index]!;
    const align = header ? AlignmentType.CENTER : column.align === 'center' ? AlignmentType.CENTER : column.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
    const width = widths.slice(index, index + (span ?? 1)).reduce((a, b) => a + b, 0);
    // The header row and a group's row keep with the row under them: never alone at a page's foot.
    const keepNext = header || (span ?? 1) > 1;
    return new TableCell({
      children: [new Paragraph({ children: run(text, { bold: header || bold, size }), alignment: align, spacing: { before: 20, after: 20 }, keepNext })],
      width: { size: width, type: WidthType.DXA },
      columnSpan: span && span > 1 ? span : undefined,
      verticalAlign: header ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
      margins: { left: 80, right: 80 },
    });
  };
  const rowOf = (values: Cell[], header: boolean) => {
    let index = 0;
    const cells = values.map((value) => {
      const made = cell(value, index, header);
      index += typeof value === 'string' ? 1 : (value.span ?? 1);
      return made;
    });
    return new TableRow({ children: cells, tableHeader: header, cantSplit: true });
  };
  return new Table({
    rows: [rowOf(columns.map((c) => c.header), true), ...rows.map((r) => rowOf(r, false))],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
  });
}

/** An empty paragraph after a table (Word joins two adjacent tables otherwise). */
export const spacer = () => new Paragraph({ children: [], spacing: { after: 60 } });

/**
 * The document: A4 with the decree's margins, Times New Roman 14 pt, page numbers centred in
 * the header from the second page on.
 */
export async function packDocument(meta: { title: string; subject: string }, children: (Paragraph | Table)[]): Promise<Buffer> {
  const pageNumber = new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: PT(13) })] });
  const doc = new Document({
    creator: 'diemcau',
    title: sanitizeText(meta.title),
    subject: sanitizeText(meta.subject),
    styles: { default: { document: { run: { font: FONT, size: PT(14) }, paragraph: { spacing: { line: 276, lineRule: LineRuleType.AUTO } } } } },
    sections: [
      {
        properties: { titlePage: true, page: { size: PAGE, margin: { ...MARGIN, header: mm(10), footer: mm(10) } } },
        headers: { default: new Header({ children: [pageNumber] }), first: new Header({ children: [new Paragraph({ children: [] })] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
