import { readFileSync } from 'node:fs';
import { foldVietnamese, MAX_SITES, SITE_COLUMNS } from '@diemcau/shared';
import ExcelJS from 'exceljs';
import { BAC_GIANG_SITES } from '../../server/src/demo/demo';
import { describe, expect, it } from 'vitest';
import {
  detectDelimiter,
  MAX_IMPORT_BYTES,
  parseDelimited,
  parsePastedRows,
  parseSitesFile,
  siteTemplateWorkbook,
  type SitesImportPreview,
} from '../../server/src/sites/sites.import';

const HEADERS = SITE_COLUMNS.map((c) => c.header);

/** An .xlsx built with exceljs: one entry per sheet, each a list of rows (null leaves a row empty). */
async function xlsx(...sheets: (ExcelJS.CellValue[] | null)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  sheets.forEach((rows, s) => {
    const sheet = workbook.addWorksheet(`Trang ${s + 1}`);
    rows.forEach((row, r) => {
      if (row) sheet.getRow(r + 1).values = row;
    });
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (bom: number[], body: Uint8Array) => new Uint8Array([...bom, ...body]);
function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[i * 2] = text.charCodeAt(i) & 0xff;
    out[i * 2 + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
}
const utf16be = (text: string) => {
  const le = utf16le(text);
  return le.map((_, i) => le[i % 2 === 0 ? i + 1 : i - 1]!);
};

const file = (bytes: Uint8Array, filename = 'diem-cau.xlsx') => parseSitesFile({ bytes, filename });
const errorsOf = (preview: SitesImportPreview) => preview.rows.flatMap((r) => r.errors);
const namesOf = (preview: SitesImportPreview) => preview.rows.map((r) => r.site?.name ?? null);

describe('parseSitesFile: .xlsx', () => {
  it('reads the template it offers for download', async () => {
    const preview = await file(new Uint8Array(await siteTemplateWorkbook()), 'mau.xlsx');
    expect(preview).toMatchObject({ valid: 2, invalid: 0, fileErrors: [], fileWarnings: [] });
    expect(preview.rows[0]).toEqual({
      line: 2,
      site: {
        name: 'Ví dụ – Phòng GDĐT huyện A (xóa dòng này)',
        group: 'Phòng GDĐT',
        contactName: 'Nguyễn Văn An',
        phone: '0912345678',
        email: 'pgd.huyena@example.edu.vn',
        expectedHeadcount: 25,
      },
      errors: [],
      warnings: [],
    });
    expect(preview.rows[1]?.site?.name).toBe('Ví dụ – Trường THPT B (xóa dòng này)');
    // No example names a site of the demo meeting: a forgotten example row never collides with one.
    const demo = new Set(BAC_GIANG_SITES.map((s) => foldVietnamese(s.name)));
    expect(preview.rows.filter((r) => demo.has(foldVietnamese(r.site!.name)))).toEqual([]);
  });

  it('finds the header under title rows, maps synonyms and keeps the line numbers people see', async () => {
    const bytes = await xlsx([
      ['SỞ GIÁO DỤC VÀ ĐÀO TẠO BẮC GIANG'],
      ['DANH SÁCH ĐIỂM CẦU HỘI NGHỊ TỔNG KẾT NĂM HỌC 2023-2024'],
      null,
      ['STT', 'Tên đơn vị', 'Khối', 'Đầu mối', 'SĐT', 'E-mail', 'Số lượng (người)'],
      [1, 'Phòng GDĐT huyện Yên Thế', 'Phòng GDĐT', 'Hoàng Thị Hà', 912345678, 'pgd.yenthe@bacgiang.edu.vn', 30],
      null,
      [2, { richText: [{ text: 'Trường THPT ' }, { font: { bold: true }, text: 'Ngô Sĩ Liên' }] }, 'Trường THPT', 'Lê Văn Đức', '0204 3854 123',
        { text: 'ngosilien@bacgiang.edu.vn', hyperlink: 'mailto:ngosilien@bacgiang.edu.vn' }, '25 người'],
      [3, 'Trường THCS Lê Quý Đôn', '', '', '0987.654.321', { text: 'Gửi thư', hyperlink: 'mailto:lqd@bacgiang.edu.vn' }, { formula: '10+5', result: 15 }],
      [4], // a pre-numbered row with nothing else: skipped like an empty one
    ]);
    const preview = await file(bytes);
    expect(preview.fileErrors).toEqual([]);
    expect(preview.fileWarnings).toEqual([]);
    expect(preview.rows.map((r) => [r.line, r.site])).toEqual([
      [5, { name: 'Phòng GDĐT huyện Yên Thế', group: 'Phòng GDĐT', contactName: 'Hoàng Thị Hà', phone: '0912345678', email: 'pgd.yenthe@bacgiang.edu.vn', expectedHeadcount: 30 }],
      [7, { name: 'Trường THPT Ngô Sĩ Liên', group: 'Trường THPT', contactName: 'Lê Văn Đức', phone: '0204 3854 123', email: 'ngosilien@bacgiang.edu.vn', expectedHeadcount: 25 }],
      [8, { name: 'Trường THCS Lê Quý Đôn', group: '', contactName: '', phone: '0987.654.321', email: 'lqd@bacgiang.edu.vn', expectedHeadcount: 15 }],
    ]);
    expect(preview.rows.map((r) => r.warnings)).toEqual([['Dòng 5, cột SĐT: đã thêm số 0 ở đầu (0912345678) vì Excel bỏ mất; hãy kiểm tra lại'], [], []]);
  });

  it.each([
    { case: 'negative headcount', cells: ['Trường A', -5], error: 'Dòng 2, cột Số người dự kiến: số người không được âm' },
    { case: 'absurd headcount', cells: ['Trường A', 20000], error: 'Dòng 2, cột Số người dự kiến: số người tối đa 10.000' },
    { case: 'fractional headcount', cells: ['Trường A', 2.5], error: 'Dòng 2, cột Số người dự kiến: số người phải là số nguyên' },
    { case: 'words for headcount', cells: ['Trường A', 'khoảng ba mươi'], error: 'Dòng 2, cột Số người dự kiến: "khoảng ba mươi" không phải là số; hãy ghi một số nguyên, ví dụ 25' },
    { case: 'bad email', cells: ['Trường A', 1, 'truong-a@'], error: 'Dòng 2, cột Email: email không hợp lệ' },
    { case: 'bad phone', cells: ['Trường A', 1, '', 'gọi văn phòng'], error: 'Dòng 2, cột Số điện thoại: số điện thoại không hợp lệ' },
    { case: 'missing name', cells: ['', 1], error: 'Dòng 2, cột Tên điểm cầu: tên điểm cầu không được để trống' },
    { case: 'formula error', cells: [{ formula: 'A1/0', result: { error: '#DIV/0!' } }], error: 'Dòng 2, cột Tên điểm cầu: ô có lỗi công thức (#DIV/0!); hãy sửa công thức hoặc nhập giá trị trực tiếp' },
  ])('$case → an error naming the row and column', async ({ cells, error }) => {
    const preview = await file(await xlsx([['Tên điểm cầu', 'Số người dự kiến', 'Email', 'Số điện thoại'], cells as ExcelJS.CellValue[]]));
    expect(preview).toMatchObject({ valid: 0, invalid: 1, fileErrors: [] });
    expect(preview.rows[0]).toMatchObject({ line: 2, site: null, errors: [error] });
  });

  it('flags later rows whose names repeat an earlier one, ignoring case and diacritics', async () => {
    const preview = await file(
      await xlsx([
        ['Tên điểm cầu'],
        ['Trường THPT Ngô Sĩ Liên'],
        ['Trường THPT Lục Ngạn số 1'],
        ['TRƯỜNG THPT NGÔ SĨ LIÊN'],
        ['Truong THPT  Ngo Si Lien'],
      ]),
    );
    expect(namesOf(preview)).toEqual(['Trường THPT Ngô Sĩ Liên', 'Trường THPT Lục Ngạn số 1', null, null]);
    expect(errorsOf(preview)).toEqual([
      'Dòng 4, cột Tên điểm cầu: trùng tên với dòng 2 ("Trường THPT Ngô Sĩ Liên"); mỗi điểm cầu cần một tên riêng, hãy xoá dòng lặp hoặc ghi rõ tên',
      'Dòng 5, cột Tên điểm cầu: trùng tên với dòng 2 ("Trường THPT Ngô Sĩ Liên"); mỗi điểm cầu cần một tên riêng, hãy xoá dòng lặp hoặc ghi rõ tên',
    ]);
    expect(preview).toMatchObject({ valid: 2, invalid: 2 });
  });

  it('warns about unknown and repeated columns, skips a total row', async () => {
    const preview = await file(
      await xlsx([
        ['Điểm cầu', 'Ghi chú', 'Địa chỉ', 'Điện thoại', 'Di động', 'Số người'],
        ['UBND xã Tân Mộc', 'phòng họp tầng 2', 'Lục Ngạn', '0912 000 111', '0912 000 222', 12],
        ['Tổng cộng', '', '', '', '', 12],
      ]),
    );
    expect(preview.rows.map((r) => r.site?.phone)).toEqual(['0912 000 111']);
    expect(preview.fileWarnings).toEqual([
      `Cột "Địa chỉ" không khớp với cột nào của mẫu nên được bỏ qua. Các cột được nhận: ${HEADERS.join(', ')}.`,
      'Cột "Di động" trùng ý nghĩa với cột "Điện thoại"; chỉ lấy dữ liệu ở cột "Điện thoại".',
      'Dòng 3 ("Tổng cộng") là dòng tổng cộng, không phải điểm cầu, nên được bỏ qua.',
    ]);
  });

  it('uses the first sheet that has a name column', async () => {
    const preview = await file(await xlsx([['Ghi chú'], ['Danh sách gửi kèm công văn']], [['Tên điểm cầu', 'Nhóm'], ['Phòng GDĐT TP Bắc Giang', 'Phòng GDĐT']]));
    expect(preview.rows.map((r) => r.site?.group)).toEqual(['Phòng GDĐT']);
  });

  it('refuses a file without a name column, listing the expected headers', async () => {
    const preview = await file(await xlsx([['Họ tên', 'Số điện thoại'], ['Nguyễn Văn An', '0912345678']]));
    expect(preview.rows).toEqual([]);
    expect(preview.fileErrors).toEqual([
      `Không tìm thấy cột 'Tên điểm cầu' trong trang tính nào của tệp. Hãy đặt một dòng tiêu đề với các cột: ${HEADERS.join(', ')} (chỉ cột 'Tên điểm cầu' là bắt buộc), hoặc tải tệp mẫu về và dán dữ liệu vào.`,
    ]);
  });

  it('refuses a header with no data under it', async () => {
    expect((await file(await xlsx([['Tên điểm cầu', 'Nhóm']]))).fileErrors).toEqual([
      'Không có điểm cầu nào dưới dòng tiêu đề (dòng 1). Hãy nhập mỗi điểm cầu một dòng.',
    ]);
  });
});

describe('parseSitesFile: size and row limits', () => {
  const csvOf = (count: number) => utf8(['Tên điểm cầu', ...Array.from({ length: count }, (_, i) => `Trường số ${i + 1}`)].join('\n'));

  it(`accepts ${MAX_SITES} sites and refuses one more`, async () => {
    expect((await file(csvOf(MAX_SITES), 'ds.csv')).valid).toBe(MAX_SITES);
    const over = await file(csvOf(MAX_SITES + 1), 'ds.csv');
    expect(over.rows).toEqual([]);
    expect(over.fileErrors).toEqual(['Có 3.001 dòng dữ liệu, vượt quá giới hạn 3.000 điểm cầu cho một hội nghị. Hãy bớt các dòng không cần thiết rồi tải lên lại.']);
  });

  it('refuses a file over 5 MB before reading it', async () => {
    const preview = await file(new Uint8Array(MAX_IMPORT_BYTES + 1), 'lon.xlsx');
    expect(preview.fileErrors[0]).toMatch(/^Tệp nặng 5 MB, vượt quá giới hạn 5 MB\. Hãy xoá/);
  });
});

describe('parseSitesFile: files that are not a site list', () => {
  const zipHeader = [0x50, 0x4b, 0x03, 0x04];
  it.each([
    { case: 'Excel 97-2003 .xls', filename: 'ds.xls', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0], error: /^Tệp "ds\.xls" là định dạng Excel 97-2003 \(\.xls\) cũ.*Excel Workbook \(\.xlsx\)/ },
    { case: 'PDF', filename: 'ds.pdf', bytes: [...utf8('%PDF-1.7\n')], error: /^Tệp "ds\.pdf" là tệp PDF.*\.xlsx hoặc \.csv \(UTF-8\)/ },
    { case: 'image renamed .xlsx', filename: 'ds.xlsx', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], error: /^Tệp "ds\.xlsx" là hình ảnh, không phải bảng tính\. Hãy lưu lại/ },
    { case: 'corrupt zip', filename: 'ds.xlsx', bytes: [...zipHeader, ...utf8('không phải zip thật')], error: /^Không đọc được tệp "ds\.xlsx": tệp bị hỏng/ },
    { case: 'text renamed .xlsx', filename: 'ds.xlsx', bytes: [...utf8('Tên điểm cầu\nTrường A')], error: /^Tệp "ds\.xlsx" không phải tệp Excel hợp lệ/ },
    { case: 'Word document', filename: 'ds.docx', bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], error: /^Định dạng tệp "\.docx" không được hỗ trợ\. Hãy lưu lại/ },
    { case: 'LibreOffice .ods', filename: 'ds.ods', bytes: [...zipHeader, 0, 0], error: /^Tệp \.ods \(LibreOffice\) chưa được hỗ trợ/ },
    { case: 'CSV in Windows-1258', filename: 'ds.csv', bytes: [...utf8('T'), 0xea, 0x6e, 0x0a, 0x54, 0x72, 0xec, 0x6e, 0x67], error: /không được lưu bằng bảng mã UTF-8.*CSV UTF-8/ },
    { case: 'empty file', filename: 'ds.csv', bytes: [], error: /^Tệp rỗng\. Hãy lưu lại/ },
    { case: 'blank CSV', filename: 'ds.csv', bytes: [...utf8(',,\n\n , \n')], error: /^Tệp không có dữ liệu\./ },
  ])('$case → a file error saying what to do, no throw', async ({ filename, bytes, error }) => {
    const preview = await file(new Uint8Array(bytes), filename);
    expect(preview).toMatchObject({ rows: [], valid: 0, invalid: 0 });
    expect(preview.fileErrors).toHaveLength(1);
    expect(preview.fileErrors[0]).toMatch(error);
  });
});

describe('parseSitesFile: .csv and Unicode text', () => {
  const body = (sep: string) =>
    [`Tên điểm cầu${sep}Nhóm${sep}SĐT${sep}Số người`, `Phòng GDĐT huyện Lục Nam${sep}Phòng GDĐT${sep}912345678${sep}20`, `Trường Tiểu học Đồng Việt${sep}Tiểu học${sep}${sep}`].join('\r\n');
  const expected = [
    { name: 'Phòng GDĐT huyện Lục Nam', group: 'Phòng GDĐT', contactName: '', phone: '0912345678', email: '', expectedHeadcount: 20 },
    { name: 'Trường Tiểu học Đồng Việt', group: 'Tiểu học', contactName: '', phone: '', email: '', expectedHeadcount: null },
  ];
  it.each([
    { case: 'UTF-8 with BOM, commas', filename: 'ds.csv', bytes: withBom([0xef, 0xbb, 0xbf], utf8(body(','))) },
    { case: 'UTF-8 without BOM, semicolons', filename: 'ds.csv', bytes: utf8(body(';')) },
    { case: 'UTF-8, Excel sep= line', filename: 'ds.csv', bytes: utf8(`sep=;\n${body(';')}`) },
    { case: 'UTF-16LE with BOM, tabs (Excel "Unicode text")', filename: 'ds.txt', bytes: withBom([0xff, 0xfe], utf16le(body('\t'))) },
    { case: 'UTF-16BE with BOM, tabs', filename: 'ds.txt', bytes: withBom([0xfe, 0xff], utf16be(body('\t'))) },
    { case: 'decomposed (NFD) diacritics, stored composed', filename: 'ds.csv', bytes: utf8(body(',').normalize('NFD')) },
  ])('$case', async ({ filename, bytes }) => {
    const preview = await file(bytes, filename);
    expect(preview.fileErrors).toEqual([]);
    expect(preview.rows.map((r) => [r.line, r.site])).toEqual([
      [2, expected[0]],
      [3, expected[1]],
    ]);
  });

  it('keeps commas, newlines and quotes inside quoted fields; lines count records as Excel shows them', async () => {
    const csv = 'Tên điểm cầu,Người liên hệ,Số người dự kiến\r\n"Phòng GDĐT huyện Lục Ngạn, Bắc Giang","Nguyễn Văn ""Ba""\nTrưởng phòng",30\r\nTrường THPT Lạng Giang số 1,,1.200\r\n';
    const preview = await file(utf8(csv), 'ds.csv');
    expect(preview.rows.map((r) => [r.line, r.site?.name, r.site?.contactName, r.site?.expectedHeadcount])).toEqual([
      [2, 'Phòng GDĐT huyện Lục Ngạn, Bắc Giang', 'Nguyễn Văn "Ba" Trưởng phòng', 30],
      [3, 'Trường THPT Lạng Giang số 1', '', 1200],
    ]);
  });
});

describe('parsePastedRows', () => {
  it('reads rows copied with their header, in any column order', () => {
    const preview = parsePastedRows('Số điện thoại\tTên điểm cầu\tNgười liên hệ\n0912345678\tTrường THCS Thị trấn Chũ\tPhạm Văn Nam\n');
    expect(preview.rows).toEqual([
      { line: 2, site: { name: 'Trường THCS Thị trấn Chũ', group: '', contactName: 'Phạm Văn Nam', phone: '0912345678', email: '', expectedHeadcount: null }, errors: [], warnings: [] },
    ]);
  });

  it('reads rows without a header in the template column order; a quoted cell may span lines', () => {
    const preview = parsePastedRows(
      'Phòng GDĐT huyện Sơn Động\tPhòng GDĐT\tĐỗ Thị Lan\t912345678\tpgd.sondong@bacgiang.edu.vn\t18\r\n"Trường PTDTNT\nSơn Động"\tTrường THPT\t\t\t\t-3\r\n\r\n',
    );
    expect(preview.rows[0]).toMatchObject({
      line: 1,
      site: { name: 'Phòng GDĐT huyện Sơn Động', group: 'Phòng GDĐT', contactName: 'Đỗ Thị Lan', phone: '0912345678', email: 'pgd.sondong@bacgiang.edu.vn', expectedHeadcount: 18 },
    });
    expect(preview.rows[1]).toMatchObject({ line: 2, site: null, errors: ['Dòng 2, cột Số người dự kiến: số người không được âm'] });
    expect(preview).toMatchObject({ valid: 1, invalid: 1, fileErrors: [], fileWarnings: [] });
  });

  it('a single pasted column is a list of names, commas included', () => {
    expect(namesOf(parsePastedRows('Trường Mầm non Hoa Sen, Lục Ngạn\nTrường Tiểu học Kim Đồng\n'))).toEqual(['Trường Mầm non Hoa Sen, Lục Ngạn', 'Trường Tiểu học Kim Đồng']);
  });

  it('ignores columns beyond the template, with a warning', () => {
    const preview = parsePastedRows('Trường A\t\t\t\t\t5\tthừa');
    expect(preview.valid).toBe(1);
    expect(preview.fileWarnings).toEqual([`Dữ liệu có 7 cột, nhiều hơn mẫu (${HEADERS.join(', ')}); các cột thừa bên phải được bỏ qua.`]);
  });

  it.each([
    { case: 'nothing', text: ' \n\t\n', error: 'Chưa có dữ liệu. Hãy chọn các dòng trong Excel, sao chép (Ctrl+C) rồi dán vào đây.' },
    { case: 'a header without the name column', text: 'Nhóm\tSố điện thoại\nTHPT\t0912345678', error: /^Không tìm thấy cột 'Tên điểm cầu' trong dòng tiêu đề đã dán\./ },
    { case: 'only a header', text: 'Tên điểm cầu\tNhóm\n', error: 'Không có điểm cầu nào dưới dòng tiêu đề (dòng 1). Hãy nhập mỗi điểm cầu một dòng.' },
  ])('$case → a file error', ({ text, error }) => {
    const preview = parsePastedRows(text);
    expect(preview.rows).toEqual([]);
    expect(preview.fileErrors[0]).toMatch(error);
  });
});

describe('parseDelimited and detectDelimiter', () => {
  it.each([
    { text: 'a,b\r\nc,d', delimiter: ',', rows: [['a', 'b'], ['c', 'd']] },
    { text: 'a;"b;c"\n', delimiter: ';', rows: [['a', 'b;c']] },
    { text: '"a ""x"" b",\n', delimiter: ',', rows: [['a "x" b', '']] },
    { text: '"dòng 1\r\ndòng 2"\tz', delimiter: '\t', rows: [['dòng 1\r\ndòng 2', 'z']] },
    { text: 'inch 5"x,y', delimiter: ',', rows: [['inch 5"x', 'y']] },
    { text: '"unterminated,x', delimiter: ',', rows: [['unterminated,x']] },
    { text: 'a\n\nb\r', delimiter: ',', rows: [['a'], [''], ['b']] },
  ])('parses $text', ({ text, delimiter, rows }) => {
    expect(parseDelimited(text, delimiter)).toEqual(rows);
  });

  it.each([
    { text: 'Tên;Nhóm\nPhòng GDĐT huyện A, tỉnh B;Phòng\nTrường C;Trường', delimiter: ';' },
    { text: 'Tên,Nhóm\n"A; B",X\nC,Y', delimiter: ',' },
    { text: 'Tên\tNhóm\nA, B\tX', delimiter: '\t' },
    { text: 'DANH SÁCH\nTên,Nhóm,SĐT\nA,B,C\nD,E,F', delimiter: ',' },
  ])('detects $delimiter', ({ text, delimiter }) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe('siteTemplateWorkbook', () => {
  it('has the headers, a frozen header row, text phone cells and a guide sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await siteTemplateWorkbook()) as unknown as ExcelJS.Buffer);
    const [sheet, guide] = workbook.worksheets;
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Danh sách điểm cầu', 'Hướng dẫn']);
    expect(sheet!.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(sheet!.getRow(1).font?.bold).toBe(true);
    expect(sheet!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet!.getColumn(1).width).toBeGreaterThanOrEqual(30);
    expect(sheet!.getCell('D2').numFmt).toBe('@');
    expect(sheet!.getCell('F2').value).toBe(25);
    expect(guide!.getColumn(1).values.slice(4, 4 + HEADERS.length)).toEqual(HEADERS);
    expect(guide!.getCell('B4').value).toBe('Có');
  });
});

describe('files written by LibreOffice (tests/fixtures/sites, see make-fixtures.sh)', () => {
  const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/sites/${name}`, import.meta.url)));

  it('.xlsx: title rows, a phone stored as a number, a duplicate, a negative headcount', async () => {
    const preview = await file(fixture('libreoffice.xlsx'), 'libreoffice.xlsx');
    expect(preview.rows.map((r) => [r.line, r.site?.phone ?? null, r.errors])).toEqual([
      [4, '0912345678', []],
      [5, '0204 3854 123', []],
      [6, null, [
        'Dòng 6, cột Số người dự kiến: số người không được âm',
        'Dòng 6, cột Tên điểm cầu: trùng tên với dòng 5 ("Trường THPT Ngô Sĩ Liên"); mỗi điểm cầu cần một tên riêng, hãy xoá dòng lặp hoặc ghi rõ tên',
      ]],
    ]);
  });

  it('a genuine .xls is refused with how to save it as .xlsx', async () => {
    expect((await file(fixture('libreoffice.xls'), 'libreoffice.xls')).fileErrors[0]).toMatch(/Excel 97-2003 \(\.xls\).*Excel Workbook \(\.xlsx\)/);
  });
});
