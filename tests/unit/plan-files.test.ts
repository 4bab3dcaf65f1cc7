import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { parsePlanText, type PlanImport, PlanImport as PlanImportSchema, type PlanPreview } from '@diemcau/shared';
import { docxLines } from '../../server/src/plans/plans.docx';
import { pdfLines } from '../../server/src/plans/plans.pdf';
import { MAX_PLAN_BYTES, readPlanFile, readPlanText } from '../../server/src/plans/plans.read';
import { planDocx, planPdf } from './plan-documents';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/plans');
const SAMPLES = ['bac-giang-giao-ban-giua-ky-1', 'ben-tre-tong-ket-nam-hoc', 'quang-ngai-lam-viec-ubnd-huyen'] as const;
const text = (name: string) => readFileSync(path.join(FIXTURES, `${name}.txt`), 'utf8');

/** A plan without its line numbers: a .docx or .pdf numbers its lines differently from the .txt. */
const withoutLines = (plan: PlanImport) =>
  JSON.parse(JSON.stringify(plan, (key, value) => (key === 'source' || key === 'sources' ? undefined : value)), (key, value) =>
    key === 'warnings' ? (value as string[]).map((w) => w.replace(/[Dd]òng \d+/g, 'dòng N')) : value,
  );

const planOf = (preview: PlanPreview): PlanImport => {
  if (!preview.ok) throw new Error(preview.message);
  return PlanImportSchema.parse(preview.plan);
};
const messageOf = (preview: PlanPreview): string => {
  if (preview.ok) throw new Error('expected the file to be refused');
  return preview.message;
};

describe.each(SAMPLES)('%s as .docx and .pdf', (name) => {
  const expected = withoutLines(parsePlanText(text(name)));

  it('.docx reads the same plan as the text', { timeout: 30_000 }, async () => {
    const bytes = await planDocx(text(name));
    const plan = planOf(await readPlanFile({ bytes, filename: `${name}.docx` }));
    expect(withoutLines(plan)).toEqual(expected);
    // Each source names a line of the extracted text, and quotes it.
    const lines = await docxLines(bytes);
    for (const source of plan.agenda.map((a) => a.source).concat(plan.tasks.map((t) => t.source))) {
      expect(lines[source.line - 1]!.replace(/\t+/g, ' | ').replace(/\*\*/g, '')).toContain(source.text.split(' | ').at(-1)!.slice(0, 20));
    }
  });

  it('.pdf (text layer, wrapped paragraphs and table cells) reads the same plan as the text', { timeout: 30_000 }, async () => {
    const plan = planOf(await readPlanFile({ bytes: await planPdf(text(name)), filename: `${name}.pdf` }));
    expect(withoutLines(plan)).toEqual(expected);
  });
});

describe('the Bắc Giang plan read from its .pdf', () => {
  it('title, start, format, venue, agenda with times and presenters, 19 tham luận, tasks with deadlines', { timeout: 30_000 }, async () => {
    const plan = planOf(await readPlanFile({ bytes: await planPdf(text(SAMPLES[0])), filename: 'ke-hoach.pdf' }));
    expect(plan.meeting).toMatchObject({
      title: 'Hội nghị giao ban giữa kỳ I, triển khai nhiệm vụ các tháng còn lại năm học 2023 - 2024',
      organiser: 'Sở Giáo dục và Đào tạo Bắc Giang',
      documentNumber: '…/KH-SGDĐT',
      startsAt: '2023-11-24T07:30:00+07:00',
      format: 'in_person',
      venue: 'Phòng họp số 1, Tầng 6, Cơ quan Sở (Lô Q10, đường Lý Tự Trọng, thành phố Bắc Giang, tỉnh Bắc Giang)',
    });
    expect(plan.agenda.map((a) => [a.startTime, a.presenter])).toEqual([
      ['07:30', 'Ban Tổ chức'],
      ['07:35', 'Chánh Văn phòng Sở GDĐT'],
      [null, 'Đồng chí Bạch Đăng Khoa - PGĐ Sở GDĐT'],
      [null, '03 đồng chí Phó Giám đốc Sở GDĐT'],
      ['11:00', 'Giám đốc Sở GDĐT'],
      ['11:30', 'Chánh Văn phòng Sở GDĐT'],
    ]);
    expect(plan.contributions).toHaveLength(19);
    expect(plan.tasks.filter((t) => t.deadline === '2023-11-18')).toHaveLength(2);
  });

  it('the PDF reader joins a paragraph wrapped at the margin but keeps list items apart', { timeout: 30_000 }, async () => {
    const { lines } = await pdfLines(await planPdf(text(SAMPLES[0])));
    expect(lines).toContain('3.1. Địa điểm: Phòng họp số 1, Tầng 6, Cơ quan Sở (Lô Q10, đường Lý Tự Trọng, thành phố Bắc Giang, tỉnh Bắc Giang).');
    expect(lines).toContain('- Đại biểu mời: Lãnh đạo Sở GDĐT; lãnh đạo Công đoàn ngành.');
    expect(lines).toContain("2\t7h35' - 11h00'\t- Tuyên bố lý do, giới thiệu đại biểu\tChánh Văn phòng Sở GDĐT");
  });
});

describe('the .docx reader', () => {
  it('writes Word list numbering out ("-" bullets live in numbering.xml, not in the text)', async () => {
    const lines = await docxLines(await planDocx(text(SAMPLES[0])));
    expect(lines).toContain('- Đại biểu mời: Lãnh đạo Sở GDĐT; lãnh đạo Công đoàn ngành.');
  });

  it('keeps a letterhead table as cells so the number and date are read from their own cells', async () => {
    const lines = await docxLines(await planDocx(text(SAMPLES[0])));
    expect(lines[2]).toBe('Số: /KH-SGDĐT\tBắc Giang, ngày tháng 11 năm 2023');
  });
});

const pdfWithoutText = async () => {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawRectangle({ x: 50, y: 50, width: 300, height: 400, color: rgb(0.8, 0.8, 0.8) });
  return pdf.save();
};

/** A PDF whose trailer asks for a password (standard handler, a user password that is not empty). */
async function pdfWithPassword(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('Ke hoach');
  const source = Buffer.from(await pdf.save({ useObjectStreams: false })).toString('latin1');
  const hex = (byte: string) => `<${byte.repeat(32)}>`;
  const encrypt = `/Encrypt << /Filter /Standard /V 1 /R 2 /O ${hex('ab')} /U ${hex('cd')} /P -4 >> /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]`;
  return new Uint8Array(Buffer.from(source.replace(/trailer\s*<</, (m) => `${m} ${encrypt}`), 'latin1'));
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const utf16 = (value: string) => [...value].flatMap((c) => [c.charCodeAt(0), 0]);

describe('files that cannot be read get a message saying what to do, never an exception', () => {
  it.each([
    ['a scanned PDF without a text layer', pdfWithoutText, 'quet.pdf', /không có lớp chữ/],
    ['a password-protected PDF', pdfWithPassword, 'mat-khau.pdf', /đặt mật khẩu/],
    ['a damaged PDF', async () => (await planPdf(text(SAMPLES[0]))).slice(0, 2000), 'hong.pdf', /bị hỏng/],
    ['a password-protected .docx (an encrypted OLE package)', async () => new Uint8Array([...OLE, ...Array(504).fill(0), ...utf16('EncryptedPackage')]), 'mat-khau.docx', /đặt mật khẩu/],
    ['an old Word .doc', async () => new Uint8Array([...OLE, ...Array(600).fill(0)]), 'cu.doc', /Word 97-2003/],
    ['a damaged .docx', async () => {
      const zip = new JSZip();
      zip.file('word/document.xml', '<w:document><w:body><w:p>');
      return zip.generateAsync({ type: 'uint8array' });
    }, 'hong.docx', /bị hỏng/],
    ['a zip that is no Word document', async () => new JSZip().file('content.xml', '<x/>').generateAsync({ type: 'uint8array' }), 'ke-hoach.odt', /không phải văn bản Word/],
    ['a photo', async () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'anh.jpg', /ảnh chụp/],
    ['an unsupported type', async () => new TextEncoder().encode('{"a":1}'), 'ke-hoach.json', /không được hỗ trợ/],
    ['text not in UTF-8', async () => new Uint8Array([0x4b, 0xca, 0x20, 0xd4, 0x41, 0xcc]), 'ke-hoach.txt', /UTF-8/],
    ['an empty file', async () => new Uint8Array(), 'rong.docx', /rỗng/],
    ['a file over the limit', async () => new Uint8Array(MAX_PLAN_BYTES + 1), 'lon.pdf', /vượt quá giới hạn 10 MB/],
  ])('%s', { timeout: 30_000 }, async (_what, make, filename, message) => {
    expect(messageOf(await readPlanFile({ bytes: await make(), filename }))).toMatch(message);
  });

  it('a .txt in UTF-8 is read like pasted text; empty pasted text is refused', async () => {
    const plan = planOf(await readPlanFile({ bytes: new TextEncoder().encode(text(SAMPLES[1])), filename: 'ben-tre.txt' }));
    expect(plan.meeting?.title).toMatch(/^Hội nghị tổng kết năm học 2022-2023/);
    expect(messageOf(readPlanText('  \n '))).toMatch(/Chưa có nội dung/);
  });
});
