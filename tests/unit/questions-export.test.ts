import { DEFAULT_QUESTION_SETTINGS, type MeetingState, MeetingDetails, newMeetingState, type Question } from '@diemcau/shared';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  DIGEST_SHEET,
  NOT_ROUTED,
  NOT_ROUTED_GROUP,
  QUESTIONS_SHEET,
  questionsDigest,
  questionsWorkbook,
  REMOVED_OFFICE,
  roman,
} from '../../server/src/questions/questions.export';
import { questionFixture, vnClock } from './fixtures';

const DATE = '2023-11-24';
const { at, wallClock } = vnClock(DATE);

const MEETING: MeetingState = {
  ...newMeetingState(
    MeetingDetails.parse({ title: 'Hội nghị giao ban giữa kỳ I', organiser: 'Sở GDĐT Bắc Giang', date: DATE, startTime: '07:30' }),
    [],
  ),
  questions: {
    ...DEFAULT_QUESTION_SETTINGS,
    offices: [
      { id: 'th', name: 'Phòng Giáo dục Trung học' },
      { id: 'kh', name: 'Phòng Kế hoạch – Tài chính' },
      { id: 'vp', name: 'Văn phòng Sở' },
    ],
  },
};

const question = (id: string, overrides: Partial<Question>) => questionFixture(id, at('08:00'), overrides);

const INJECTION = '=HYPERLINK("http://x")';

/** In sending order: STT 1…10. */
const Q = {
  pending: question('q1', {
    text: 'Khi nào có kết quả tuyển sinh lớp 10?',
    senderName: 'Nguyễn Văn An',
    senderUnit: 'Trường THCS Trần Phú',
    officeId: 'th',
    createdAt: at('08:01', 5),
  }),
  approved: question('q2', { category: 'Kiến nghị', officeId: 'th', status: 'approved', visible: true, votes: 5, senderName: 'Lê Thị Bình', createdAt: at('08:02') }),
  answered: question('q3', {
    text: 'Khi nào giáo viên được tăng lương?',
    originalText: 'khi nao giao vien duoc tang luong',
    officeId: 'kh',
    status: 'answered',
    visible: true,
    votes: 12,
    mergedCount: 3,
    answer: 'Thực hiện từ 01/7/2024 theo Nghị quyết 27-NQ/TW.',
    answeredBy: 'Phòng Kế hoạch – Tài chính',
    answeredAt: at('10:15', 30),
    createdAt: at('08:03'),
  }),
  mergedA: question('q4', { text: 'gv khi nao dc tang luong vay', mergedInto: 'q3', officeId: 'th', createdAt: at('08:04') }),
  mergedB: question('q5', { text: 'Bao giờ tăng lương cho giáo viên ạ', mergedInto: 'q3', createdAt: at('08:05') }),
  flagged: question('q6', { text: 'Phòng học dột đm mãi không sửa', category: 'Góp ý', status: 'rejected', flags: ['đm'], anonymous: true, createdAt: at('08:06') }),
  injection: question('q7', {
    text: INJECTION,
    senderName: '+84 912 345 678',
    senderUnit: '@admin',
    answeredBy: '-1',
    origin: 'site',
    siteId: 's1',
    createdAt: at('08:07'),
  }),
  mostVoted: question('q8', { text: 'Sổ điểm điện tử có thay sổ giấy không?', officeId: 'th', status: 'approved', visible: true, votes: 7, createdAt: at('08:08') }),
  removedOffice: question('q9', { officeId: 'gone', origin: 'staff', senderName: 'Ban Tổ chức', createdAt: at('08:09') }),
  unnamed: question('q10', { senderUnit: 'Phòng GDĐT huyện Yên Thế', createdAt: at('08:10') }),
};
// Not in sending order: the export sorts.
const QUESTIONS = Object.values(Q).reverse();

async function readBack(questions: Question[] = QUESTIONS, meeting: MeetingState = MEETING) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await questionsWorkbook({ meeting, questions, generatedAt: at('11:05', 9) })) as unknown as ExcelJS.Buffer);
  return workbook;
}
const rowValues = (sheet: ExcelJS.Worksheet, line: number) => (sheet.getRow(line).values as unknown[]).slice(1);
/** The "Câu hỏi" row of the question with this STT. */
const line = (stt: number) => 5 + stt;

describe('questionsWorkbook', () => {
  it('has the two sheets, each with the title block and a frozen bold header', async () => {
    const workbook = await readBack();
    expect(workbook.worksheets.map((s) => s.name)).toEqual([QUESTIONS_SHEET, DIGEST_SHEET]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.getCell('A1').value).toBe('Hội nghị giao ban giữa kỳ I');
      expect(String(sheet.getCell('A2').value)).toContain('Sở GDĐT Bắc Giang · ngày 24/11/2023, bắt đầu 07:30');
      expect(sheet.getCell('A3').value).toBe('Xuất lúc 24/11/2023 11:05:09 (giờ Việt Nam)');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
      expect(sheet.getRow(5).font?.bold).toBe(true);
    }
  });

  it('"Câu hỏi": every question oldest first, merged ones included, with the STT of their entry', async () => {
    const sheet = (await readBack()).getWorksheet(QUESTIONS_SHEET)!;
    expect(rowValues(sheet, 5)).toEqual([
      'STT', 'Thời gian gửi', 'Nguồn', 'Người gửi', 'Đơn vị/điểm cầu', 'Phân loại', 'Phòng/ban', 'Nội dung', 'Nội dung gốc', 'Trạng thái',
      'Công khai', 'Lượt bình chọn', 'Số ý kiến gộp', 'Gộp vào', 'Gắn cờ', 'Trả lời', 'Người trả lời', 'Thời gian trả lời',
    ]);
    expect(sheet.rowCount).toBe(5 + 10);
    expect(sheet.autoFilter).toBe('A5:R15');
    expect(rowValues(sheet, line(1))).toEqual([
      1, wallClock('08:01', 5), 'Công khai (QR)', 'Nguyễn Văn An', 'Trường THCS Trần Phú', 'Câu hỏi', 'Phòng Giáo dục Trung học',
      'Khi nào có kết quả tuyển sinh lớp 10?', '', 'Chờ duyệt', 'Không', 0, 1, undefined, '', '', '',
    ]);
    expect(sheet.getCell(`B${line(1)}`).numFmt).toBe('dd/mm/yyyy hh:mm:ss');
    // Answered, edited by a moderator, standing for three submissions.
    expect(rowValues(sheet, line(3))).toEqual([
      3, wallClock('08:03'), 'Công khai (QR)', 'Ẩn danh', '', 'Câu hỏi', 'Phòng Kế hoạch – Tài chính', 'Khi nào giáo viên được tăng lương?',
      'khi nao giao vien duoc tang luong', 'Đã trả lời', 'Có', 12, 3, undefined, '', 'Thực hiện từ 01/7/2024 theo Nghị quyết 27-NQ/TW.',
      'Phòng Kế hoạch – Tài chính', wallClock('10:15', 30),
    ]);
    // Merged away: points at STT 3, whatever office it had.
    for (const stt of [4, 5]) expect(sheet.getCell(`N${line(stt)}`).value).toBe(3);
    expect(sheet.getCell(`I${line(4)}`).value).toBe('');
    expect(sheet.getCell(`J${line(6)}`).value).toBe('Không duyệt');
    expect(sheet.getCell(`D${line(6)}`).value).toBe('Ẩn danh');
    expect(sheet.getCell(`O${line(6)}`).value).toBe('đm');
    expect(sheet.getCell(`G${line(6)}`).value).toBe(NOT_ROUTED);
    expect(sheet.getCell(`C${line(7)}`).value).toBe('Điểm cầu');
    expect(sheet.getCell(`C${line(9)}`).value).toBe('Ban tổ chức');
    expect(sheet.getCell(`G${line(9)}`).value).toBe(REMOVED_OFFICE);
    // Only a unit given: not anonymous, the unit in its own column.
    expect([sheet.getCell(`D${line(10)}`).value, sheet.getCell(`E${line(10)}`).value]).toEqual(['', 'Phòng GDĐT huyện Yên Thế']);
    expect([sheet.getCell(`D${line(2)}`).value, sheet.getCell(`E${line(2)}`).value]).toEqual(['Lê Thị Bình', '']);
    expect(sheet.getColumn(8).width).toBeGreaterThanOrEqual(50);
    expect(sheet.getCell(`H${line(3)}`).alignment?.wrapText).toBe(true);
  });

  it('writes text starting with = + - @ as plain strings, never formulas', async () => {
    const sheet = (await readBack()).getWorksheet(QUESTIONS_SHEET)!;
    const cells = { H: INJECTION, D: '+84 912 345 678', E: '@admin', Q: '-1' };
    for (const [column, text] of Object.entries(cells)) {
      const cell = sheet.getCell(`${column}${line(7)}`);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
      expect(cell.formula).toBeUndefined();
    }
    const digest = (await readBack()).getWorksheet(DIGEST_SHEET)!;
    const found = digest.getColumn(2).values.filter((v) => v === INJECTION);
    expect(found).toHaveLength(1);
  });

  it('"Tổng hợp": offices in settings order, then removed and not routed; categories; questions most voted first', async () => {
    const sheet = (await readBack()).getWorksheet(DIGEST_SHEET)!;
    expect(rowValues(sheet, 5)).toEqual([
      'TT', 'Phòng, ban / Phân loại / Nội dung', 'Số ý kiến', 'Lượt bình chọn', 'Trạng thái', 'Trả lời', 'Người trả lời', 'STT ở trang Câu hỏi',
      'Số mục', 'Chờ duyệt', 'Đã duyệt', 'Đã trả lời', 'Không duyệt',
    ]);
    const _ = undefined;
    // [TT, name, submissions, votes, _, _, _, _, entries, pending, approved, answered, rejected]
    expect(Array.from({ length: 19 }, (_v, i) => rowValues(sheet, 6 + i))).toEqual([
      ['I', 'Phòng Giáo dục Trung học', 3, 12, _, _, _, _, 3, 1, 2, 0, 0],
      ['1', 'Câu hỏi', 2, 7, _, _, _, _, 2, 1, 1, 0, 0],
      ['1.1', 'Sổ điểm điện tử có thay sổ giấy không?', 1, 7, 'Đã duyệt', '', '', 8],
      ['1.2', 'Khi nào có kết quả tuyển sinh lớp 10?', 1, 0, 'Chờ duyệt', '', '', 1],
      ['2', 'Kiến nghị', 1, 5, _, _, _, _, 1, 0, 1, 0, 0],
      ['2.1', 'Câu q2', 1, 5, 'Đã duyệt', '', '', 2],
      ['II', 'Phòng Kế hoạch – Tài chính', 3, 12, _, _, _, _, 1, 0, 0, 1, 0],
      ['1', 'Câu hỏi', 3, 12, _, _, _, _, 1, 0, 0, 1, 0],
      ['1.1', 'Khi nào giáo viên được tăng lương?', 3, 12, 'Đã trả lời', 'Thực hiện từ 01/7/2024 theo Nghị quyết 27-NQ/TW.', 'Phòng Kế hoạch – Tài chính', 3],
      ['III', 'Văn phòng Sở', 0, 0, _, _, _, _, 0, 0, 0, 0, 0],
      ['IV', REMOVED_OFFICE, 1, 0, _, _, _, _, 1, 1, 0, 0, 0],
      ['1', 'Câu hỏi', 1, 0, _, _, _, _, 1, 1, 0, 0, 0],
      ['1.1', 'Câu q9', 1, 0, 'Chờ duyệt', '', '', 9],
      ['V', NOT_ROUTED_GROUP, 3, 0, _, _, _, _, 3, 2, 0, 0, 1],
      ['1', 'Câu hỏi', 2, 0, _, _, _, _, 2, 2, 0, 0, 0],
      ['1.1', INJECTION, 1, 0, 'Chờ duyệt', '', '-1', 7],
      ['1.2', 'Câu q10', 1, 0, 'Chờ duyệt', '', '', 10],
      ['2', 'Góp ý', 1, 0, _, _, _, _, 1, 0, 0, 0, 1],
      ['2.1', 'Phòng học dột đm mãi không sửa', 1, 0, 'Không duyệt', '', '', 6],
    ]);
    expect(rowValues(sheet, 25)).toEqual([_, 'Tổng cộng', 10, 24, _, _, _, _, 8, 4, 2, 1, 1]);
    expect(sheet.rowCount).toBe(25);
    expect(sheet.getRow(6).font?.bold).toBe(true);
    expect(sheet.getRow(25).font?.bold).toBe(true);
  });

  it('the digest leaves merged entries out but counts them in their entry', () => {
    const { offices, total } = questionsDigest(MEETING, QUESTIONS);
    const listed = offices.flatMap((o) => o.categories.flatMap((c) => c.questions.map((q) => q.id)));
    expect(listed).not.toContain('q4');
    expect(listed).not.toContain('q5');
    expect(total).toEqual({ entries: 8, submissions: 10, votes: 24, pending: 4, approved: 2, answered: 1, rejected: 1 });
  });

  it('a meeting without questions or offices still gives both sheets with a zero total', async () => {
    const workbook = await readBack([], { ...MEETING, questions: DEFAULT_QUESTION_SETTINGS });
    expect(workbook.getWorksheet(QUESTIONS_SHEET)!.rowCount).toBe(5);
    const digest = workbook.getWorksheet(DIGEST_SHEET)!;
    expect(rowValues(digest, 6)).toEqual([undefined, 'Tổng cộng', 0, 0, undefined, undefined, undefined, undefined, 0, 0, 0, 0, 0]);
    expect(digest.rowCount).toBe(6);
  });

  it.each([
    [1, 'I'],
    [4, 'IV'],
    [9, 'IX'],
    [14, 'XIV'],
    [49, 'XLIX'],
    [52, 'LII'],
  ])('roman(%i) = %s', (n, text) => expect(roman(n)).toBe(text));
});
