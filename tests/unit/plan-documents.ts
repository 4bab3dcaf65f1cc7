import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';

/**
 * Builds the .docx and .pdf a department would send from a plan's text, so the readers are
 * tested on real files: the letterhead as a two-column table, headings, "- " bullets as Word
 * list numbering, bold runs, and the tab-separated rows as tables (a row's continuation lines
 * as rows of their own, a header repeated after a page break dropped, as Word repeats it).
 */

type Block = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: string[][] } | { kind: 'letterhead'; left: string[]; right: string[] };

/** The plan's text as blocks: letterhead (the lines before KẾ HOẠCH), paragraphs, tables. */
export function planBlocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const typeAt = lines.findIndex((l) => /^(KẾ HOẠCH|CHƯƠNG TRÌNH)/u.test(l.trim()));
  const head = lines.slice(0, Math.max(0, typeAt)).map((l) => l.trim()).filter(Boolean);
  const left = ['UBND TỈNH', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', ...head.filter((l) => /^Số/u.test(l))];
  const right = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', ...head.filter((l) => /ngày/u.test(l))];
  const place = right.at(-1)?.split(',')[0]?.trim();
  if (place) left[0] = `UBND TỈNH ${place.toLocaleUpperCase('vi')}`;
  const blocks: Block[] = [{ kind: 'letterhead', left, right }];
  let table: string[][] | null = null;
  for (const raw of lines.slice(Math.max(0, typeAt))) {
    if (raw.includes('\t')) {
      const cells = raw.split('\t').map((c) => c.trim());
      if (table && table.length > 0 && cells.join('|') === table[0]!.join('|')) continue;
      if (!table) {
        table = [];
        blocks.push({ kind: 'table', rows: table });
      }
      table.push(cells);
      continue;
    }
    if (raw.trim() === '') continue;
    table = null;
    blocks.push({ kind: 'paragraph', text: raw.trim() });
  }
  return blocks;
}

/** "**bold** rest" → runs. */
function runs(text: string): TextRun[] {
  return text
    .split(/(\*\*[^*]+\*\*)/)
    .filter(Boolean)
    .map((part) => (part.startsWith('**') ? new TextRun({ text: part.slice(2, -2), bold: true }) : new TextRun(part)));
}

/** A Word document of the plan; "- " lines become a real bulleted list (numbering.xml), as Word writes them. */
export async function planDocx(text: string): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  for (const block of planBlocks(text)) {
    if (block.kind === 'letterhead') {
      const column = (lines: string[]) =>
        new TableCell({ width: { size: 4500, type: WidthType.DXA }, children: lines.map((l) => new Paragraph({ alignment: AlignmentType.CENTER, children: runs(l) })) });
      children.push(new Table({ rows: [new TableRow({ children: [column(block.left), column(block.right)] })] }));
    } else if (block.kind === 'paragraph') {
      const bullet = /^-\s+(.*)$/u.exec(block.text);
      const title = /^(KẾ HOẠCH|CHƯƠNG TRÌNH)$/u.test(block.text);
      children.push(
        bullet
          ? new Paragraph({ numbering: { reference: 'dash', level: 0 }, children: runs(bullet[1]!) })
          : new Paragraph({ alignment: title ? AlignmentType.CENTER : AlignmentType.JUSTIFIED, children: runs(block.text) }),
      );
    } else {
      const width = Math.max(...block.rows.map((r) => r.length));
      children.push(
        new Table({
          rows: block.rows.map(
            (row) =>
              new TableRow({
                children: Array.from({ length: width }, (_, i) => new TableCell({ children: [new Paragraph({ children: runs(row[i] ?? '') })] })),
              }),
          ),
        }),
      );
    }
  }
  const document = new Document({
    numbering: { config: [{ reference: 'dash', levels: [{ level: 0, format: LevelFormat.BULLET, text: '-', alignment: AlignmentType.LEFT }] }] },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const FONT_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
const SIZE = 10.5;
const LEADING = 13;
const PAGE = { width: 595, height: 842, left: 70, right: 525, top: 780, bottom: 60 };

/** Widths of a numbered table's columns (pt) by its number of columns: TT, time, content, presenter. */
const COLUMNS: Record<number, number[]> = { 2: [30, 425], 3: [30, 300, 125], 4: [30, 75, 215, 135] };

function wrap(text: string, font: PDFFont, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, SIZE) > width) {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line) out.push(line);
  return out.length > 0 ? out : [''];
}

/**
 * A PDF of the plan with a text layer in DejaVu Sans (Debian's fonts-dejavu-core): justified
 * paragraphs wrapped at the margin, the letterhead in two columns, tables with ruled cells
 * whose text wraps inside the cell, the header row repeated on a new page.
 */
export async function planPdf(text: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(readFileSync(FONT), { subset: true });
  const bold = await pdf.embedFont(readFileSync(FONT_BOLD), { subset: true });
  let page: PDFPage = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.top;
  const newPage = () => {
    page = pdf.addPage([PAGE.width, PAGE.height]);
    y = PAGE.top;
  };
  const plain = (value: string) => value.replace(/\*\*/g, '');

  for (const block of planBlocks(text)) {
    if (block.kind === 'letterhead') {
      const rows = Math.max(block.left.length, block.right.length);
      for (let i = 0; i < rows; i++) {
        for (const [lines, x0, width] of [[block.left, PAGE.left, 200], [block.right, 300, 225]] as const) {
          const value = lines[i];
          if (!value) continue;
          const w = font.widthOfTextAtSize(value, SIZE);
          page.drawText(value, { x: x0 + Math.max(0, (width - w) / 2), y, size: SIZE, font: i < 2 ? bold : font });
        }
        y -= LEADING;
      }
      y -= LEADING * 2;
    } else if (block.kind === 'paragraph') {
      const value = plain(block.text);
      const centred = /^(KẾ HOẠCH|CHƯƠNG TRÌNH|Phụ lục|DANH MỤC)/u.test(value) || value === value.toLocaleUpperCase('vi');
      const lines = wrap(value, font, PAGE.right - PAGE.left);
      if (y - lines.length * LEADING < PAGE.bottom) newPage();
      for (const line of lines) {
        const w = font.widthOfTextAtSize(line, SIZE);
        page.drawText(line, { x: centred ? PAGE.left + (PAGE.right - PAGE.left - w) / 2 : PAGE.left, y, size: SIZE, font: centred ? bold : font });
        y -= LEADING;
      }
      y -= 5;
    } else {
      const width = Math.max(...block.rows.map((r) => r.length));
      const header = block.rows[0]!;
      const columns = header[0] === 'TT' ? (COLUMNS[width] ?? Array(width).fill((PAGE.right - PAGE.left) / width)) : [300, 155];
      const drawRow = (cells: string[]) => {
        const wrapped = columns.map((w, i) => wrap(plain(cells[i] ?? ''), font, w - 12));
        const height = Math.max(...wrapped.map((l) => l.length)) * LEADING + 8;
        if (y - height < PAGE.bottom) {
          newPage();
          if (cells !== header) drawRow(header);
        }
        let x = PAGE.left;
        wrapped.forEach((lines, i) => {
          lines.forEach((line, k) => page.drawText(line, { x: x + 6, y: y - 10 - k * LEADING, size: SIZE, font }));
          page.drawRectangle({ x, y: y - height, width: columns[i]!, height, borderWidth: 0.5, borderColor: rgb(0, 0, 0) });
          x += columns[i]!;
        });
        y -= height;
      };
      y -= 4;
      for (const row of block.rows) drawRow(row);
      y -= LEADING * 2;
    }
  }
  return pdf.save();
}
