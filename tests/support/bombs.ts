import { deflateRawSync, deflateSync } from 'node:zlib';

/**
 * Hostile uploads made on the spot (no fixtures to keep): zips whose headers tell the truth or
 * lie about what they inflate to, zips of many entries, Word documents nested deeper than any
 * reader should follow, sheets huge or wide, PDFs whose streams inflate to hundreds of MB.
 * Used by the hostile-upload tests and `npm run bench -- --scenario hostile`.
 */

type ZipEntry = { name: string; data: Buffer; method?: 0 | 8; declaredSize?: number; crc?: number };

/** A zip of `entries` as given: `data` already compressed when method is 8; `declaredSize` may lie. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const method = entry.method ?? 0;
    const size = entry.declaredSize ?? entry.data.length;
    const crc = entry.crc ?? 0; // no reader under test checks it
    // The fields both headers share, from the method on: local header at 8, central record at 10.
    const shared = (header: Buffer, at: number) => {
      header.writeUInt16LE(method, at);
      header.writeUInt32LE(crc, at + 6);
      header.writeUInt32LE(entry.data.length, at + 10);
      header.writeUInt32LE(size, at + 14);
      header.writeUInt16LE(name.length, at + 18);
      return header;
    };
    const local = shared(Buffer.alloc(30), 8);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    const central = shared(Buffer.alloc(46), 10);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(0x00140014, 4);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xfffe), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xfffe), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const deflated = (text: string): ZipEntry['data'] => deflateRawSync(Buffer.from(text, 'utf8'));
const part = (name: string, xml: string): ZipEntry => ({ name, data: deflated(xml), method: 8, declaredSize: Buffer.byteLength(xml) });

let zeros: { raw: Buffer; zlib: Buffer; size: number } | null = null;
/** 80 MB of spaces, compressed (raw deflate for zips, zlib for PDFs): about 80 KB each. */
function spaces() {
  const size = 80 * 1024 * 1024;
  if (!zeros) {
    const plain = Buffer.alloc(size, 0x20);
    zeros = { raw: deflateRawSync(plain, { level: 9 }), zlib: deflateSync(plain, { level: 9 }), size };
  }
  return zeros;
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const docx = (documentXml: ZipEntry): Buffer =>
  zip([part('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'), documentXml]);
const paragraph = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;

const SS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** A one-sheet workbook whose sheetData is `rows` (or whose sheet part is `sheet`), and a shared strings part when given. */
function xlsx(rows: string, sharedStrings?: string, sheet?: ZipEntry): Buffer {
  return zip([
    part('_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    part('xl/workbook.xml', `<workbook ${SS} ${R}><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    part(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${
        sharedStrings ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''
      }</Relationships>`,
    ),
    sheet ?? part('xl/worksheets/sheet1.xml', `<worksheet ${SS}><sheetData>${rows}</sheetData></worksheet>`),
    ...(sharedStrings ? [part('xl/sharedStrings.xml', `<sst ${SS}>${sharedStrings}</sst>`)] : []),
  ]);
}
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEADER = `<row r="1">${inline('A1', 'Tên điểm cầu')}</row>`;

/** A PDF of one page whose content stream is `stream` (zlib-compressed, /FlateDecode). */
function pdf(stream: Buffer): Buffer {
  const head = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n';
  const body = Buffer.concat([Buffer.from(`4 0 obj << /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
  const tail = `trailer << /Root 1 0 R /Size 5 >>\n%%EOF\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body, Buffer.from(tail, 'latin1')]);
}

export type Bomb = { name: string; kind: 'plan' | 'sites'; filename: string; bytes: () => Buffer; limit: RegExp };

/** Each bomb with the words of the limit its refusal must name. */
export const BOMBS: Bomb[] = [
  {
    name: 'docx zip bomb, sizes declared',
    kind: 'plan',
    filename: 'ke-hoach.docx',
    bytes: () => docx({ name: 'word/document.xml', data: spaces().raw, method: 8, declaredSize: spaces().size }),
    limit: /giới hạn dung lượng giải nén/,
  },
  {
    name: 'docx zip bomb, sizes lying (declares 2 KB)',
    kind: 'plan',
    filename: 'ke-hoach.docx',
    bytes: () => docx({ name: 'word/document.xml', data: spaces().raw, method: 8, declaredSize: 2048 }),
    limit: /giải nén ra nhiều hơn kích thước tệp khai báo/,
  },
  {
    name: 'docx of 5,000 entries',
    kind: 'plan',
    filename: 'ke-hoach.docx',
    bytes: () => zip(Array.from({ length: 5_000 }, (_, i) => ({ name: `word/media/a${i}.xml`, data: Buffer.from('x') }))),
    limit: /giới hạn số tệp trong gói/,
  },
  {
    name: 'docx with tables nested 300 deep',
    kind: 'plan',
    filename: 'ke-hoach.docx',
    bytes: () => docx(part('word/document.xml', `<w:document ${W}><w:body>${'<w:tbl><w:tr><w:tc>'.repeat(300)}${paragraph('KẾ HOẠCH')}${'</w:tc></w:tr></w:tbl>'.repeat(300)}</w:body></w:document>`)),
    limit: /giới hạn độ sâu XML/,
  },
  {
    name: 'PDF whose page inflates to 80 MB',
    kind: 'plan',
    filename: 'ke-hoach.pdf',
    bytes: () => pdf(spaces().zlib),
    limit: /giới hạn dung lượng giải nén/,
  },
  {
    name: 'xlsx zip bomb, sizes lying',
    kind: 'sites',
    filename: 'diem-cau.xlsx',
    bytes: () => xlsx('', undefined, { name: 'xl/worksheets/sheet1.xml', data: spaces().raw, method: 8, declaredSize: 4096 }),
    limit: /giải nén ra nhiều hơn kích thước tệp khai báo/,
  },
  {
    name: 'wide sheet: one cell in the last column on 1,000 rows (12 KB)',
    kind: 'sites',
    filename: 'diem-cau.xlsx',
    bytes: () => xlsx(HEADER + Array.from({ length: 1_000 }, (_, i) => `<row r="${i + 2}">${inline(`XFD${i + 2}`, 'x')}</row>`).join('')),
    limit: /ô XFD2, vượt giới hạn 200 cột/,
  },
  {
    name: 'huge sheet: a value on row 1,048,576',
    kind: 'sites',
    filename: 'diem-cau.xlsx',
    bytes: () => xlsx(`${HEADER}<row r="1048576"><c r="A1048576"><v>1</v></c></row>`),
    limit: /dòng 1\.048\.576, vượt giới hạn 20\.000 dòng/,
  },
  {
    name: 'huge sheet: 500,000 shared strings',
    kind: 'sites',
    filename: 'diem-cau.xlsx',
    bytes: () => xlsx(HEADER, '<si><t>x</t></si>'.repeat(500_000)),
    limit: /giới hạn số ô của bảng tính/,
  },
  {
    name: 'xlsx nested 100 deep',
    kind: 'sites',
    filename: 'diem-cau.xlsx',
    bytes: () => xlsx(`${HEADER}<row r="2">${'<x>'.repeat(100)}${'</x>'.repeat(100)}</row>`),
    limit: /giới hạn độ sâu XML/,
  },
];
