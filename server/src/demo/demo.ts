import { type CreateMeeting, CreateMeeting as CreateMeetingSchema, MINUTE_MS, type MeetingTaskInput, SiteInput, vnDate } from '@diemcau/shared';
import type { Db } from '../db/database';
import type { MeetingService } from '../meetings/meetings.service';
import type { MeetingsStore, StoredMeeting } from '../meetings/meetings.store';
import { questionsStore } from '../questions/questions.store';
import type { SitesService } from '../sites/sites.service';
import { DEMO_QUESTION_SETTINGS, seedDemoQuestions } from './demo-questions';

const DAY_MS = 86_400_000;

/** `days` before (negative) or after the meeting `date`, as a calendar date and as the plan writes it (dd/mm/yyyy). */
function dayFrom(date: string, days: number): { iso: string; text: string } {
  const iso = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-');
  return { iso, text: `${d}/${m}/${y}` };
}

/**
 * The plan's "Tổ chức thực hiện": the offices' tasks as the plan reader finds them in the Bắc
 * Giang plan (`npm run plan:import -- bac-giang-giao-ban-giua-ky-1.txt`), with the deadlines
 * (6 days before the meeting there) moved with the meeting's date.
 */
export function bacGiangTasks(date: string): MeetingTaskInput[] {
  const reports = dayFrom(date, -6);
  return [
    { unit: 'Các đồng chí Phó Giám đốc Sở', task: 'Duyệt báo cáo chuyên đề của các phòng được phân công phụ trách' },
    {
      unit: 'Văn phòng',
      task: 'Chủ trì, phối hợp với các phòng thuộc Sở xây dựng Báo cáo đề dẫn triển khai nhiệm vụ trọng tâm 9 tuần đầu học kỳ I; triển khai nhiệm vụ trọng tâm các tháng còn lại của năm học 2023-2024; điều hành chương trình Hội nghị; chuẩn bị các điều kiện cơ sở vật chất phục vụ Hội nghị. Phát hành công văn triệu tập (Thành phần: Mục II của Kế hoạch này)',
    },
    {
      unit: 'Trưởng các phòng thuộc Sở, Chánh Thanh tra Sở',
      task: `Xây dựng Báo cáo chuyên đề do các phòng phụ trách theo nội dung: Đánh giá các vấn đề nổi bật của toàn ngành, của địa phương và các vấn đề còn hạn chế trong 9 tuần đầu học kỳ I; đề xuất các nhiệm vụ trọng tâm cho các tháng còn lại của năm học 2023-2024 và các giải pháp thực hiện; gửi Văn phòng chậm nhất ngày ${reports.text} để gửi về cơ sở và triển khai tại Hội nghị (Tập trung vào các nội dung hạn chế, khó khăn và đề xuất giải pháp). Phối hợp với Văn phòng Sở để hoàn thiện Báo cáo đề dẫn`,
      deadline: reports.iso,
      deadlineText: `chậm nhất ngày ${reports.text}`,
    },
    {
      unit: 'Phòng GDĐT các huyện, thành phố; các đơn vị trực thuộc Sở; các trường cao đẳng có giảng dạy chương trình GDTX cấp THPT',
      task: 'Chuẩn bị báo cáo tham luận theo danh mục tại Phụ lục II và đặt các câu hỏi cần trao đổi làm rõ đến các phòng thuộc Sở GDĐT (gửi bản mềm trước ngày ' + reports.text + ' theo địa chỉ email của Văn phòng Sở)',
      deadline: reports.iso,
      deadlineText: `trước ngày ${reports.text}`,
    },
    {
      unit: 'Sở GDĐT',
      task: 'Gửi báo cáo đề dẫn tới các đơn vị trước khi tổ chức Hội nghị (Các đơn vị chủ động in báo cáo và các tài liệu liên quan khi dự Hội nghị)',
      deadlineText: 'trước khi tổ chức Hội nghị',
    },
  ];
}

/**
 * The Bắc Giang "Hội nghị giao ban giữa kỳ I" plan (KẾ HOẠCH, Phụ lục I), entered as data.
 * The plan's item 2 (7h35' - 11h00') holds three parts; they are separate items here so
 * the MC can run each with its own clock, at the times the plan implies.
 */
export function bacGiangDemo(date: string): CreateMeeting {
  return {
    details: {
      title: 'Hội nghị giao ban giữa kỳ I, triển khai nhiệm vụ các tháng còn lại năm học 2023 - 2024',
      documentRef: 'Số: …/KH-SGDĐT',
      organiser: 'Sở GDĐT Bắc Giang',
      date,
      startTime: '07:30',
      format: 'hybrid',
      venue: 'Phòng họp số 1, Tầng 6, Cơ quan Sở (Lô Q10, đường Lý Tự Trọng, thành phố Bắc Giang)',
      chair: 'Đồng chí Tạ Việt Hùng, Giám đốc Sở GDĐT',
    },
    agenda: [
      { title: 'Đón tiếp đại biểu', presenter: 'Ban Tổ chức', kind: 'reception', plannedDurationMs: 5 * MINUTE_MS },
      {
        title: 'Tuyên bố lý do, giới thiệu đại biểu',
        presenter: 'Chánh Văn phòng Sở GDĐT',
        kind: 'formalities',
        plannedDurationMs: 10 * MINUTE_MS,
        notes: "Mục 2 của chương trình (7h35' - 11h00'), phần 1.",
      },
      {
        title:
          'Báo cáo đề dẫn triển khai nhiệm vụ trọng tâm 9 tuần đầu học kỳ I; triển khai nhiệm vụ trọng tâm các tháng còn lại của năm học 2023-2024',
        presenter: 'Đồng chí Bạch Đăng Khoa - PGĐ Sở GDĐT',
        kind: 'keynote',
        plannedDurationMs: 30 * MINUTE_MS,
        warningMs: 5 * MINUTE_MS,
        dangerMs: MINUTE_MS,
        notes: "Mục 2 của chương trình (7h35' - 11h00'), phần 2.",
      },
      {
        title: 'Thảo luận; Giải trình (nếu có)',
        presenter: '03 đồng chí Phó Giám đốc Sở GDĐT',
        kind: 'discussion',
        plannedDurationMs: 165 * MINUTE_MS,
        warningMs: 10 * MINUTE_MS,
        dangerMs: 2 * MINUTE_MS,
        subPoints: [
          'Tham luận của các đơn vị theo danh mục Phụ lục II (19 nội dung)',
          'Ý kiến, câu hỏi của các điểm cầu gửi các phòng thuộc Sở',
          'Giải trình của lãnh đạo Sở và các phòng',
        ],
        notes: "Mục 2 của chương trình (7h35' - 11h00'), phần 3.",
      },
      { title: 'Phát biểu của Giám đốc Sở GDĐT', presenter: 'Giám đốc Sở GDĐT', kind: 'directive', plannedDurationMs: 30 * MINUTE_MS, warningMs: 5 * MINUTE_MS },
      { title: 'Kết thúc hội nghị', presenter: 'Chánh Văn phòng Sở GDĐT', kind: 'closing', plannedDurationMs: 5 * MINUTE_MS },
    ],
    tasks: bacGiangTasks(date),
  };
}

const DISTRICTS = ['thành phố Bắc Giang', 'huyện Hiệp Hòa', 'huyện Lạng Giang', 'huyện Lục Nam', 'huyện Lục Ngạn', 'huyện Sơn Động', 'huyện Tân Yên', 'huyện Việt Yên', 'huyện Yên Dũng', 'huyện Yên Thế'];

/**
 * The demo's bridge sites: the host room, the province's ten district education offices
 * and a few schools and units. Contact numbers are placeholders (0900 …), not real people.
 */
export const BAC_GIANG_SITES: SiteInput[] = [
  { name: 'Điểm cầu chính – Phòng họp số 1, Sở GDĐT', group: 'Điểm cầu chính', contactName: 'Văn phòng Sở', phone: '0900 000 100', expectedHeadcount: 40 },
  ...DISTRICTS.map((district, i) => ({
    name: `Phòng GDĐT ${district}`,
    group: 'Phòng GDĐT huyện, thành phố',
    contactName: 'Chuyên viên phụ trách',
    phone: `0900 000 ${String(101 + i).padStart(3, '0')}`,
    expectedHeadcount: 12,
  })),
  { name: 'Trường THPT Chuyên Bắc Giang', group: 'Trường THPT', contactName: 'Hiệu trưởng', phone: '0900 000 201', expectedHeadcount: 8 },
  { name: 'Trường THPT Ngô Sĩ Liên', group: 'Trường THPT', contactName: 'Hiệu trưởng', phone: '0900 000 202', expectedHeadcount: 8 },
  { name: 'Trường THPT Lục Ngạn số 1', group: 'Trường THPT', contactName: 'Hiệu trưởng', phone: '0900 000 203', expectedHeadcount: 6 },
  { name: 'Trung tâm GDNN-GDTX huyện Lục Nam', group: 'Đơn vị trực thuộc', contactName: 'Giám đốc trung tâm', phone: '0900 000 301', expectedHeadcount: 5 },
];

/** The 19 topics of the plan's Phụ lục II (danh mục các nội dung tham luận), in order. */
export const BAC_GIANG_CONTRIBUTIONS: string[] = [
  'Các khó khăn, vướng mắc trong quá trình thực hiện nhiệm vụ giáo dục: (1). Khó khăn về nguồn lực đầu tư kiên cố hóa trường lớp học; (2). Xây dựng trường chuẩn quốc gia; (3). Sáp nhập các điểm trường lẻ về điểm trường chính; (4). Thiếu GV mầm non, tiểu học, trung học cơ sở; khó khăn bố trí GV dạy các môn tích hợp trong chương trình GDPT mới; (5). Tỷ lệ huy động trẻ ra nhà trẻ thấp hơn so với các tỉnh trong khu vực và mặt bằng chung của cả nước; kiến nghị, đề xuất giải pháp.',
  'Thực trạng triển khai Chương trình giáo dục phổ thông 2018 tại các cơ sở giáo dục trong thời gian vừa qua; thuận lợi và thách thức; đề xuất các giải pháp góp phần nâng cao hiệu quả triển khai Chương trình giáo dục phổ thông 2018 đảm bảo chất lượng.',
  'Công tác quản lý, quản trị trường học trong bối cảnh chuyển đổi số. Đẩy mạnh chuyển đổi số trong giáo dục và đào tạo, gắn với đổi mới công tác quản lý, đổi mới phương pháp dạy và học.',
  'Đánh giá thực trạng việc bố trí, xây dựng các tổ hợp môn dựa trên cơ sở vật chất, đội ngũ giáo viên và khung chương trình giáo dục phổ thông 2018 nhằm phù hợp với điều kiện giảng dạy của nhà trường và nhu cầu của người học.',
  'Giải pháp khắc phục tình trạng thiếu giáo viên mầm non; tăng cường quản lý, hỗ trợ nâng cao chất lượng nhóm, lớp độc lập tự thực; Giải pháp khắc phục tình trạng thiếu giáo viên tiếng Anh, Tin học ở cấp Tiểu học.',
  'Công tác chỉ đạo thực hiện nhiệm vụ phổ cập giáo dục các cấp học; xây dựng trường chuẩn quốc gia, tạo điều kiện nâng cao chất lượng giáo dục trên địa bàn huyện; kiến nghị và đề xuất.',
  'Nâng cao chất lượng các hoạt động giáo dục; tích cực đổi mới phương pháp dạy học, sinh hoạt chuyên môn nhằm phát huy tính tích cực, chủ động, sáng tạo của học sinh.',
  'Giáo dục tư tưởng, chính trị, đạo đức, lối sống, kỹ năng sống, kỹ năng nghề nghiệp, việc làm cho học sinh, sinh viên; Xây dựng văn hóa học đường; Triển khai hiệu quả công tác giáo dục thể chất và y tế trường học, bảo đảm an toàn trường học; xây dựng cơ sở dữ liệu về sức khỏe học đường',
  'Công tác phổ biến giáo dục pháp luật; phòng chống tham nhũng; giải quyết khiếu nại, tố cáo, đơn thư phản ánh; tiếp công dân. Công tác công khai tài chính và thực hiện quy chế dân chủ trong trường học. Công tác nắm bắt dư luận xã hội và tổ chức đối thoại với người học và cha, mẹ người học.',
  'Tiến độ triển khai thực hiện Đề án phát triển trung tâm GDNN-GDTX gắn với nâng cao chất lượng, hiệu quả công tác phân luồng học sinh tốt nghiệp THCS, THPT giai đoạn 2021-2025; giáo dục hướng nghiệp và định hướng phân luồng học sinh trong giáo dục phổ thông; thực hiện kết hợp dạy văn hóa phổ thông với dạy nghề hiệu quả, đúng quy định.',
  'Công tác lãnh đạo, chỉ đạo tập trung nâng cao chất lượng bồi dưỡng đội tuyển HSG Quốc gia',
  'Công tác lãnh đạo, chỉ đạo tập trung nâng cao chất lượng giáo dục mũi nhọn',
  'Báo cáo tổng hợp các khoản thu thỏa thuận; thu tự nguyện và dịch vụ giáo dục',
  'Công tác quản lý tài chính, tài sản trong các cơ sở giáo dục',
  'Công tác quản lý dạy thêm, học thêm trong và ngoài nhà trường',
  'Công tác đảm bảo an toàn, an ninh trường học',
  'Nâng cao chất lượng và hiệu quả giảng dạy ngoại ngữ',
  'Bồi dưỡng thường xuyên, bồi dưỡng nâng cao năng lực quản lý, giảng dạy đáp ứng yêu cầu chuẩn hiệu trưởng, chuẩn nghề nghiệp giáo viên các cấp học và thực hiện Chương trình giáo dục phổ thông 2018',
  'Triển khai xây dựng trường học hạnh phúc',
];

/**
 * Loads the demo meeting, dated today in Vietnam, with its sites and questions settings, into
 * an empty database; with `db`, also sample questions. Returns it, or null if meetings exist.
 */
export async function seedDemo(deps: { meetings: MeetingService; sites: SitesService; store: MeetingsStore; now: number; db?: Db }): Promise<StoredMeeting | null> {
  if ((await deps.store.list('', 1)).length > 0) return null;
  const meeting = await deps.meetings.create(CreateMeetingSchema.parse(bacGiangDemo(vnDate(deps.now))));
  const added = await deps.sites.addSites(meeting.id, BAC_GIANG_SITES.map((site) => SiteInput.parse(site)));
  if (!added.ok) throw new Error(`demo sites: ${added.message}`);
  // The plan assigns no unit to each topic: the units are chosen when registering (Phụ lục II).
  const discussion = meeting.state.agenda.find((item) => item.kind === 'discussion');
  if (discussion) {
    const contributions = BAC_GIANG_CONTRIBUTIONS.map((topic) => ({ topic, unit: '', siteId: null, plannedMs: 7 * MINUTE_MS }));
    const set = await deps.meetings.execute(meeting.id, 'contributions:set', { itemId: discussion.id, contributions }, { role: 'admin', siteId: null });
    if (!set.ack.ok) throw new Error(`demo contributions: ${set.ack.message}`);
  }
  // `create` takes details and agenda only: the questions settings are a command, like the contributions.
  const settings = await deps.meetings.execute(meeting.id, 'questions:settings', DEMO_QUESTION_SETTINGS, { role: 'admin', siteId: null });
  if (!settings.ack.ok) throw new Error(`demo questions settings: ${settings.ack.message}`);
  const seeded = await deps.meetings.load(meeting.id);
  if (deps.db && seeded) {
    await seedDemoQuestions({ store: questionsStore(deps.db), meetingId: meeting.id, offices: seeded.state.questions.offices, sites: added.data, now: deps.now });
  }
  return seeded ?? meeting;
}
