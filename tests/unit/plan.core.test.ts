import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agendaKind, findDates, findDeadline, findTimes, parsePlanText, type PlanImport, PlanImport as PlanImportSchema, timeSlot } from '@diemcau/shared';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/plans');
const readPlan = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const BAC_GIANG = readPlan('bac-giang-giao-ban-giua-ky-1.txt');
const BEN_TRE = readPlan('ben-tre-tong-ket-nam-hoc.txt');
const QUANG_NGAI = readPlan('quang-ngai-lam-viec-ubnd-huyen.txt');
const COOPERATION = readPlan('chuong-trinh-phoi-hop.txt');

/** Parses and checks the result against the published schema, as the CLI and the server do. */
const parse = (text: string): PlanImport => PlanImportSchema.parse(parsePlanText(text));
const slots = (plan: PlanImport) => plan.agenda.map((a) => [a.title, a.presenter, a.startTime, a.durationMinutes]);

describe('times and dates as plans write them', () => {
  it.each([
    ["7h30'", ['07:30']],
    ['07 giờ 30 phút', ['07:30']],
    ['14h00', ['14:00']],
    ["7h35' - 11h00'", ['07:35', '11:00']],
    ['7h30’', ['07:30']],
    ['8g30', ['08:30']],
    ['7h', ['07:00']],
    ['07 giờ', ['07:00']],
    ['13:30', ['13:30']],
    ['2 giờ 30 chiều', ['14:30']],
    ['Phòng họp số 1, Tầng 6, Lô Q10', []],
    ['3.1. Địa điểm', []],
    ['năm học 2023 - 2024', []],
    ['24h trực', []],
  ])('findTimes(%j)', (text, expected) => {
    expect(findTimes(text).map((t) => t.time)).toEqual(expected);
  });

  it.each([
    ["7h35' - 11h00'", { start: '07:35', end: '11:00' }],
    ['từ 7 giờ 30 đến 11 giờ', { start: '07:30', end: '11:00' }],
    ['14h00 – 16h30', { start: '14:00', end: '16:30' }],
    ["7h30'", { start: '07:30', end: null }],
    ['7h30, 9h00', { start: '07:30', end: null }],
  ])('timeSlot(%j)', (text, expected) => {
    expect(timeSlot(text)).toMatchObject(expected);
  });

  it('reads numeric and written dates; a day without a year takes the one given; 31/02 is no date', () => {
    expect(findDates('ngày 24/11/2023 (thứ Sáu)').map((d) => d.date)).toEqual(['2023-11-24']);
    expect(findDates('ngày 05 tháng 9 năm 2023').map((d) => d.date)).toEqual(['2023-09-05']);
    expect(findDates('trước ngày 18/11', 2023).map((d) => d.date)).toEqual(['2023-11-18']);
    expect(findDates('trước ngày 18/11')).toEqual([]);
    expect(findDates('31/02/2024')).toEqual([]);
    expect(findDates('mục 3.1 và 2-3')).toEqual([]);
  });

  it.each([
    ['gửi Văn phòng chậm nhất ngày 18/11/2023 để tổng hợp', { deadline: '2023-11-18', text: 'chậm nhất ngày 18/11/2023' }],
    ['gửi bản mềm trước ngày 18/11/2023 theo địa chỉ email', { deadline: '2023-11-18', text: 'trước ngày 18/11/2023' }],
    ['hoàn thành trước 20/11 để in', { deadline: '2023-11-20', text: 'hoàn thành trước 20/11' }],
    ['gửi về Sở trước 05 ngày (tính từ ngày làm việc)', { deadline: null, text: 'trước 05 ngày (tính từ ngày làm việc)' }],
    ['gửi báo cáo trước khi tổ chức Hội nghị.', { deadline: null, text: 'trước khi tổ chức Hội nghị' }],
  ])('findDeadline(%j)', (text, expected) => {
    expect(findDeadline(text, 2023)).toEqual(expected);
  });

  it('no deadline in a sentence that only cites a dated document', () => {
    expect(findDeadline('theo Quyết định số 2457/QĐ-BGDĐT ngày 23/8/2023 của Bộ GDĐT', 2023)).toBeNull();
  });

  it.each([
    ['Đón tiếp đại biểu', 'reception'],
    ['Tuyên bố lý do, giới thiệu đại biểu', 'formalities'],
    ['Phát biểu khai mạc Hội nghị', 'opening'],
    ['Báo cáo đề dẫn triển khai nhiệm vụ', 'keynote'],
    ['Thảo luận; Giải trình (Nếu có)', 'discussion'],
    ['Phát biểu của Giám đốc Sở GDĐT', 'directive'],
    ['Công bố, trao các Quyết định khen thưởng', 'awards'],
    ['Kết thúc hội nghị', 'closing'],
    ['Nghỉ giải lao', 'break'],
    ['Văn nghệ chào mừng', 'reception'],
    ['Chụp ảnh lưu niệm', 'other'],
  ])('agendaKind(%j) = %s', (title, kind) => {
    expect(agendaKind(title)).toBe(kind);
  });
});

describe('the Bắc Giang plan (agenda and contributions in annexes)', () => {
  const plan = parse(BAC_GIANG);

  it('reads the meeting: title, organiser, number, start, end, format, venue, participants', () => {
    expect(plan.meeting).toMatchObject({
      title: 'Hội nghị giao ban giữa kỳ I, triển khai nhiệm vụ các tháng còn lại năm học 2023 - 2024',
      organiser: 'Sở Giáo dục và Đào tạo Bắc Giang',
      documentNumber: '…/KH-SGDĐT',
      issuedOn: null,
      startsAt: '2023-11-24T07:30:00+07:00',
      endsAt: '2023-11-24T11:35:00+07:00',
      format: 'in_person',
      venue: 'Phòng họp số 1, Tầng 6, Cơ quan Sở (Lô Q10, đường Lý Tự Trọng, thành phố Bắc Giang, tỉnh Bắc Giang)',
      sites: [],
    });
    expect(plan.meeting?.participants).toHaveLength(2);
    expect(plan.meeting?.participants[0]).toBe('Đại biểu mời: Lãnh đạo Sở GDĐT; lãnh đạo Công đoàn ngành');
  });

  it('says where each field came from', () => {
    const sources = plan.meeting!.sources;
    expect(sources.startsAt).toEqual({ line: 21, text: '1. Thời gian: Dự kiến từ 07 giờ 30 phút ngày 24/11/2023 (thứ Sáu).' });
    expect(sources.venue?.line).toBe(27);
    expect(sources.format?.text).toContain('trực tiếp');
    expect(sources.issuedOn).toBeUndefined();
    const lines = BAC_GIANG.split('\n');
    for (const source of [...Object.values(sources), ...plan.agenda.map((a) => a.source), ...plan.contributions.map((c) => c.source), ...plan.tasks.map((t) => t.source)]) {
      const original = lines[source!.line - 1]!.replace(/\*\*/g, '').replace(/\t+/g, ' ');
      expect(original.replace(/\s+/g, ' ')).toContain(source!.text.split(' | ')[0]!.slice(0, 30));
    }
  });

  it('reads the annex agenda: times, durations, presenters; the 7h35–11h00 slot splits into its three parts', () => {
    expect(slots(plan)).toEqual([
      ['Đón tiếp đại biểu', 'Ban Tổ chức', '07:30', 5],
      ['Tuyên bố lý do, giới thiệu đại biểu', 'Chánh Văn phòng Sở GDĐT', '07:35', null],
      [
        'Báo cáo đề dẫn triển khai nhiệm vụ trọng tâm 9 tuần đầu học kỳ I; triển khai nhiệm vụ trọng tâm các tháng còn lại của năm học 2023-2024',
        'Đồng chí Bạch Đăng Khoa - PGĐ Sở GDĐT',
        null,
        null,
      ],
      ['Thảo luận; Giải trình (Nếu có)', '03 đồng chí Phó Giám đốc Sở GDĐT', null, null],
      ['Phát biểu của Giám đốc Sở GDĐT', 'Giám đốc Sở GDĐT', '11:00', 30],
      ['Kết thúc hội nghị', 'Chánh Văn phòng Sở GDĐT', '11:30', 5],
    ]);
    expect(plan.agenda[0]!.startsAt).toBe('2023-11-24T07:30:00+07:00');
    expect(plan.agenda.map((a) => a.kind)).toEqual(['reception', 'formalities', 'keynote', 'discussion', 'directive', 'closing']);
    expect(plan.warnings.some((w) => w.includes('07:35–11:00 gồm 3 nội dung'))).toBe(true);
  });

  it('reads the 19 tham luận of Phụ lục II, joining the row split by the page break', () => {
    expect(plan.contributions).toHaveLength(19);
    expect(plan.contributions[0]!.topic).toMatch(/^Các khó khăn, vướng mắc trong quá trình thực hiện nhiệm vụ giáo dục: \(1\)\./);
    expect(plan.contributions[9]!.topic).toMatch(/trong giáo dục phổ thông; thực hiện kết hợp dạy văn hóa phổ thông với dạy nghề hiệu quả, đúng quy định$/);
    expect(plan.contributions[18]).toMatchObject({ topic: 'Triển khai xây dựng trường học hạnh phúc', unit: null });
    expect(plan.contributions.every((c) => c.unit === null)).toBe(true);
  });

  it('reads the tasks of Tổ chức thực hiện with their deadlines; "Phụ trách chung" is the lead, not a task', () => {
    expect(plan.tasks.map((t) => [t.unit, t.deadline, t.deadlineText])).toEqual([
      ['Các đồng chí Phó Giám đốc Sở', null, null],
      ['Văn phòng', null, null],
      ['Trưởng các phòng thuộc Sở, Chánh Thanh tra Sở', '2023-11-18', 'chậm nhất ngày 18/11/2023'],
      ['Phòng GDĐT các huyện, thành phố; các đơn vị trực thuộc Sở; các trường cao đẳng có giảng dạy chương trình GDTX cấp THPT', '2023-11-18', 'trước ngày 18/11/2023'],
      ['Sở GDĐT', null, 'trước khi tổ chức Hội nghị'],
    ]);
    expect(plan.tasks[1]!.task).toMatch(/^Chủ trì, phối hợp với các phòng thuộc Sở xây dựng Báo cáo đề dẫn/);
    expect(plan.meeting?.chair).toBe('Đồng chí Tạ Việt Hùng, Giám đốc Sở GDĐT');
    expect(plan.warnings.some((w) => w.startsWith('Chủ trì: kế hoạch không ghi'))).toBe(true);
  });

  it('warns about the blank number and issue date of the draft', () => {
    expect(plan.warnings).toContain('Số văn bản để trống (…/KH-SGDĐT, dòng 3): bản dự thảo chưa cấp số.');
    expect(plan.warnings.some((w) => w.startsWith('Ngày ban hành chưa điền đủ'))).toBe(true);
  });
});

describe('the Bến Tre plan (agenda table in the body, no times)', () => {
  const plan = parse(BEN_TRE);

  it('reads the meeting; the date range is not a date', () => {
    expect(plan.meeting).toMatchObject({
      title: 'Hội nghị tổng kết năm học 2022-2023, triển khai phương hướng, nhiệm vụ trọng tâm năm học 2023-2024',
      organiser: 'Sở Giáo dục và Đào tạo Bến Tre',
      documentNumber: '…/KH-SGD&ĐT',
      date: null,
      startsAt: null,
      endsAt: null,
      format: 'in_person',
      venue: 'Hội trường lớn (tầng 1) Tòa nhà 6 Sở (126A đường Nguyễn Thị Định, phường Phú Tân, Thành phố Bến Tre)',
      chair: null,
    });
    expect(plan.meeting?.participants.map((p) => p.split(':')[0])).toEqual(['Đại biểu tỉnh', 'Đại biểu huyện']);
    expect(plan.meeting?.sources.startsAt).toBeUndefined();
    expect(plan.warnings.some((w) => w.includes('01/8 – 04/8/2023'))).toBe(true);
  });

  it('reads the ten items with presenters and no times; the row holding two paragraphs becomes two items', () => {
    expect(plan.agenda).toHaveLength(10);
    expect(plan.agenda.every((a) => a.startTime === null && a.durationMinutes === null)).toBe(true);
    expect(plan.agenda[2]).toMatchObject({ title: 'Phát biểu khai mạc Hội nghị', presenter: 'Giám đốc Sở GD&ĐT', kind: 'opening' });
    expect(plan.agenda[4]).toMatchObject({ title: 'Báo cáo kết quả thực hiện nhiệm vụ năm học 2022-2023; triển khai nhiệm vụ trọng tâm năm học 2023-2024', presenter: 'Ban GD Sở GD&ĐT' });
    expect(plan.agenda[5]).toMatchObject({ title: 'Tham luận, gợi ý thảo luận và phát biểu ý kiến của đại biểu', presenter: 'Đại biểu dự Hội nghị' });
    expect(plan.agenda[9]).toMatchObject({ presenter: 'GD Sở GD&ĐT', kind: 'closing' });
    expect(plan.contributions).toEqual([]);
  });

  it('reads tasks: a numbered office heading followed by its bullets, and a paragraph', () => {
    expect(plan.tasks.map((t) => t.unit)).toEqual([
      ...Array(4).fill('Văn phòng Sở GD&ĐT'),
      ...Array(4).fill('Các Phòng, Thanh tra Sở'),
      'Phòng Giáo dục và Đào tạo các huyện, thành phố; các đơn vị trực thuộc Sở',
    ]);
    expect(plan.tasks.every((t) => t.deadline === null)).toBe(true);
  });
});

describe('the Quảng Ngãi plan (working sessions, no fixed time or place)', () => {
  const plan = parse(QUANG_NGAI);

  it('reads what is there and invents nothing: no date, format, venue or agenda', () => {
    expect(plan.meeting).toMatchObject({
      title: 'Làm việc với Ủy ban nhân dân các huyện về công tác giáo dục và đào tạo tại địa phương',
      organiser: 'Sở Giáo dục và Đào tạo Quảng Ngãi',
      startsAt: null,
      format: null,
      venue: null,
      chair: null,
    });
    expect(plan.agenda).toEqual([]);
    expect(plan.contributions).toEqual([]);
    expect(plan.warnings.some((w) => w.includes('Quý II/2023'))).toBe(true);
    expect(plan.warnings.some((w) => w.includes('Do UBND huyện bố trí'))).toBe(true);
  });

  it('reads lettered participant groups with their members', () => {
    expect(plan.meeting?.participants).toHaveLength(6);
    expect(plan.meeting?.participants[2]).toBe('UBND huyện: Đại diện Thường trực Huyện ủy');
  });

  it('reads "Giao X …" and "Đề nghị X …" tasks with a relative deadline kept as written', () => {
    expect(plan.tasks).toEqual([
      expect.objectContaining({ unit: 'Chánh Văn phòng Sở GDĐT', deadline: null, deadlineText: null }),
      expect.objectContaining({ unit: 'UBND các huyện', deadline: null, deadlineText: 'trước 05 ngày (tính từ ngày làm việc đã thống nhất)' }),
    ]);
    expect(plan.tasks[1]!.task).toMatch(/^Chuẩn bị các nội dung làm việc/);
  });
});

describe('documents that are not a meeting', () => {
  it('a programme of cooperation is recognised: no meeting, nothing extracted, said plainly', () => {
    const plan = parse(COOPERATION);
    expect(plan).toMatchObject({ meeting: null, agenda: [], contributions: [], tasks: [] });
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]).toMatch(/không phải kế hoạch tổ chức một hội nghị/);
  });

  it('empty text', () => {
    expect(parse(' \n\t\n')).toMatchObject({ meeting: null, warnings: [expect.stringMatching(/^Văn bản trống/)] });
  });
});

/** A small plan written the way many departments write a short one: agenda in the body, no annex. */
const BODY_AGENDA = `UBND TỈNH BẮC GIANG
SỞ GIÁO DỤC VÀ ĐÀO TẠO

Số: 1234/KH-SGDĐT

Bắc Giang, ngày 10 tháng 11 năm 2023

KẾ HOẠCH
Tổ chức Hội nghị trực tuyến sơ kết công tác chuyển đổi số

I. THỜI GIAN, HÌNH THỨC, ĐỊA ĐIỂM

1. Thời gian: 14h00 ngày 24/11/2023 (thứ Năm).

2. Hình thức: Trực tuyến kết hợp trực tiếp.

3. Địa điểm: Điểm cầu chính tại Hội trường tầng 3, Sở GDĐT; các điểm cầu tại: Phòng GDĐT huyện Lục Ngạn; Phòng GDĐT huyện Yên Thế.

4. Chủ trì: Đồng chí Nguyễn Văn An, Giám đốc Sở GDĐT.

5. Thành phần: Lãnh đạo Sở; trưởng các phòng thuộc Sở; lãnh đạo Phòng GDĐT các huyện.

II. CHƯƠNG TRÌNH

1. Nội dung: Sơ kết công tác chuyển đổi số học kỳ I.

2. Chương trình hội nghị (dự kiến):

- 14h00 - 14h10: Tuyên bố lý do, giới thiệu đại biểu (Ban Tổ chức).
- 14h10' – 14h40': Báo cáo sơ kết công tác chuyển đổi số - Phòng GDTrH.
+ Kết quả triển khai học bạ số
+ Kế hoạch học kỳ II
- 14 giờ 40 phút: Thảo luận, giải trình do đồng chí Phó Giám đốc Sở chủ trì
- Kết luận hội nghị. Thực hiện: Giám đốc Sở GDĐT

III. TỔ CHỨC THỰC HIỆN

1. Văn phòng Sở: chuẩn bị hội trường, kiểm tra đường truyền trước ngày 22/11.

2. Các Phòng GDĐT: gửi danh sách điểm cầu về Văn phòng chậm nhất ngày 20/11/2023.

Nơi nhận:
- Như trên;
- Lưu: VT.
`;

describe('variants a user will meet', () => {
  it('an agenda in the body: times as 14h00, 14h10\', 14 giờ 40 phút; presenters in brackets, after a dash, "do … chủ trì", "Thực hiện:"; sub-points kept', () => {
    const plan = parse(BODY_AGENDA);
    expect(slots(plan)).toEqual([
      ['Tuyên bố lý do, giới thiệu đại biểu', 'Ban Tổ chức', '14:00', 10],
      ['Báo cáo sơ kết công tác chuyển đổi số', 'Phòng GDTrH', '14:10', 30],
      ['Thảo luận, giải trình', 'đồng chí Phó Giám đốc Sở', '14:40', null],
      ['Kết luận hội nghị', 'Giám đốc Sở GDĐT', null, null],
    ]);
    expect(plan.agenda[1]!.subItems).toEqual(['Kết quả triển khai học bạ số', 'Kế hoạch học kỳ II']);
    expect(plan.agenda[2]!.startsAt).toBe('2023-11-24T14:40:00+07:00');
  });

  it('letterhead organiser, full issue date, hybrid format, host and named sites, chair, inline participants', () => {
    const plan = parse(BODY_AGENDA);
    expect(plan.meeting).toMatchObject({
      title: 'Hội nghị trực tuyến sơ kết công tác chuyển đổi số',
      organiser: 'Sở Giáo dục và Đào tạo Bắc Giang',
      documentNumber: '1234/KH-SGDĐT',
      issuedOn: '2023-11-10',
      startsAt: '2023-11-24T14:00:00+07:00',
      endsAt: null,
      format: 'hybrid',
      venue: 'Hội trường tầng 3, Sở GDĐT',
      sites: ['Hội trường tầng 3, Sở GDĐT', 'Phòng GDĐT huyện Lục Ngạn', 'Phòng GDĐT huyện Yên Thế'],
      chair: 'Đồng chí Nguyễn Văn An, Giám đốc Sở GDĐT',
      participants: ['Lãnh đạo Sở', 'trưởng các phòng thuộc Sở', 'lãnh đạo Phòng GDĐT các huyện'],
    });
    expect(plan.meeting?.sources.organiser?.line).toBe(2);
  });

  it('a weekday that does not match the date is pointed out', () => {
    const plan = parse(BODY_AGENDA);
    expect(plan.warnings).toContain('Ngày 24/11/2023 là thứ Sáu, nhưng kế hoạch ghi thứ Năm (dòng 13): kiểm tra lại ngày.');
  });

  it('a deadline without a year takes the year of the document', () => {
    const plan = parse(BODY_AGENDA);
    expect(plan.tasks.map((t) => [t.unit, t.deadline])).toEqual([
      ['Văn phòng Sở', '2023-11-22'],
      ['Các Phòng GDĐT', '2023-11-20'],
    ]);
  });

  it('missing times: no time line and an annex without times leave every time empty and say so', () => {
    const text = BAC_GIANG.replace(/^1\. Thời gian:.*$/m, '1. Thời gian: sẽ thông báo sau.')
      .replace(/^Dự kiến: từ.*$/m, '')
      .replace(/\t\d{1,2}h\d{2}' - \d{1,2}h\d{2}'\t/g, '\t\t');
    const plan = parse(text);
    expect(plan.meeting).toMatchObject({ date: null, startTime: null, startsAt: null, endsAt: null });
    expect(plan.agenda.map((a) => a.startTime)).toEqual([null, null, null, null, null, null]);
    expect(plan.agenda.map((a) => a.title)).toEqual(parse(BAC_GIANG).agenda.map((a) => a.title));
    expect(plan.warnings).toContain('Không tìm thấy giờ bắt đầu: hãy nhập giờ.');
    expect(plan.warnings).toContain('Chương trình không ghi giờ cho từng nội dung: hãy nhập thời lượng nếu cần.');
  });

  it('times written "7h30\'", "07 giờ 30 phút" and "14h00" in the annex table read the same', () => {
    const text = BAC_GIANG.replace("7h30' - 7h35'", '07 giờ 30 phút - 07 giờ 35 phút').replace("11h30' - 11h35'", '11h30 - 11h35').replace("11h00' - 11h30'", '11 giờ - 11h30');
    expect(slots(parse(text))).toEqual(slots(parse(BAC_GIANG)));
  });

  it('an annex row whose cells wrap over several lines (as read from a PDF) is joined', () => {
    const wrapped = BAC_GIANG.replace(
      "1\t7h30' - 7h35'\t- Đón tiếp đại biểu\tBan Tổ chức",
      "1\t7h30' - 7h35'\t- Đón tiếp\tBan Tổ\n\t\tđại biểu\tchức",
    );
    expect(slots(parse(wrapped))[0]).toEqual(['Đón tiếp đại biểu', 'Ban Tổ chức', '07:30', 5]);
  });

  it('an online meeting without a "Hình thức" line takes its format from the text', () => {
    const text = 'KẾ HOẠCH\nTổ chức cuộc họp giao ban tháng 12\n\nSở GDĐT tổ chức cuộc họp trực tuyến với các Phòng GDĐT.\n\nThời gian: 8h00 ngày 05/12/2023.';
    const plan = parse(text);
    expect(plan.meeting).toMatchObject({ title: 'Cuộc họp giao ban tháng 12', format: 'online', startsAt: '2023-12-05T08:00:00+07:00' });
    expect(plan.meeting?.sources.format?.line).toBe(4);
  });
});

describe('tham luận lists other plans use', () => {
  const head = 'KẾ HOẠCH\nTổ chức Hội nghị sơ kết học kỳ I\n\nThời gian: 8h00 ngày 12/01/2024.\n\n';

  it('a table with the presenting unit in its own column', () => {
    const plan = parse(`${head}TT\tTên tham luận\tĐơn vị trình bày\n1\tĐổi mới sinh hoạt chuyên môn\tPhòng GDĐT huyện Lục Ngạn\n2\tChuyển đổi số trong quản lý\tTrường THPT Ngô Sĩ Liên\n`);
    expect(plan.contributions.map((c) => [c.topic, c.unit])).toEqual([
      ['Đổi mới sinh hoạt chuyên môn', 'Phòng GDĐT huyện Lục Ngạn'],
      ['Chuyển đổi số trong quản lý', 'Trường THPT Ngô Sĩ Liên'],
    ]);
    expect(plan.agenda).toEqual([]);
  });

  it('a numbered list under a "Danh mục tham luận" heading, the unit in brackets', () => {
    const plan = parse(`${head}Danh mục tham luận:\n1. Nâng cao chất lượng dạy tiếng Anh (Phòng GDĐT huyện Yên Thế).\n2. Xây dựng trường học hạnh phúc – Trường THCS Lê Quý Đôn\n3. Công tác phổ cập giáo dục\n\nIII. TỔ CHỨC THỰC HIỆN\n`);
    expect(plan.contributions.map((c) => [c.topic, c.unit])).toEqual([
      ['Nâng cao chất lượng dạy tiếng Anh', 'Phòng GDĐT huyện Yên Thế'],
      ['Xây dựng trường học hạnh phúc', 'Trường THCS Lê Quý Đôn'],
      ['Công tác phổ cập giáo dục', null],
    ]);
  });

  it('a session row across the annex table ("Buổi sáng") is no agenda item', () => {
    const plan = parse(`${head}TT\tThời gian\tNội dung\tThực hiện\nBuổi sáng\t\t\t\n1\t8h00 - 8h15\tKhai mạc\tGiám đốc Sở\n2\t8h15 - 9h00\tBáo cáo sơ kết\tPhòng GDTrH\n`);
    expect(slots(plan)).toEqual([
      ['Khai mạc', 'Giám đốc Sở', '08:00', 15],
      ['Báo cáo sơ kết', 'Phòng GDTrH', '08:15', 45],
    ]);
  });
});

describe('plans it was not built on (issue 20)', () => {
  const letterhead = 'UBND TỈNH HÀ NAM\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\tĐộc lập - Tự do - Hạnh phúc\nSố: 77/KH-SGDĐT\tHà Nam, ngày 02 tháng 3 năm 2025\n\n';

  it('the verdict comes from labelled sections, not from a word in the title', () => {
    const plan = parse(`${letterhead}KẾ HOẠCH\nGặp mặt đầu xuân các nhà giáo lão thành\n\n1. Thời gian: 8h00 ngày 10/3/2025.\n2. Địa điểm: Hội trường Sở.\n3. Thành phần: nhà giáo đã nghỉ hưu.\n`);
    expect(plan.meeting).toMatchObject({ title: 'Gặp mặt đầu xuân các nhà giáo lão thành', date: '2025-03-10', venue: 'Hội trường Sở' });
  });

  it('a report or a decision holds no meeting, whatever meeting it recounts, and says why', () => {
    const plan = parse(`${letterhead}BÁO CÁO\nKết quả Hội nghị giao ban\n\n1. Thời gian: 8h00 ngày 01/3/2025.\n2. Địa điểm: Hội trường Sở.\n`);
    expect(plan.meeting).toBeNull();
    expect(plan.warnings[0]).toMatch(/báo cáo/);
  });

  it('a cited plan gives neither its number nor its issuer', () => {
    const plan = parse(`KẾ HOẠCH\nHội nghị chuyên đề\n\nThực hiện Kế hoạch số 15/KH-BGDĐT ngày 02/01/2025 của Bộ Giáo dục và Đào tạo, Trường THCS Lý Tự Trọng tổ chức như sau:\n\n1. Thời gian: 8h00 ngày 10/3/2025.\n2. Địa điểm: Thư viện trường.\n`);
    expect(plan.meeting?.documentNumber).toBeNull();
    expect(plan.meeting?.organiser ?? '').not.toMatch(/Bộ/);
  });

  it('a window stays a window, "dự kiến" stays tentative, each with a warning', () => {
    const window = parse(`${letterhead}THÔNG BÁO\nTập huấn giáo viên\n\n1. Thời gian: từ ngày 05-20/9/2025.\n2. Hình thức: trực tuyến.\n`);
    expect(window.meeting).toMatchObject({ date: null, window: { from: '2025-09-05', to: '2025-09-20' } });
    expect(window.warnings.join(' ')).toMatch(/khoảng thời gian/);
    const tentative = parse(`${letterhead}GIẤY MỜI\nHọp triển khai công tác thi\n\n1. Thời gian (dự kiến): 8h00 ngày 21/3/2025.\n2. Địa điểm: Phòng họp số 1.\n`);
    expect(tentative.meeting).toMatchObject({ date: '2025-03-21', tentative: true });
    expect(tentative.warnings.join(' ')).toMatch(/dự kiến/);
  });

  it('a host site named as the venue is a site; an invitation in one sentence imports', () => {
    const site = parse(`${letterhead}KẾ HOẠCH\nChuyên đề Toán 8\n\n1. Thời gian: 7h15 ngày 07/11/2025.\n2. Địa điểm: điểm cầu Trường THCS Thạch Đài.\n`);
    expect(site.meeting).toMatchObject({ venue: 'Trường THCS Thạch Đài', sites: ['Trường THCS Thạch Đài'] });
    const invitation = parse(`${letterhead}GIẤY MỜI\n\nSở Giáo dục và Đào tạo trân trọng kính mời Hiệu trưởng các trường THPT dự Hội nghị triển khai tuyển sinh, vào lúc 8 giờ 00 ngày 16/4/2025, tại Hội trường Sở.\n`);
    expect(invitation.meeting).toMatchObject({ title: 'Hội nghị triển khai tuyển sinh', date: '2025-04-16', startTime: '08:00', venue: 'Hội trường Sở', participants: ['Hiệu trưởng các trường THPT'] });
  });

  it('a plan of several sessions offers each with its own date and venue', () => {
    const plan = parse(`${letterhead}KẾ HOẠCH\nTập huấn cán bộ quản lý\n\n1. Đợt 1: ngày 15/7/2025, tại Trường THPT A; dành cho các huyện phía Bắc.\n2. Đợt 2: ngày 22/7/2025, tại Trường THPT B.\n3. Hình thức: trực tiếp.\n`);
    expect(plan.meeting?.sessions.map((x) => [x.label, x.date, x.venue])).toEqual([
      ['Đợt 1', '2025-07-15', 'Trường THPT A'],
      ['Đợt 2', '2025-07-22', 'Trường THPT B'],
    ]);
    expect(plan.meeting?.date).toBeNull();
  });
});
