import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateMeeting, type MeetingAccess, SiteInput, vnInstant } from '@diemcau/shared';
import { BAC_GIANG_SITES, bacGiangDemo } from '../../server/src/demo/demo';
import { newId } from '../../server/src/lib/ids';
import { questionsStore } from '../../server/src/questions/questions.store';
import { DEMO_RUN_DATE, runDemoMeeting } from './demo-run';
import { ADMIN_TOKEN, ManualClock, send, startServer, type TestServer } from './harness';

let clock: ManualClock;
let server: TestServer;

beforeEach(async () => {
  clock = new ManualClock(vnInstant(DEMO_RUN_DATE, '07:00'));
  server = await startServer(clock);
});

afterEach(async () => {
  await server.close();
  await server.remove();
});

/** Tasks of the offices as the Bắc Giang plan gives them (Tổ chức thực hiện). */
const TASKS = [
  { unit: 'Văn phòng', task: 'Xây dựng báo cáo đề dẫn; điều hành chương trình hội nghị; phát hành công văn triệu tập', deadline: '2023-11-20', deadlineText: '' },
  { unit: 'Trưởng các phòng thuộc Sở', task: 'Xây dựng báo cáo chuyên đề, gửi Văn phòng', deadline: '2023-11-18', deadlineText: 'chậm nhất ngày 18/11/2023' },
  { unit: 'Văn phòng', task: 'Tổng hợp ý kiến của các điểm cầu sau hội nghị', deadline: null, deadlineText: '' },
];

type Job = { jobId: string; state: string; stage: string; percent: number; message: string | null; size: number | null };

/** Starts the record, polls it to the end (keeping every status seen), downloads the zip. */
async function makeRecord(access: MeetingAccess, token = access.mcToken) {
  const started = await server.http<{ data: Job }>('POST', `/api/meetings/${access.meetingId}/record`, undefined, token);
  expect(started.status).toBe(202);
  const seen: Job[] = [started.body.data];
  for (;;) {
    const res = await server.http<{ data: Job }>('GET', `/api/meetings/${access.meetingId}/record/${started.body.data.jobId}`, undefined, token);
    seen.push(res.body.data);
    if (res.body.data.state === 'done' || res.body.data.state === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const file = await fetch(`${server.url}/api/meetings/${access.meetingId}/record/${started.body.data.jobId}/file`, { headers: { authorization: `Bearer ${token}` } });
  return { seen, file };
}

/** The text of a .docx's body: paragraphs on their own lines, runs joined, entities decoded. */
async function docText(zip: JSZip, name: string): Promise<string> {
  const docx = await JSZip.loadAsync(await zip.file(name)!.async('uint8array'));
  const xml = await docx.file('word/document.xml')!.async('string');
  return xml
    .replace(/<w:br\/>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

async function workbook(zip: JSZip, name: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await zip.file(name)!.async('nodebuffer')) as never);
  return book;
}

const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

describe('the meeting record (hồ sơ hội nghị)', () => {
  it('after a scripted run of the demo meeting: minutes, notice, workbooks and charts hold what happened', async () => {
    const run = await runDemoMeeting(server, clock, { meeting: CreateMeeting.parse({ ...bacGiangDemo(DEMO_RUN_DATE), tasks: TASKS }) });
    const { access } = run;
    const mc = (await server.connect(access.mcToken)).client;
    const agenda = (await server.app.meetings.load(access.meetingId))!.state.agenda;
    expect(await send(mc, 'conclusion:set', { itemId: agenda[2]!.id, text: 'Thống nhất báo cáo đề dẫn; các phòng hoàn thiện số liệu trước 30/11/2023.' })).toMatchObject({ ok: true });
    expect(await send(mc, 'conclusion:set', { itemId: agenda[4]!.id, text: 'Tập trung khắc phục tình trạng thiếu giáo viên mầm non.' })).toMatchObject({ ok: true });
    clock.t = vnInstant(DEMO_RUN_DATE, '11:40');

    const { seen, file } = await makeRecord(access);
    expect(seen.at(-1)).toMatchObject({ state: 'done', percent: 100 });
    // Progress moves forward only and passes through the stages in order.
    const percents = seen.map((s) => s.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/zip');
    expect(file.headers.get('content-disposition')).toContain(`ho-so-hoi-nghi-${access.code}-2023-11-24.zip`);
    const zip = await JSZip.loadAsync(await file.arrayBuffer());
    const names = Object.keys(zip.files);
    expect(names).toEqual(expect.arrayContaining(['bien-ban-du-thao.docx', 'thong-bao-ket-luan-du-thao.docx', 'tham-du.xlsx', 'cau-hoi.xlsx']));
    const charts = names.filter((n) => n.startsWith('bieu-do/') && n.endsWith('.png'));
    expect(charts.length).toBeGreaterThanOrEqual(3);

    // ---- the minutes
    const minutes = await docText(zip, 'bien-ban-du-thao.docx');
    for (const line of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'UBND TỈNH BẮC GIANG', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', '/BB-SGDĐT', 'Bắc Giang, ngày 24 tháng 11 năm 2023', 'BIÊN BẢN']) {
      expect(minutes).toContain(line);
    }
    expect(minutes).toContain('Bắt đầu lúc 07 giờ 30 phút');
    expect(minutes).toContain('kết thúc lúc 11 giờ 31 phút (tổng thời gian 4 giờ 01 phút)');
    expect(minutes).toContain('Hội nghị trực tiếp kết hợp trực tuyến, kết nối 6/15 điểm cầu được mời.');
    expect(minutes).toContain('Đồng chí Tạ Việt Hùng, Giám đốc Sở GDĐT');
    // 5 of 15 sites checked in, 8 + 9 + 10 + 11 + 12 people.
    expect(minutes).toContain('5/15 điểm cầu đã báo có mặt với tổng số 50 người có mặt');
    // Each item: actual start, duration, planned, presenter.
    expect(minutes).toContain('1. Đón tiếp đại biểu\nBắt đầu lúc 07 giờ 30 phút, thời lượng 6 phút (dự kiến 5 phút); trình bày: Ban Tổ chức.');
    expect(minutes).toContain('Bắt đầu lúc 07 giờ 44 phút, thời lượng 36 phút (dự kiến 30 phút); trình bày: Đồng chí Bạch Đăng Khoa - PGĐ Sở GDĐT.');
    expect(minutes).toContain('Bắt đầu lúc 08 giờ 20 phút, thời lượng 2 giờ 30 phút (dự kiến 2 giờ 45 phút)');
    expect(minutes).toContain('Bắt đầu lúc 11 giờ 25 phút, thời lượng 6 phút (dự kiến 5 phút); trình bày: Chánh Văn phòng Sở GDĐT.');
    // Speakers with their site and duration (a row of the table: cells are paragraphs).
    expect(minutes).toContain(`Nguyễn Văn Hùng\n${BAC_GIANG_SITES[0]!.name}\nTham luận: Chuyển đổi số trong quản trị trường học\n8 phút`);
    expect(minutes).toContain(`Lê Thị Hoa\n${BAC_GIANG_SITES[1]!.name}\nÝ kiến: Thiếu giáo viên tiếng Anh cấp tiểu học\n3 phút`);
    expect(minutes).toContain('Phó Giám đốc Sở GDĐT\nĐiểm cầu chính\nGiải trình: Giải trình về biên chế giáo viên\n5 phút');
    expect(minutes).toContain(`Trần Quốc Toản\n${BAC_GIANG_SITES[2]!.name}\nCâu hỏi: Lịch thi học sinh giỏi\n2 phút`);
    expect(minutes).toContain('Phát biểu (4 lượt, tổng 18 phút):');
    // Questions with their answers.
    expect(minutes).toContain('Hội nghị nhận 5 câu hỏi, ý kiến (sau khi gộp các ý kiến trùng còn 5 nội dung); đã trả lời 2 nội dung.');
    expect(minutes).toContain('Đề nghị Sở hướng dẫn quy trình sáp nhập điểm trường lẻ.');
    expect(minutes).toContain('Văn phòng Sở sẽ ban hành hướng dẫn trong tháng 12.\n(Chánh Văn phòng Sở)');
    expect(minutes).toContain('Kinh phí đã được bố trí trong kế hoạch năm 2024.');
    // Conclusions: under their item and together.
    expect(minutes).toContain('Kết luận: Thống nhất báo cáo đề dẫn; các phòng hoàn thiện số liệu trước 30/11/2023.');
    expect(minutes).toContain('2. Phát biểu của Giám đốc Sở GDĐT: Tập trung khắc phục tình trạng thiếu giáo viên mầm non.');
    expect(minutes).toContain('THƯ KÝ');
    expect(minutes).toContain('CHỦ TRÌ');
    expect(minutes).toContain('Tạ Việt Hùng');
    // The annex: every site, present or absent, with its headcount.
    expect(minutes).toContain(`\n1\n${BAC_GIANG_SITES[0]!.name}\n07:15\nĐại diện điểm cầu 1\n40\n8\n`);
    expect(minutes).toContain(`\n15\n${BAC_GIANG_SITES[14]!.name}\nVắng\n\n5\n\n`);
    // The charts are inside the minutes too.
    const minutesZip = await JSZip.loadAsync(await zip.file('bien-ban-du-thao.docx')!.async('uint8array'));
    expect(Object.keys(minutesZip.files).filter((n) => n.startsWith('word/media/') && n.endsWith('.png')).length).toBe(charts.length);
    expect(minutes).toContain('VI. BIỂU ĐỒ TỔNG HỢP');

    // ---- the notice
    const notice = await docText(zip, 'thong-bao-ket-luan-du-thao.docx');
    expect(notice).toContain('THÔNG BÁO');
    expect(notice).toContain('/TB-SGDĐT');
    expect(notice).toContain('Kết luận của đồng chí Tạ Việt Hùng, Giám đốc Sở GDĐT tại hội nghị giao ban giữa kỳ I');
    expect(notice).toContain('1. Báo cáo đề dẫn triển khai nhiệm vụ trọng tâm 9 tuần đầu học kỳ I');
    expect(notice).toContain('Tập trung khắc phục tình trạng thiếu giáo viên mầm non.');
    // Tasks by office, soonest deadline first within the list, each office once.
    expect(notice).toContain('1. Trưởng các phòng thuộc Sở\n1.1\nXây dựng báo cáo chuyên đề, gửi Văn phòng\n18/11/2023\n(chậm nhất ngày 18/11/2023)');
    expect(notice).toContain('2. Văn phòng\n2.1\nXây dựng báo cáo đề dẫn; điều hành chương trình hội nghị; phát hành công văn triệu tập\n20/11/2023\n2.2\nTổng hợp ý kiến của các điểm cầu sau hội nghị\nKhông ghi hạn');
    // Questions left to each office.
    expect(notice).toContain(`${run.offices[0]!.name}\n2\n2\n0`);
    expect(notice).toContain(`${run.offices[1]!.name}\n1\n0\n1`);
    expect(notice).toContain('Nơi nhận:');

    // ---- the workbooks, read back with the exporters' library
    const attendance = await workbook(zip, 'tham-du.xlsx');
    const siteRows = rowsOf(attendance.getWorksheet('Tham dự')!);
    const site1 = siteRows.find((r) => r[1] === BAC_GIANG_SITES[0]!.name)!;
    expect(site1[8]).toBe('Đại diện điểm cầu 1');
    expect(site1[10]).toBe(8);
    expect(siteRows.filter((r) => typeof r[0] === 'number')).toHaveLength(15);
    const asked = await workbook(zip, 'cau-hoi.xlsx');
    const questionRows = rowsOf(asked.getWorksheet('Câu hỏi')!);
    expect(questionRows.find((r) => r[7] === 'Đề nghị Sở hướng dẫn quy trình sáp nhập điểm trường lẻ.')?.[15]).toBe('Văn phòng Sở sẽ ban hành hướng dẫn trong tháng 12.');
    expect(questionRows.filter((r) => typeof r[0] === 'number')).toHaveLength(5);
  }, 120_000);

  it('only the MC and the organiser make the record; an office downloads its own questions only', async () => {
    const run = await runDemoMeeting(server, clock);
    const { access } = run;
    const links = (await server.http<{ data: { offices: { officeId: string; token: string }[] } }>('GET', `/api/meetings/${access.meetingId}/questions/access`)).body.data;
    const office1 = links.offices.find((o) => o.officeId === run.offices[0]!.officeId)!.token;
    const other = await server.createMeeting();

    for (const token of [office1, access.projectorToken, access.leadershipToken, run.sites[0]!.token, other.mcToken]) {
      const refused = await server.http('POST', `/api/meetings/${access.meetingId}/record`, undefined, token);
      expect(refused.status).toBe(403);
    }
    expect((await server.http('POST', `/api/meetings/${access.meetingId}/record`, undefined, null)).status).toBe(401);
    const byAdmin = await server.http<{ data: Job }>('POST', `/api/meetings/${access.meetingId}/record`, undefined, ADMIN_TOKEN);
    expect(byAdmin.status).toBe(202);
    // A status or file is not reachable through another meeting's link, nor by an office.
    expect((await server.http('GET', `/api/meetings/${access.meetingId}/record/${byAdmin.body.data.jobId}`, undefined, office1)).status).toBe(403);
    expect((await server.http('GET', `/api/meetings/${other.meetingId}/record/${byAdmin.body.data.jobId}`, undefined, other.mcToken)).status).toBe(404);
    expect((await server.http('GET', `/api/meetings/${access.meetingId}/record/not-a-job/file`, undefined, access.mcToken)).status).toBe(404);

    // The office's own questions: the two routed to it, none of the others.
    const res = await fetch(`${server.url}/api/meetings/${access.meetingId}/questions.xlsx`, { headers: { authorization: `Bearer ${office1}` } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await res.arrayBuffer()) as never);
    const texts = rowsOf(book.getWorksheet('Câu hỏi')!)
      .filter((r) => typeof r[0] === 'number')
      .map((r) => r[7]);
    expect(texts.sort()).toEqual(['Khi nào có kinh phí sửa chữa phòng học xuống cấp?', 'Đề nghị Sở hướng dẫn quy trình sáp nhập điểm trường lẻ.']);
  }, 120_000);

  it('a record of 3,000 sites and 4,000 questions is made while the server keeps answering others, with progress', async () => {
    const access = await server.createMeeting();
    const id = access.meetingId;
    const sites = Array.from({ length: 3000 }, (_, i) => SiteInput.parse({ name: `Trường học số ${i + 1} – ${BAC_GIANG_SITES[i % BAC_GIANG_SITES.length]!.name}`, group: `Cụm ${i % 12}`, expectedHeadcount: 20 }));
    const added = await server.app.sites.addSites(id, sites);
    if (!added.ok) throw new Error(added.message);
    // 2,500 check-ins written at once (one by one through the service is minutes of disk syncs).
    await server.db
      .updateTable('sites')
      .set({ checked_in_at: clock.now(), representative: 'Hiệu trưởng', headcount: 20 })
      .where('meeting_id', '=', id)
      .where('position', '<', 2500)
      .execute();
    const store = questionsStore(server.db);
    const now = clock.now();
    await server.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 4000; i += 1) {
        const answered = i % 2 === 0;
        await store.insert(
          {
            id: newId(),
            meeting_id: id,
            client_id: `big-${i}`,
            sender_key: null,
            origin: 'public',
            category: 'Câu hỏi',
            office_id: null,
            text: `Câu hỏi số ${i + 1} về chế độ, chính sách đối với giáo viên và nhân viên trường học trên địa bàn`,
            original_text: `Câu hỏi số ${i + 1}`,
            sender_name: `Giáo viên ${i + 1}`,
            sender_unit: 'Trường Tiểu học',
            anonymous: 0,
            site_id: null,
            status: answered ? 'answered' : 'approved',
            visible: 1,
            flags: '[]',
            answer: answered ? `Trả lời câu hỏi số ${i + 1}: Sở sẽ hướng dẫn bằng văn bản.` : '',
            answered_by: answered ? 'Văn phòng Sở' : '',
            answered_at: answered ? now : null,
            votes: 0,
            merged_into: null,
            merged_count: 1,
            created_at: now - i,
            updated_at: now,
          },
          tx,
        );
      }
    });
    const mc = (await server.connect(access.mcToken)).client;
    const projector = await server.connect(access.projectorToken);
    const started = await server.http<{ data: Job }>('POST', `/api/meetings/${id}/record`, undefined, access.mcToken);
    expect(started.status).toBe(202);
    const jobUrl = `/api/meetings/${id}/record/${started.body.data.jobId}`;
    // Asking again while it is made answers the same job.
    expect((await server.http<{ data: Job }>('POST', `/api/meetings/${id}/record`, undefined, access.mcToken)).body.data.jobId).toBe(started.body.data.jobId);

    // While it is made: a live command is applied and reaches the projector, HTTP answers,
    // and only then is the record still unfinished (the work is not on the event loop).
    const change = new Promise((resolve) => projector.client.once('meeting:changed', resolve));
    expect(await send(mc, 'meeting:start', {})).toMatchObject({ ok: true });
    await change;
    expect((await server.http('GET', '/healthz', undefined, null)).status).toBe(200);
    expect((await server.http('GET', `/api/meetings/${id}/report`, undefined, access.mcToken)).status).toBe(200);
    const during = await server.http<{ data: Job }>('GET', jobUrl, undefined, access.mcToken);
    expect(during.body.data.state).not.toBe('done');

    const seen: Job[] = [during.body.data];
    while (seen.at(-1)!.state !== 'done' && seen.at(-1)!.state !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen.push((await server.http<{ data: Job }>('GET', jobUrl, undefined, access.mcToken)).body.data);
    }
    expect(seen.at(-1)).toMatchObject({ state: 'done', percent: 100 });
    expect(new Set(seen.map((s) => s.stage)).size).toBeGreaterThan(2);
    const file = await fetch(`${server.url}${jobUrl}/file`, { headers: { authorization: `Bearer ${access.mcToken}` } });
    const zip = await JSZip.loadAsync(await file.arrayBuffer());
    const minutes = await docText(zip, 'bien-ban-du-thao.docx');
    expect(minutes).toContain('2.500/3.000 điểm cầu đã báo có mặt với tổng số 50.000 người có mặt');
    expect(minutes).toContain('Trả lời câu hỏi số 3999: Sở sẽ hướng dẫn bằng văn bản.');
    expect(minutes).toContain('Trường học số 3000 – ');
  }, 240_000);
});
