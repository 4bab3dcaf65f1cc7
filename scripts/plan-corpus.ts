/**
 * npm run plan:corpus   — rebuilds tests/fixtures/plans/*.docx and *.pdf from the *.txt.
 *
 * Each .txt is a plan (invitation, notice, programme …) as a person would paste it; this lays it
 * out in Word the way departments do under Nghị định 30/2020 (letterhead as a borderless
 * two-column table, centred bold titles, justified paragraphs with a first-line indent, "1." and
 * "-" as Word's automatic numbering followed by a tab, tables with a repeated header row and
 * multi-paragraph cells, each annex on a new page, the signature block as a table), then has
 * LibreOffice export each .docx to PDF. The outputs are committed so tests need no LibreOffice;
 * run this again after editing a .txt (needs `soffice`: Debian's libreoffice-writer).
 *
 * Conventions of the .txt: the lines before the document type (KẾ HOẠCH, GIẤY MỜI, …) are the
 * letterhead (a tab separates its two columns); lines with tabs are table rows, and a row whose
 * first cell is empty continues the row above (its cells' next paragraphs); a line starting with
 * "Nơi nhận:" begins the signature block (tab: left / right).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AlignmentType,
  BorderStyle,
  Document,
  LevelFormat,
  LevelSuffix,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

export const CORPUS_DIR = path.join(import.meta.dirname, '../tests/fixtures/plans');

const DOC_TYPE = /^(KẾ HOẠCH|GIẤY MỜI|THÔNG BÁO|CHƯƠNG TRÌNH|QUYẾT ĐỊNH|BÁO CÁO|CÔNG VĂN|TỜ TRÌNH)\b/u;
const FONT = 'Times New Roman';
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

type Block =
  | { kind: 'letterhead'; rows: [string, string][] }
  | { kind: 'title'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; rows: string[][][] }
  | { kind: 'annex'; text: string }
  | { kind: 'signature'; rows: [string, string][] };

/** A stable small number from a name: which of the layouts Word users pick this document gets. */
const variant = (name: string, n: number) => [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % n;

/** The letterhead's two columns: given by tabs, or agency lines left and motto/date right. */
function letterhead(lines: string[]): [string, string][] {
  if (lines.some((l) => l.includes('\t'))) return lines.map((l) => [l.split('\t')[0]!.trim(), (l.split('\t')[1] ?? '').trim()]);
  const right = lines.filter((l) => /CỘNG HÒA|Độc lập|ngày|^[-—_]+$/u.test(l));
  const left = lines.filter((l) => !right.includes(l));
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => [left[i] ?? '', right[i] ?? '']);
}

export function corpusBlocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const typeAt = lines.findIndex((l) => DOC_TYPE.test(l.trim()));
  const blocks: Block[] = [];
  const head = lines.slice(0, Math.max(0, typeAt)).filter((l) => l.trim());
  if (head.length > 0) blocks.push({ kind: 'letterhead', rows: letterhead(head) });
  let i = Math.max(0, typeAt);
  // The type and the title lines under it, up to the first blank line.
  for (; i < lines.length && lines[i]!.trim(); i++) blocks.push({ kind: 'title', text: lines[i]!.trim() });
  let table: string[][][] | null = null;
  let signature: [string, string][] | null = null;
  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    if (signature && /^(PHỤ LỤC|Phụ lục)\b/u.test(raw.trim())) signature = null;
    if (signature) {
      if (raw.trim()) signature.push([raw.split('\t')[0]!.trim(), (raw.split('\t')[1] ?? '').trim()]);
      continue;
    }
    if (/^Nơi nhận/u.test(raw.trim())) {
      table = null;
      signature = [[raw.split('\t')[0]!.trim(), (raw.split('\t')[1] ?? '').trim()]];
      blocks.push({ kind: 'signature', rows: signature });
      continue;
    }
    if (raw.includes('\t')) {
      const cells = raw.split('\t').map((c) => c.trim());
      if (table && cells[0] === '' && table.length > 0) {
        const last = table.at(-1)!;
        cells.forEach((c, k) => {
          if (c) (last[k] ??= []).push(c);
        });
        continue;
      }
      if (!table) {
        table = [];
        blocks.push({ kind: 'table', rows: table });
      }
      table.push(cells.map((c) => (c ? [c] : [])));
      continue;
    }
    if (!raw.trim()) continue;
    table = null;
    const value = raw.trim();
    if (/^(PHỤ LỤC|Phụ lục)\b/u.test(value)) blocks.push({ kind: 'annex', text: value });
    else blocks.push({ kind: 'paragraph', text: value });
  }
  return blocks;
}

/** "**bold** rest", "*italic*" → runs in the document's font. */
function runs(text: string, options: { bold?: boolean; size?: number; italics?: boolean } = {}): TextRun[] {
  return text
    .split(/(\*\*[^*]+\*\*|\*[^*]+\*)/)
    .filter(Boolean)
    .map((part) => {
      const bold = part.startsWith('**');
      const italics = !bold && part.startsWith('*') && part.length > 2;
      const value = bold ? part.slice(2, -2) : italics ? part.slice(1, -1) : part;
      return new TextRun({ text: value, font: FONT, size: (options.size ?? 14) * 2, bold: bold || options.bold, italics: italics || options.italics });
    });
}

/** A document's layout choices: typed or automatic numbers, indents, fonts size. */
type Style = { autoNumbers: boolean; autoBullets: boolean; size: number };

export async function corpusDocx(name: string, text: string): Promise<Uint8Array> {
  const style: Style = { autoNumbers: variant(name, 3) !== 0, autoBullets: variant(name, 2) === 0, size: variant(name, 2) === 0 ? 14 : 13 };
  const children: (Paragraph | Table)[] = [];
  let list = 0;
  let inList = false;
  const centred = (value: string, bold: boolean, size = style.size) => new Paragraph({ alignment: AlignmentType.CENTER, children: runs(value, { bold, size }) });
  for (const block of corpusBlocks(text)) {
    if (block.kind !== 'paragraph') inList = false;
    switch (block.kind) {
      case 'letterhead': {
        const column = (values: string[], width: number, motto: boolean) =>
          new TableCell({
            width: { size: width, type: WidthType.DXA },
            children: values.filter((v, k) => v || k < values.length - 1).map((v, k) => {
              const dated = /ngày/u.test(v);
              return new Paragraph({ alignment: dated ? AlignmentType.RIGHT : AlignmentType.CENTER, children: runs(v, { bold: !dated && (motto ? k < 2 : !/^Số|^V\/v/u.test(v) && k > 0), italics: dated, size: motto && k === 0 ? 12 : 13 }) });
            }),
          });
        const left = block.rows.map((r) => r[0]);
        const right = block.rows.map((r) => r[1]);
        children.push(new Table({ borders: NO_BORDERS, width: { size: 9500, type: WidthType.DXA }, columnWidths: [3800, 5700], rows: [new TableRow({ children: [column(left, 3800, false), column(right, 5700, true)] })] }));
        children.push(new Paragraph({ children: [] }));
        break;
      }
      case 'title':
        children.push(centred(block.text, true, DOC_TYPE.test(block.text) ? 14 : style.size));
        break;
      case 'annex':
        children.push(new Paragraph({ children: [new PageBreak()] }), centred(block.text, true));
        break;
      case 'paragraph': {
        const number = /^(\d{1,2})\.\s+(.*)$/u.exec(block.text);
        const bullet = /^-\s+(.*)$/u.exec(block.text);
        const heading = /^[IVX]{1,4}\.\s/u.test(block.text) || /^[A-ZĐ]\.\s/u.test(block.text);
        if (number && style.autoNumbers) {
          if (!inList || number[1] === '1') list++;
          inList = true;
          children.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, numbering: { reference: 'decimal', level: 0, instance: list }, indent: { firstLine: 720 }, children: runs(number[2]!, { size: style.size }) }));
        } else if (bullet && style.autoBullets) {
          children.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, numbering: { reference: 'dash', level: 0 }, indent: { firstLine: 720 }, children: runs(bullet[1]!, { size: style.size }) }));
        } else {
          if (!number) inList = inList && !heading;
          children.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 720 }, spacing: { after: 60 }, children: runs(block.text, { bold: heading, size: style.size }) }));
        }
        break;
      }
      case 'table': {
        const width = Math.max(...block.rows.map((r) => r.length));
        const header = block.rows[0]!.map((c) => c.join(' '));
        const total = 9300;
        const widths = header.map((h): number => (/^(TT|STT)$/u.test(h) ? 700 : /^Thời gian|^Giờ/u.test(h) ? 1700 : 0));
        const fixed = widths.reduce((a, b) => a + b, 0);
        const flexible = widths.filter((w) => w === 0).length || 1;
        const columns = widths.map((w) => w || Math.floor((total - fixed) / flexible));
        children.push(
          new Table({
            width: { size: total, type: WidthType.DXA },
            columnWidths: columns,
            rows: block.rows.map(
              (row, r) =>
                new TableRow({
                  tableHeader: r === 0,
                  cantSplit: false,
                  children: Array.from({ length: width }, (_, k) => {
                    const paragraphs = row[k] ?? [];
                    return new TableCell({
                      width: { size: columns[k] ?? 1000, type: WidthType.DXA },
                      children: (paragraphs.length > 0 ? paragraphs : ['']).map((p) => new Paragraph({ alignment: r === 0 || k === 0 ? AlignmentType.CENTER : AlignmentType.LEFT, children: runs(p, { bold: r === 0, size: 13 }) })),
                    });
                  }),
                }),
            ),
          }),
        );
        children.push(new Paragraph({ children: [] }));
        break;
      }
      case 'signature': {
        const column = (values: string[], width: number, right: boolean) =>
          new TableCell({
            width: { size: width, type: WidthType.DXA },
            children: values.filter(Boolean).map((v, k) => new Paragraph({ alignment: right ? AlignmentType.CENTER : AlignmentType.LEFT, children: runs(v, { bold: right || k === 0, italics: !right && k === 0, size: right ? 14 : 11 }) })),
          });
        children.push(new Table({ borders: NO_BORDERS, width: { size: 9500, type: WidthType.DXA }, columnWidths: [4750, 4750], rows: [new TableRow({ children: [column(block.rows.map((r) => r[0]), 4750, false), column(block.rows.map((r) => r[1]), 4750, true)] })] }));
        break;
      }
    }
  }
  const level = (format: (typeof LevelFormat)[keyof typeof LevelFormat], value: string) => ({
    level: 0,
    format,
    text: value,
    suffix: LevelSuffix.TAB,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 0, firstLine: 720 } } },
  });
  const document = new Document({
    styles: { default: { document: { run: { font: FONT, size: style.size * 2 } } } },
    numbering: { config: [{ reference: 'decimal', levels: [level(LevelFormat.DECIMAL, '%1.')] }, { reference: 'dash', levels: [level(LevelFormat.BULLET, '-')] }] },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } }, children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

async function main(): Promise<void> {
  const names = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .filter((n) => !process.argv[2] || n.includes(process.argv[2]));
  for (const name of names) writeFileSync(path.join(CORPUS_DIR, `${name}.docx`), await corpusDocx(name, readFileSync(path.join(CORPUS_DIR, `${name}.txt`), 'utf8')));
  const out = mkdtempSync(path.join(tmpdir(), 'plan-corpus-'));
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${out}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...names.map((n) => path.join(CORPUS_DIR, `${n}.docx`))], { stdio: 'ignore', timeout: 600_000 });
    for (const name of names) renameSync(path.join(out, `${name}.pdf`), path.join(CORPUS_DIR, `${name}.pdf`));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  process.stdout.write(`${names.length} documents: .docx and .pdf written to tests/fixtures/plans/\n`);
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) await main();
