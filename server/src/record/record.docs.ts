import { type Conclusion, contributionLabel, type MeetingState, type Question, type Speech, type SpeechKind, tasksByUrgency, vnDate, withDeadlines } from '@diemcau/shared';
import { ImageRun, type Paragraph, type Table } from 'docx';
import { NOT_ROUTED_GROUP, questionsDigest } from '../questions/questions.export';
import { CHART_SCALE } from '../reports/charts';
import { type AttendanceWithIds, groupTotals } from '../sites/sites.export';
import { type Cell, centred, dataTable, documentHeader, heading, packDocument, para, PT, recipients, signatures, spacer } from './record.layout';
import { agencyBlock, chairName, clockText, dateText, durationText, FORMAT_TEXT, shortDate } from './record.text';

/** A chart image of the reports (rendered by the reports module), placed in the minutes and the zip. */
export type RecordChart = { name: string; title: string; png: Uint8Array };

/** Everything the meeting record is made from: read once on the main thread, written in a worker. */
export type RecordData = {
  /** The meeting's 6-digit code: file names. */
  code: string;
  state: MeetingState;
  attendance: AttendanceWithIds;
  questions: Question[];
  generatedAt: number;
  charts: RecordChart[];
};

export const SPEECH_KIND_TEXT: Record<SpeechKind, string> = {
  urgent: 'Kiến nghị khẩn',
  response: 'Giải trình',
  contribution: 'Tham luận',
  comment: 'Ý kiến',
  question: 'Câu hỏi',
};

const count = (n: number) => n.toLocaleString('vi-VN');

/** Conclusions in agenda order: each item's own, then its contributions' in their listed order, then any left from a removed contribution. */
export function orderedConclusions(state: MeetingState): { title: string; conclusion: Conclusion }[] {
  return state.agenda.flatMap((item) => {
    const own = state.conclusions.filter((c) => c.itemId === item.id);
    const itemConclusion = own.find((c) => c.contributionId === null);
    const contributions = state.contributions.filter((c) => c.itemId === item.id);
    const listed = contributions.flatMap((c) => own.filter((k) => k.contributionId === c.id));
    const orphaned = own.filter((k) => k.contributionId !== null && !contributions.some((c) => c.id === k.contributionId));
    return [
      ...(itemConclusion ? [{ title: item.title, conclusion: itemConclusion }] : []),
      // Named by the contribution as it is now, whole (labels noted before were cut at 200 characters).
      ...[...listed, ...orphaned].map((conclusion) => {
        const contribution = contributions.find((c) => c.id === conclusion.contributionId);
        return { title: `Tham luận: ${contribution ? contributionLabel(contribution) : conclusion.label}`, conclusion };
      }),
    ];
  });
}

/** The pixel size of a PNG (its IHDR chunk), to keep a chart's proportions in the document. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return png.byteLength > 24 ? { width: view.getUint32(16), height: view.getUint32(20) } : { width: 800, height: 450 };
}

function chartParagraphs(charts: RecordChart[]): Paragraph[] {
  return charts.flatMap((chart, i) => {
    const { width, height } = pngSize(chart.png);
    // Shown at the CSS width they were laid out in: their 12 px labels print at 9 pt.
    const shown = Math.round(width / CHART_SCALE);
    return [
      para([`Biểu đồ ${i + 1}. ${chart.title}`], { bold: true, keepNext: true, before: 120 }),
      para([new ImageRun({ type: 'png', data: chart.png, transformation: { width: shown, height: Math.round((height / width) * shown) }, altText: { name: chart.name, title: chart.title, description: chart.title } })], {
        align: 'center',
      }),
    ];
  });
}

type Context = ReturnType<typeof context>;

function context(data: RecordData) {
  const { state } = data;
  const siteName = new Map(data.attendance.sites.map((s) => [s.id, s.name]));
  const offices = new Map(state.questions.offices.map((o) => [o.id, o.name]));
  const agency = agencyBlock(state.details.organiser, state.details.documentRef);
  const present = data.attendance.sites.filter((s) => s.checkedInAt !== null);
  const headcount = present.reduce((sum, s) => sum + (s.headcount ?? 0), 0);
  // Connected during the meeting: seen since it started (a site still connected is seen now).
  const since = state.live.startedAt ?? -Infinity;
  const connected = data.attendance.sites.filter((s) => s.lastSeenAt !== null && s.lastSeenAt >= since);
  const entries = data.questions.filter((q) => q.mergedInto === null);
  return { data, state, siteName, offices, agency, present, connected, headcount, entries, date: state.details.date };
}

/** How many sites were connected, of how many invited: a figure of what happened, not of the list. */
export function connectionText(connected: number, invited: number): string {
  if (invited === 0) return 'không có điểm cầu trực tuyến';
  if (connected === invited) return `kết nối ${count(invited)} điểm cầu`;
  return `kết nối ${count(connected)}/${count(invited)} điểm cầu được mời`;
}

function timeAndPlace(ctx: Context): Paragraph[] {
  const { state } = ctx;
  const { details, live } = state;
  const planned = `${details.startTime.replace(':', ' giờ ')} phút, ${dateText(details.date)}`;
  const started = live.startedAt === null ? `Dự kiến bắt đầu lúc ${planned}; hội nghị chưa bắt đầu.` : `Bắt đầu lúc ${clockText(live.startedAt)} (theo kế hoạch: ${planned})`;
  const ended = live.endedAt === null ? (live.startedAt === null ? '' : '; chưa kết thúc khi lập biên bản này.') : `; kết thúc lúc ${clockText(live.endedAt)} (tổng thời gian ${durationText(live.endedAt - (live.startedAt ?? live.endedAt))}).`;
  return [
    heading('I. THỜI GIAN, HÌNH THỨC VÀ ĐỊA ĐIỂM'),
    para([['Thời gian: ', { bold: true }], `${started}${ended}`], { indent: true }),
    para([['Hình thức: ', { bold: true }], `Hội nghị ${FORMAT_TEXT[details.format]}, ${connectionText(ctx.connected.length, ctx.data.attendance.sites.length)}.`], { indent: true }),
    para([['Địa điểm: ', { bold: true }], details.venue ? `${details.venue} (điểm cầu chính) và các điểm cầu trực tuyến.` : 'Điểm cầu chính và các điểm cầu trực tuyến.'], { indent: true }),
  ];
}

function participants(ctx: Context): (Paragraph | Table)[] {
  const { state, data } = ctx;
  const { groups, total } = groupTotals(data.attendance);
  return [
    heading('II. THÀNH PHẦN THAM DỰ'),
    para([['Chủ trì: ', { bold: true }], state.details.chair || '……………………………………'], { indent: true }),
    para([['Thư ký: ', { bold: true }], '……………………………………'], { indent: true }),
    ...(state.details.participants.length > 0 ? [para([['Thành phần mời: ', { bold: true }], `${state.details.participants.join('; ')}.`], { indent: true })] : []),
    para(
      [
        ['Đại biểu tham dự: ', { bold: true }],
        `${count(ctx.present.length)}/${count(data.attendance.sites.length)} điểm cầu đã báo có mặt với tổng số ${count(ctx.headcount)} người có mặt` +
          (total.expected > 0 ? ` (dự kiến ${count(total.expected)} người).` : '.') +
          ' Số liệu theo từng nhóm điểm cầu:',
      ],
      { indent: true, keepNext: true },
    ),
    dataTable(
      [
        { header: 'Nhóm điểm cầu', widthMm: 62 },
        { header: 'Số điểm cầu', widthMm: 22, align: 'center' },
        { header: 'Báo có mặt', widthMm: 24, align: 'center' },
        { header: 'Số người dự kiến', widthMm: 28, align: 'center' },
        { header: 'Số người có mặt', widthMm: 28, align: 'center' },
      ],
      [...groups, total].map((g, i, all) => {
        const bold = i === all.length - 1;
        return [{ text: g.group, bold }, { text: count(g.sites), bold }, { text: count(g.checkedIn), bold }, { text: count(g.expected), bold }, { text: count(g.present), bold }];
      }),
    ),
    spacer(),
    para(['Danh sách điểm cầu, người đại diện và số người có mặt tại từng điểm cầu: Phụ lục kèm theo biên bản này.'], { indent: true, italics: true }),
  ];
}

function speechRows(ctx: Context, speeches: Speech[]): Cell[][] {
  return speeches.map((s, i) => [
    String(i + 1),
    [s.speaker, s.speakerTitle].filter(Boolean).join(', '),
    (s.siteId ? ctx.siteName.get(s.siteId) : null) ?? 'Điểm cầu chính',
    [SPEECH_KIND_TEXT[s.kind], s.topic].filter(Boolean).join(': '),
    durationText(s.elapsedMs),
  ]);
}

const SPEECH_COLUMNS = [
  { header: 'TT', widthMm: 10, align: 'center' as const },
  { header: 'Người phát biểu', widthMm: 38 },
  { header: 'Điểm cầu', widthMm: 38 },
  { header: 'Nội dung', widthMm: 52 },
  { header: 'Thời lượng', widthMm: 26, align: 'center' as const },
];

function agendaSection(ctx: Context): (Paragraph | Table)[] {
  const { state } = ctx;
  const out: (Paragraph | Table)[] = [heading('III. NỘI DUNG HỘI NGHỊ')];
  state.agenda.forEach((item, index) => {
    const actual = state.actuals[item.id];
    out.push(para([`${index + 1}. ${item.title}`], { bold: true, keepNext: true, before: 60 }));
    const planned = item.plannedDurationMs === null ? '' : ` (dự kiến ${durationText(item.plannedDurationMs)})`;
    const when = actual
      ? `Bắt đầu lúc ${clockText(actual.startedAt)}, thời lượng ${durationText(actual.elapsedMs)}${planned}`
      : `Không thực hiện${planned ? ` (dự kiến ${durationText(item.plannedDurationMs!)})` : ''}`;
    out.push(para([`${when}${item.presenter ? `; trình bày: ${item.presenter}` : ''}.`], { indent: true }));
    const speeches = state.speeches.filter((s) => s.itemId === item.id);
    if (speeches.length > 0) {
      out.push(para([`Phát biểu (${count(speeches.length)} lượt, tổng ${durationText(speeches.reduce((sum, s) => sum + s.elapsedMs, 0))}):`], { indent: true, keepNext: true }));
      out.push(dataTable(SPEECH_COLUMNS, speechRows(ctx, speeches)), spacer());
    }
    for (const { title, conclusion } of orderedConclusions({ ...state, agenda: [item] })) {
      const label = conclusion.contributionId === null ? 'Kết luận: ' : `Kết luận về ${title.charAt(0).toLowerCase()}${title.slice(1)}: `;
      out.push(para([[label, { bold: true, italics: true }], conclusion.text], { indent: true }));
    }
  });
  const other = state.speeches.filter((s) => s.itemId === null || !state.agenda.some((i) => i.id === s.itemId));
  if (other.length > 0) {
    out.push(para(['Phát biểu ngoài các mục của chương trình:'], { bold: true, keepNext: true }), dataTable(SPEECH_COLUMNS, speechRows(ctx, other)), spacer());
  }
  return out;
}

function questionsSection(ctx: Context): (Paragraph | Table)[] {
  const submissions = ctx.entries.reduce((sum, q) => sum + q.mergedCount, 0);
  const answered = ctx.entries.filter((q) => q.status === 'answered');
  const out: (Paragraph | Table)[] = [
    heading('IV. CÂU HỎI, Ý KIẾN VÀ TRẢ LỜI'),
    para(
      [
        `Hội nghị nhận ${count(submissions)} câu hỏi, ý kiến (sau khi gộp các ý kiến trùng còn ${count(ctx.entries.length)} nội dung); ` +
          `đã trả lời ${count(answered.length)} nội dung.` +
          (answered.length > 0 ? ' Các câu hỏi đã được trả lời:' : ''),
      ],
      { indent: true, keepNext: answered.length > 0 },
    ),
  ];
  if (answered.length > 0) {
    const rows = [...answered]
      .sort((a, b) => (a.answeredAt ?? 0) - (b.answeredAt ?? 0) || a.createdAt - b.createdAt)
      .map((q, i): Cell[] => [
        String(i + 1),
        `${q.text}\n(${q.anonymous ? 'Ẩn danh' : [q.senderName, q.senderUnit || (q.siteId ? ctx.siteName.get(q.siteId) : '')].filter(Boolean).join(' – ') || 'Ẩn danh'})`,
        (q.officeId ? ctx.offices.get(q.officeId) : null) ?? NOT_ROUTED_GROUP,
        `${q.answer}${q.answeredBy ? `\n(${q.answeredBy})` : ''}`,
      ]);
    out.push(
      dataTable(
        [
          { header: 'TT', widthMm: 10, align: 'center' },
          { header: 'Câu hỏi, ý kiến', widthMm: 62 },
          { header: 'Phòng, ban', widthMm: 28 },
          { header: 'Trả lời', widthMm: 64 },
        ],
        rows,
      ),
      spacer(),
    );
  }
  out.push(para(['Toàn bộ câu hỏi, ý kiến và tổng hợp theo phòng, ban: tệp câu hỏi (.xlsx) kèm theo hồ sơ hội nghị.'], { indent: true, italics: true }));
  return out;
}

function conclusionsSection(ctx: Context, numbering: string): Paragraph[] {
  const all = orderedConclusions(ctx.state);
  if (all.length === 0) return [heading(`${numbering}. KẾT LUẬN`), para(['(Chưa ghi kết luận trong hội nghị.)'], { indent: true, italics: true })];
  return [
    heading(`${numbering}. KẾT LUẬN`),
    ...all.map(({ title, conclusion }, i) => para([[`${i + 1}. ${title}: `, { bold: true }], conclusion.text], { indent: true })),
  ];
}

function annexSites(ctx: Context): (Paragraph | Table)[] {
  const sites = ctx.data.attendance.sites;
  return [
    centred('PHỤ LỤC', { pageBreakBefore: true }),
    centred('DANH SÁCH ĐIỂM CẦU THAM DỰ HỘI NGHỊ'),
    centred(`(Kèm theo Biên bản hội nghị ${dateText(ctx.date)})`, { bold: false, italics: true, after: 160 }),
    dataTable(
      [
        { header: 'TT', widthMm: 10, align: 'center' },
        { header: 'Điểm cầu', widthMm: 62 },
        { header: 'Giờ báo có mặt', widthMm: 20, align: 'center' },
        { header: 'Người đại diện', widthMm: 40 },
        { header: 'Số người dự kiến', widthMm: 17, align: 'center' },
        { header: 'Số người có mặt', widthMm: 17, align: 'center' },
      ],
      sites.map((s, i) => [
        String(i + 1),
        s.name,
        s.checkedInAt === null ? 'Vắng' : clockText(s.checkedInAt).replace(' giờ ', ':').replace(' phút', ''),
        [s.representative, s.representativeTitle].filter(Boolean).join(', '),
        s.expectedHeadcount === null ? '' : count(s.expectedHeadcount),
        s.headcount === null ? '' : count(s.headcount),
      ]),
      { size: PT(12) },
    ),
  ];
}

/**
 * The minutes draft (biên bản): agency and motto header, number, place and date, title; time,
 * format and venue; chair, secretary and participants (per group, every site in the annex);
 * each agenda item with its actual start, duration and presenter, its speakers and their
 * durations, its conclusions; the questions answered; all conclusions; the end time; the
 * signatures of the secretary and the chair; the charts.
 */
export async function minutesDocx(data: RecordData): Promise<Buffer> {
  const ctx = context(data);
  const { state } = ctx;
  const ended = state.live.endedAt === null ? 'Biên bản lập lúc ' + clockText(data.generatedAt) + '.' : `Hội nghị kết thúc lúc ${clockText(state.live.endedAt)} cùng ngày.`;
  const charts = data.charts.length > 0 ? [heading('VI. BIỂU ĐỒ TỔNG HỢP'), ...chartParagraphs(data.charts)] : [];
  return packDocument({ title: `Biên bản ${state.details.title}`, subject: 'Biên bản hội nghị (dự thảo)' }, [
    documentHeader(ctx.agency, 'BB', ctx.date),
    centred('BIÊN BẢN', { size: PT(14), before: 360 }),
    centred(state.details.title, { size: PT(14), after: 240 }),
    ...timeAndPlace(ctx),
    ...participants(ctx),
    ...agendaSection(ctx),
    ...questionsSection(ctx),
    ...conclusionsSection(ctx, 'V'),
    ...charts,
    // The closing words and the signatures stay on one page: never a signature block alone.
    para([ended, ' Biên bản được lập thành 02 bản, thông qua trước hội nghị./.'], { indent: true, before: 120, after: 240, keepNext: true, keepLines: true }),
    signatures([
      { title: ['THƯ KÝ'], hint: '(Ký, ghi rõ họ tên)', name: '' },
      { title: ['CHỦ TRÌ'], hint: '(Ký, ghi rõ họ tên)', name: chairName(state.details.chair) },
    ]),
    ...annexSites(ctx),
  ]);
}

/**
 * The conclusion notice draft (thông báo kết luận): the same header, the meeting in one
 * paragraph, the conclusions, the offices' tasks with their deadlines (by office), the
 * questions left for each office to answer, recipients and the signature.
 */
export async function noticeDocx(data: RecordData): Promise<Buffer> {
  const ctx = context(data);
  const { state } = ctx;
  const { details } = state;
  const chair = details.chair ? ` của ${details.chair.charAt(0).toLowerCase()}${details.chair.slice(1)}` : ' của chủ trì hội nghị';
  const conclusions = orderedConclusions(state);
  // Deadlines relative to the meeting are dated from its date.
  const tasks = tasksByUrgency(withDeadlines(state.tasks, state.details));
  const units = [...new Set(tasks.map((t) => t.unit.trim() || 'Các đơn vị liên quan'))];
  const taskRows: Cell[][] = units.flatMap((unit, u) => [
    [{ text: `${u + 1}. ${unit}`, bold: true, span: 3 }],
    ...tasks
      .filter((t) => (t.unit.trim() || 'Các đơn vị liên quan') === unit)
      .map((t, i): Cell[] => [`${u + 1}.${i + 1}`, t.task, t.deadline ? shortDate(t.deadline) + (t.deadlineText ? `\n(${t.deadlineText})` : '') : t.deadlineText || 'Không ghi hạn']),
  ]);
  const digest = questionsDigest(state, data.questions);
  const followUp = digest.offices.filter((o) => o.counts.entries > 0);
  const signer = ctx.agency.issuer.startsWith('SỞ') ? ['TL. GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG'] : ['TM. BAN TỔ CHỨC'];

  return packDocument({ title: `Thông báo kết luận ${details.title}`, subject: 'Thông báo kết luận (dự thảo)' }, [
    documentHeader(ctx.agency, 'TB', vnDateOf(data)),
    centred('THÔNG BÁO', { size: PT(14), before: 360 }),
    centred(`Kết luận${chair} tại ${details.title.charAt(0).toLowerCase()}${details.title.slice(1)}`, { size: PT(14), after: 240 }),
    para(
      [
        `${dateText(details.date).replace(/^n/, 'N')}, ${details.organiser || 'Ban Tổ chức'} tổ chức ${details.title.charAt(0).toLowerCase()}${details.title.slice(1)} theo hình thức ${FORMAT_TEXT[details.format]}` +
          `${details.venue ? `, điểm cầu chính tại ${details.venue}` : ''}, với ${count(ctx.present.length)} điểm cầu và ${count(ctx.headcount)} đại biểu tham dự.` +
          `${details.chair ? ` Chủ trì hội nghị: ${details.chair}.` : ''}`,
      ],
      { indent: true },
    ),
    para(['Sau khi nghe các báo cáo, tham luận và ý kiến của đại biểu tại hội nghị, chủ trì hội nghị kết luận như sau:'], { indent: true }),
    heading('I. KẾT LUẬN'),
    ...(conclusions.length === 0
      ? [para(['(Chưa ghi kết luận trong hội nghị.)'], { indent: true, italics: true })]
      : conclusions.map(({ title, conclusion }, i) => para([[`${i + 1}. ${title}: `, { bold: true }], conclusion.text], { indent: true }))),
    heading('II. NHIỆM VỤ CỦA CÁC ĐƠN VỊ'),
    ...(tasks.length === 0
      ? [para(['(Kế hoạch không giao nhiệm vụ cụ thể.)'], { indent: true, italics: true })]
      : [
          dataTable(
            [
              { header: 'TT', widthMm: 14, align: 'center' },
              { header: 'Nội dung nhiệm vụ', widthMm: 116 },
              { header: 'Thời hạn', widthMm: 34, align: 'center' },
            ],
            taskRows,
          ),
          spacer(),
        ]),
    heading('III. CÂU HỎI, Ý KIẾN CHUYỂN CÁC PHÒNG, BAN'),
    ...(followUp.length === 0
      ? [para(['(Không có câu hỏi, ý kiến.)'], { indent: true, italics: true })]
      : [
          para(['Các phòng, ban trả lời các câu hỏi, ý kiến còn lại theo danh sách trong tệp câu hỏi (.xlsx) kèm theo:'], { indent: true, keepNext: true }),
          dataTable(
            [
              { header: 'Phòng, ban', widthMm: 70 },
              { header: 'Số nội dung', widthMm: 24, align: 'center' },
              { header: 'Đã trả lời', widthMm: 24, align: 'center' },
              { header: 'Chưa trả lời', widthMm: 24, align: 'center' },
            ],
            followUp.map((o) => [o.office, count(o.counts.entries), count(o.counts.answered), count(o.counts.entries - o.counts.answered - o.counts.rejected)]),
          ),
          spacer(),
        ]),
    para([`${details.organiser || 'Ban Tổ chức'} thông báo để các đơn vị, cá nhân liên quan biết, thực hiện./.`], { indent: true, before: 120, after: 240, keepNext: true, keepLines: true }),
    signatures([
      { title: [], name: '', left: recipients(['- Như trên;', '- Các đơn vị dự hội nghị;', '- Lãnh đạo đơn vị;', '- Lưu: VT, VP.']) },
      { title: signer, name: '' },
    ]),
  ]);
}

/** The notice is dated the day it is drafted. */
const vnDateOf = (data: RecordData): string => vnDate(data.generatedAt);
