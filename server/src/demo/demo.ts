import { type CreateMeeting, CreateMeeting as CreateMeetingSchema, MINUTE_MS, SiteInput, vnDate } from '@diemcau/shared';
import type { MeetingService } from '../meetings/meetings.service';
import type { MeetingsStore, StoredMeeting } from '../meetings/meetings.store';
import type { SitesService } from '../sites/sites.service';

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

/** Loads the demo meeting, dated today in Vietnam, with its sites, into an empty database. Returns it, or null if meetings exist. */
export async function seedDemo(deps: { meetings: MeetingService; sites: SitesService; store: MeetingsStore; now: number }): Promise<StoredMeeting | null> {
  if ((await deps.store.list('', 1)).length > 0) return null;
  const meeting = await deps.meetings.create(CreateMeetingSchema.parse(bacGiangDemo(vnDate(deps.now))));
  const added = await deps.sites.addSites(meeting.id, BAC_GIANG_SITES.map((site) => SiteInput.parse(site)));
  if (!added.ok) throw new Error(`demo sites: ${added.message}`);
  return meeting;
}
