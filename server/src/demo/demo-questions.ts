import { DEFAULT_CATEGORIES, MINUTE_MS, type Office, type QuestionOrigin, type QuestionStatus } from '@diemcau/shared';
import { newId } from '../lib/ids';
import type { NewQuestion, QuestionsStore } from '../questions/questions.store';

/** The Sở's offices the demo's questions are routed to, in the order the settings list them. */
export const DEMO_OFFICES = [
  'Văn phòng Sở',
  'Phòng Giáo dục Trung học',
  'Phòng Giáo dục Mầm non – Tiểu học',
  'Phòng Kế hoạch – Tài chính',
  'Phòng Tổ chức cán bộ',
  'Phòng Khảo thí và Quản lý chất lượng',
] as const;
type OfficeName = (typeof DEMO_OFFICES)[number];

/** The demo's questions settings: every submission waits for a moderator. */
export const DEMO_QUESTION_SETTINGS = {
  offices: DEMO_OFFICES.map((name) => ({ name })),
  categories: [...DEFAULT_CATEGORIES],
  moderation: 'pre' as const,
};

type DemoQuestion = {
  /** Names an entry others are merged into. */
  key?: string;
  text: string;
  /** As sent, when a moderator corrected it. */
  originalText?: string;
  category: (typeof DEFAULT_CATEGORIES)[number];
  office: OfficeName | null;
  status: QuestionStatus;
  /** A sender's name and unit; none: anonymous. */
  sender?: { name: string; unit: string };
  /** Sent from the page of the site with this name. */
  site?: string;
  origin?: QuestionOrigin;
  votes?: number;
  flags?: string[];
  answer?: { text: string; by: string; minutesAgo: number };
  mergedInto?: string;
  minutesAgo: number;
};

/**
 * Questions of a mid-term briefing as they stand part-way through the discussion: some wait
 * for a moderator (among them a flagged one and two near-duplicates of a visible question,
 * left for the moderator to merge), some are visible with votes, routed and answered by an
 * office, one advertisement is rejected, and one pair is already merged. Senders are made up.
 */
const QUESTIONS: DemoQuestion[] = [
  {
    key: 'luong',
    text: 'Khi nào giáo viên được tăng lương?',
    category: 'Câu hỏi',
    office: 'Phòng Kế hoạch – Tài chính',
    status: 'approved',
    sender: { name: 'Nguyễn Thị Hằng', unit: 'Trường Tiểu học Hoàng Văn Thụ, thành phố Bắc Giang' },
    votes: 9,
    minutesAgo: 52,
  },
  { text: 'khi nao giao vien duoc tang luong', category: 'Câu hỏi', office: null, status: 'pending', minutesAgo: 31 },
  { text: 'gv khi nao dc tang luong vay', category: 'Câu hỏi', office: null, status: 'pending', minutesAgo: 12 },
  {
    text: 'Giáo viên dạy liên trường, dạy nhiều điểm trường có được hưởng phụ cấp kiêm nhiệm hoặc hỗ trợ đi lại không?',
    originalText: 'giáo viên dạy liên trường, dạy nhiều điểm trường có được hưởng phụ cấp kiêm nhiệm hoặc hỗ trợ đi lại ko ạ',
    category: 'Câu hỏi',
    office: 'Phòng Kế hoạch – Tài chính',
    status: 'answered',
    sender: { name: 'Trần Văn Dũng', unit: 'Trường THCS Xuân Lương, huyện Yên Thế' },
    votes: 7,
    answer: {
      text: 'Hiện chưa có phụ cấp riêng cho giáo viên dạy liên trường. Số tiết vượt định mức được thanh toán tiền dạy thêm giờ theo Thông tư liên tịch 07/2013/TTLT-BGDĐT-BNV-BTC; hỗ trợ đi lại do đơn vị cân đối trong kinh phí tự chủ. Sở đã tổng hợp kiến nghị gửi Bộ GDĐT.',
      by: 'Phòng Kế hoạch – Tài chính',
      minutesAgo: 20,
    },
    minutesAgo: 50,
  },
  {
    text: 'Huyện Sơn Động còn thiếu 42 giáo viên mầm non và tiểu học so với định mức. Đề nghị Sở tham mưu UBND tỉnh giao bổ sung biên chế hoặc cho phép hợp đồng giáo viên theo Nghị định 111/2022/NĐ-CP.',
    category: 'Kiến nghị',
    office: 'Phòng Tổ chức cán bộ',
    status: 'approved',
    site: 'Phòng GDĐT huyện Sơn Động',
    origin: 'site',
    votes: 8,
    minutesAgo: 47,
  },
  {
    key: 'phong-hoc',
    text: 'Đề nghị Sở hỗ trợ kinh phí sửa chữa các phòng học xuống cấp ở điểm trường lẻ trước mùa mưa bão.',
    category: 'Kiến nghị',
    office: 'Phòng Kế hoạch – Tài chính',
    status: 'approved',
    sender: { name: 'Lương Văn Toàn', unit: 'Trường Tiểu học Tân Sơn, huyện Lục Ngạn' },
    votes: 6,
    minutesAgo: 45,
  },
  {
    text: 'phòng học ở điểm lẻ bị dột, tường nứt, xin kinh phí sửa chữa',
    category: 'Kiến nghị',
    office: null,
    status: 'pending',
    sender: { name: 'Hà Thị Lan', unit: 'Trường Mầm non An Lạc, huyện Sơn Động' },
    mergedInto: 'phong-hoc',
    minutesAgo: 38,
  },
  {
    text: 'Kỳ thi tốt nghiệp THPT năm 2024 có thay đổi gì về cấu trúc đề, số môn thi và lịch thi không?',
    category: 'Câu hỏi',
    office: 'Phòng Khảo thí và Quản lý chất lượng',
    status: 'answered',
    sender: { name: 'Đỗ Minh Quang', unit: 'Trường THPT Lục Ngạn số 1' },
    votes: 14,
    answer: {
      text: 'Năm 2024 kỳ thi giữ ổn định như năm 2023 (4 bài thi: Ngữ văn, Toán, Ngoại ngữ và một bài thi tổ hợp). Sở sẽ gửi hướng dẫn chi tiết ngay khi Bộ GDĐT ban hành lịch thi chính thức.',
      by: 'Phòng Khảo thí và Quản lý chất lượng',
      minutesAgo: 15,
    },
    minutesAgo: 49,
  },
  {
    text: 'Phương án tuyển sinh lớp 10 năm học 2024 - 2025 có thi môn thứ tư không? Đề nghị Sở sớm công bố để các trường THCS chủ động ôn tập cho học sinh.',
    category: 'Câu hỏi',
    office: 'Phòng Khảo thí và Quản lý chất lượng',
    status: 'approved',
    sender: { name: 'Phạm Thu Trang', unit: 'Phòng GDĐT huyện Việt Yên' },
    votes: 11,
    minutesAgo: 44,
  },
  {
    text: 'Đề nghị Sở hướng dẫn sớm việc lựa chọn sách giáo khoa lớp 5, lớp 9 và lớp 12 năm học 2024 - 2025 để các trường kịp tổ chức cho giáo viên nghiên cứu, góp ý.',
    category: 'Góp ý',
    office: 'Phòng Giáo dục Trung học',
    status: 'approved',
    sender: { name: 'Vũ Thị Mai', unit: 'Trường THCS Lê Quý Đôn, huyện Tân Yên' },
    votes: 4,
    minutesAgo: 40,
  },
  {
    text: 'Khi đã dùng sổ điểm điện tử thì nhà trường có còn phải in sổ điểm giấy để lưu trữ không?',
    category: 'Câu hỏi',
    office: 'Phòng Giáo dục Trung học',
    status: 'answered',
    sender: { name: 'Ngô Văn Hải', unit: 'Trường THPT Ngô Sĩ Liên' },
    votes: 5,
    answer: {
      text: 'Đơn vị đã dùng sổ điểm điện tử có chữ ký số thì không phải in sổ điểm giấy. Đơn vị chưa có chữ ký số in, ký và lưu sổ điểm vào cuối mỗi học kỳ. Phòng sẽ có văn bản hướng dẫn chi tiết.',
      by: 'Phòng Giáo dục Trung học',
      minutesAgo: 8,
    },
    minutesAgo: 36,
  },
  {
    text: 'Nhà trường chưa có kinh phí mua chữ ký số cho giáo viên để triển khai học bạ số, sổ điểm điện tử. Sở có hỗ trợ hoặc hướng dẫn nguồn kinh phí không?',
    category: 'Câu hỏi',
    office: 'Văn phòng Sở',
    status: 'pending',
    sender: { name: 'Bùi Thị Ngọc', unit: 'Trường Tiểu học Thị trấn Vôi, huyện Lạng Giang' },
    minutesAgo: 33,
  },
  {
    text: 'Giáo viên hợp đồng ở các nhóm, lớp mầm non độc lập tư thục có được hưởng hỗ trợ theo Nghị định 105/2020/NĐ-CP không?',
    category: 'Câu hỏi',
    office: 'Phòng Giáo dục Mầm non – Tiểu học',
    status: 'pending',
    sender: { name: 'Lê Thị Thu', unit: 'Phòng GDĐT huyện Hiệp Hòa' },
    minutesAgo: 28,
  },
  {
    text: 'Mong Sở quan tâm giáo viên vùng khó khăn ở Sơn Động, Lục Ngạn: nhà công vụ xuống cấp, nhiều thầy cô phải thuê trọ xa trường.',
    category: 'Tâm tư, nguyện vọng',
    office: null,
    status: 'pending',
    minutesAgo: 22,
  },
  {
    text: 'Lương thì thấp mà hồ sơ sổ sách nhiều quá đm, đề nghị giảm bớt hồ sơ cho giáo viên',
    category: 'Góp ý',
    office: null,
    status: 'pending',
    flags: ['đm'],
    minutesAgo: 17,
  },
  {
    text: '(Phiếu giấy tại hội trường) Đề nghị tăng định mức chi thường xuyên cho các trường có nhiều điểm trường lẻ.',
    category: 'Kiến nghị',
    office: 'Phòng Kế hoạch – Tài chính',
    status: 'approved',
    origin: 'staff',
    sender: { name: 'Hoàng Văn Tiến', unit: 'Trường TH&THCS Vân Sơn, huyện Sơn Động' },
    votes: 3,
    minutesAgo: 26,
  },
  {
    text: 'Nhận làm hồ sơ thi đua, sáng kiến kinh nghiệm trọn gói giá rẻ, liên hệ 0900 000 999',
    category: 'Góp ý',
    office: null,
    status: 'rejected',
    sender: { name: 'Dịch vụ văn phòng', unit: '' },
    minutesAgo: 30,
  },
];

/**
 * Stores the demo's questions directly (no broadcasts: nobody is connected yet). `offices` are
 * the meeting's settings after the demo settings were applied; `sites` its sites.
 */
export async function seedDemoQuestions(deps: {
  store: QuestionsStore;
  meetingId: string;
  offices: readonly Office[];
  sites: readonly { id: string; name: string }[];
  now: number;
}): Promise<void> {
  const { store, meetingId, now } = deps;
  const officeId = (name: OfficeName | null) => {
    if (name === null) return null;
    const office = deps.offices.find((o) => o.name === name);
    if (!office) throw new Error(`demo questions: no office "${name}" in the settings`);
    return office.id;
  };
  const siteOf = (name: string) => {
    const site = deps.sites.find((s) => s.name === name);
    if (!site) throw new Error(`demo questions: no site "${name}"`);
    return site;
  };
  const ids = new Map(QUESTIONS.flatMap((q) => (q.key ? [[q.key, newId()] as const] : [])));

  for (const [i, q] of QUESTIONS.entries()) {
    const at = now - q.minutesAgo * MINUTE_MS;
    const site = q.site ? siteOf(q.site) : null;
    const mergedInto = q.mergedInto ? ids.get(q.mergedInto)! : null;
    const children = q.key ? QUESTIONS.filter((other) => other.mergedInto === q.key).length : 0;
    const row: NewQuestion = {
      id: (q.key && ids.get(q.key)) || newId(),
      meeting_id: meetingId,
      client_id: `demo-question-${String(i + 1).padStart(2, '0')}`,
      sender_key: null,
      origin: q.origin ?? 'public',
      category: q.category,
      office_id: officeId(q.office),
      text: q.text,
      original_text: q.originalText ?? q.text,
      sender_name: q.sender?.name ?? '',
      sender_unit: q.sender?.unit ?? site?.name ?? '',
      anonymous: q.sender || site ? 0 : 1,
      site_id: site?.id ?? null,
      status: q.status,
      visible: mergedInto === null && (q.status === 'approved' || q.status === 'answered') ? 1 : 0,
      flags: JSON.stringify(q.flags ?? []),
      answer: q.answer?.text ?? '',
      answered_by: q.answer?.by ?? '',
      answered_at: q.answer ? now - q.answer.minutesAgo * MINUTE_MS : null,
      votes: q.votes ?? 0,
      merged_into: mergedInto,
      merged_count: 1 + children,
      created_at: at,
      updated_at: q.answer ? now - q.answer.minutesAgo * MINUTE_MS : at,
    };
    await store.insert(row);
  }
}
