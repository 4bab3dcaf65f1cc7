import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  ATTENDANCE_SHEET,
  type AttendanceExport,
  type AttendanceExportSite,
  attendanceWorkbook,
  GROUP_SHEET,
  groupTotals,
  NO_ANSWER,
  NO_GROUP,
  vnDateTimeText,
} from '../../server/src/sites/sites.export';
import { vnClock } from './fixtures';

const DATE = '2024-08-15';
const { at, wallClock } = vnClock(DATE);

const site = (overrides: Partial<AttendanceExportSite>): AttendanceExportSite => ({
  name: '',
  group: '',
  contactName: '',
  phone: '',
  email: '',
  expectedHeadcount: null,
  checkedInAt: null,
  representative: '',
  representativeTitle: '',
  headcount: null,
  readiness: 'unknown',
  note: '',
  disconnections: 0,
  lastSeenAt: null,
  rollCallAnswers: {},
  ...overrides,
});

const DATA: AttendanceExport = {
  meeting: { title: 'Hội nghị tổng kết năm học 2023-2024', organiser: 'Sở GDĐT Bắc Giang', date: DATE, startTime: '07:30' },
  generatedAt: at('11:05', 9),
  rollCalls: [
    { id: 'rc1', label: 'Đầu giờ', startedAt: at('07:35'), endsAt: at('07:40') },
    { id: 'rc2', label: '', startedAt: at('09:50'), endsAt: at('09:55') },
  ],
  sites: [
    site({
      name: 'Phòng GDĐT huyện Yên Thế',
      group: 'Phòng GDĐT',
      expectedHeadcount: 30,
      contactName: 'Hoàng Thị Hà',
      email: 'pgd.yenthe@bacgiang.edu.vn',
      phone: '0912345678',
      checkedInAt: at('07:21', 5),
      representative: 'Trần Văn Bình',
      representativeTitle: 'Trưởng phòng',
      headcount: 27,
      readiness: 'ready',
      disconnections: 1,
      lastSeenAt: at('11:04', 58),
      rollCallAnswers: { rc1: { answeredAt: at('07:36', 12), headcount: 27 }, rc2: { answeredAt: at('09:51'), headcount: null } },
    }),
    site({
      name: 'Trường THPT Ngô Sĩ Liên',
      group: 'Trường THPT',
      phone: '0204 3854 123',
      expectedHeadcount: 40,
      checkedInAt: at('07:25'),
      representative: 'Lê Thị Cúc',
      headcount: 38,
      readiness: 'problem',
      note: 'Mất tiếng\u0007 lúc 8h',
      disconnections: 3,
      lastSeenAt: at('10:59'),
      rollCallAnswers: { rc1: { answeredAt: at('07:39', 59), headcount: 38 } },
    }),
    site({ name: 'Phòng GDĐT huyện Sơn Động', group: 'Phòng GDĐT', expectedHeadcount: 20 }),
  ],
};

async function readBack(data: AttendanceExport) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await attendanceWorkbook(data)) as unknown as ExcelJS.Buffer);
  return workbook;
}
const rowValues = (sheet: ExcelJS.Worksheet, line: number) => (sheet.getRow(line).values as unknown[]).slice(1);

describe('vnDateTimeText', () => {
  it.each([
    [Date.UTC(2024, 7, 15, 0, 30, 5), '15/08/2024 07:30:05'],
    [Date.UTC(2024, 11, 31, 17, 0, 0), '01/01/2025 00:00:00'],
    [Date.UTC(2024, 2, 31, 2, 0, 0), '31/03/2024 09:00:00'], // Europe's DST change day: Vietnam has none
  ])('%i → %s', (instant, text) => expect(vnDateTimeText(instant)).toBe(text));
});

describe('attendanceWorkbook', () => {
  it('has the two sheets, each with the title block', async () => {
    const workbook = await readBack(DATA);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([ATTENDANCE_SHEET, GROUP_SHEET]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.getCell('A1').value).toBe('Hội nghị tổng kết năm học 2023-2024');
      expect(sheet.getCell('A1').font?.bold).toBe(true);
      expect(String(sheet.getCell('A2').value)).toContain('Sở GDĐT Bắc Giang · ngày 15/08/2024, bắt đầu 07:30');
      expect(sheet.getCell('A3').value).toBe('Xuất lúc 15/08/2024 11:05:09 (giờ Việt Nam)');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
      expect(sheet.getRow(5).font?.bold).toBe(true);
    }
  });

  it('"Tham dự": one row per site, numbers as numbers, times as Vietnam-time dates, one column per roll call', async () => {
    const sheet = (await readBack(DATA)).getWorksheet(ATTENDANCE_SHEET)!;
    expect(rowValues(sheet, 5)).toEqual([
      'STT', 'Tên điểm cầu', 'Nhóm', 'Người liên hệ', 'Số điện thoại', 'Email', 'Số người dự kiến', 'Giờ báo có mặt', 'Người đại diện',
      'Chức vụ', 'Số người có mặt', 'Tình trạng', 'Ghi chú', 'Số lần mất kết nối', 'Lần cuối trực tuyến', 'Điểm danh Đầu giờ', 'Điểm danh lúc 09:50',
    ]);
    expect(rowValues(sheet, 6)).toEqual([
      1, 'Phòng GDĐT huyện Yên Thế', 'Phòng GDĐT', 'Hoàng Thị Hà', '0912345678', 'pgd.yenthe@bacgiang.edu.vn', 30, wallClock('07:21', 5),
      'Trần Văn Bình', 'Trưởng phòng', 27, 'Sẵn sàng', '', 1, wallClock('11:04', 58), '15/08/2024 07:36:12 – 27 người', '15/08/2024 09:51:00',
    ]);
    expect(rowValues(sheet, 7)).toEqual([
      2, 'Trường THPT Ngô Sĩ Liên', 'Trường THPT', '', '0204 3854 123', '', 40, wallClock('07:25'),
      'Lê Thị Cúc', '', 38, 'Có sự cố', 'Mất tiếng lúc 8h', 3, wallClock('10:59'), '15/08/2024 07:39:59 – 38 người', NO_ANSWER,
    ]);
    expect(sheet.getCell('H7').numFmt).toBe('dd/mm/yyyy hh:mm:ss');
    expect(sheet.getCell('B8').value).toBe('Phòng GDĐT huyện Sơn Động');
    for (const column of ['H', 'K', 'O']) expect(sheet.getCell(`${column}8`).value).toBeNull();
    expect(sheet.getCell('L8').value).toBe('Chưa báo');
    expect([sheet.getCell('P8').value, sheet.getCell('Q8').value]).toEqual([NO_ANSWER, NO_ANSWER]);
    expect(sheet.rowCount).toBe(8);
    expect(sheet.autoFilter).toBe('A5:Q8');
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(30);
  });

  it('"Tổng hợp theo nhóm": per group in order of appearance, then a bold total', async () => {
    const sheet = (await readBack(DATA)).getWorksheet(GROUP_SHEET)!;
    expect(rowValues(sheet, 5)).toEqual([
      'Nhóm', 'Số điểm cầu', 'Đã báo có mặt', 'Chưa báo có mặt', 'Số người dự kiến', 'Số người có mặt', 'Tỷ lệ có mặt',
      'Trả lời điểm danh Đầu giờ', 'Trả lời điểm danh lúc 09:50',
    ]);
    expect([6, 7, 8].map((line) => rowValues(sheet, line))).toEqual([
      ['Phòng GDĐT', 2, 1, 1, 50, 27, 27 / 50, 1, 1],
      ['Trường THPT', 1, 1, 0, 40, 38, 38 / 40, 1, 0],
      ['Tổng cộng', 3, 2, 1, 90, 65, 65 / 90, 2, 1],
    ]);
    expect(sheet.getRow(8).font?.bold).toBe(true);
    expect(sheet.getCell('G6').numFmt).toBe('0.0%');
    expect(sheet.rowCount).toBe(8);
  });

  it('sites without a group are summed together; no expected people leaves the rate empty', () => {
    const { groups, total } = groupTotals({
      ...DATA,
      rollCalls: [],
      sites: [site({ name: 'A', headcount: 3, checkedInAt: at('07:00') }), site({ name: 'B', group: '  ' })],
    });
    expect(groups).toEqual([{ group: NO_GROUP, sites: 2, checkedIn: 1, expected: 0, present: 3, answered: [] }]);
    expect(total).toMatchObject({ sites: 2, checkedIn: 1, present: 3 });
  });

  it('an empty meeting still gives both sheets with a zero total', async () => {
    const workbook = await readBack({ ...DATA, rollCalls: [], sites: [] });
    expect(rowValues(workbook.getWorksheet(GROUP_SHEET)!, 6)).toEqual(['Tổng cộng', 0, 0, 0, 0, 0]);
    expect(workbook.getWorksheet(ATTENDANCE_SHEET)!.rowCount).toBe(5);
  });
});
