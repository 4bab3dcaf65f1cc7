import type { EChartsOption } from 'echarts';
import type { MeetingReport } from './reports';
import type { QuestionStatus } from './questions';
import type { SpeechKind } from './speakers';
import { MINUTE_MS, vnTime } from './time';

/**
 * ECharts options of the report's charts, built the same for the page (canvas, in the reports
 * chunk) and for the record's images (server-side SVG → PNG). Pure: no echarts runtime here,
 * only its option types. Labels default to Vietnamese; the page passes English ones.
 */

export type ReportChartLabels = {
  minutes: string;
  planned: string;
  actual: string;
  overrun: string;
  connected: string;
  checkedIn: string;
  otherSites: string;
  titles: Record<ReportChartName, string>;
  kinds: Record<SpeechKind, string>;
  statuses: Record<QuestionStatus, string>;
  /** "chậm 12 phút" / "sớm 3 phút" / "đúng giờ" for the meeting's offset. */
  offset: (offsetMs: number) => string;
  attendanceSummary: (checkedIn: number, sites: number, peak: number) => string;
  questionsSummary: (total: number, answered: number) => string;
  speakingSummary: (totalMs: number, turns: number) => string;
};

export type ReportChartName = 'schedule' | 'attendance' | 'speakingBySite' | 'speakingByKind' | 'questionsByOffice';

const formatMinutes = (ms: number) => Math.round(Math.abs(ms) / MINUTE_MS).toLocaleString('vi-VN');

export const REPORT_CHART_LABELS_VI: ReportChartLabels = {
  minutes: 'phút',
  planned: 'Dự kiến',
  actual: 'Thực tế',
  overrun: 'Vượt thời gian',
  connected: 'Điểm cầu đang kết nối',
  checkedIn: 'Điểm cầu đã báo có mặt',
  otherSites: 'Các điểm cầu khác',
  titles: {
    schedule: 'Thời lượng dự kiến và thực tế theo mục (phút)',
    attendance: 'Điểm cầu kết nối và báo có mặt theo thời gian',
    speakingBySite: 'Thời gian phát biểu theo điểm cầu (phút)',
    speakingByKind: 'Thời gian phát biểu theo loại (phút)',
    questionsByOffice: 'Câu hỏi, ý kiến theo phòng, ban và trạng thái',
  },
  kinds: { urgent: 'Kiến nghị khẩn', response: 'Trả lời, giải trình', contribution: 'Tham luận', comment: 'Ý kiến', question: 'Câu hỏi' },
  statuses: { pending: 'Chờ duyệt', approved: 'Đã duyệt', answered: 'Đã trả lời', rejected: 'Không duyệt' },
  offset: (ms) => (Math.abs(ms) < MINUTE_MS ? 'Kết thúc đúng giờ' : ms > 0 ? `Chậm ${formatMinutes(ms)} phút so với kế hoạch` : `Sớm ${formatMinutes(ms)} phút so với kế hoạch`),
  attendanceSummary: (checkedIn, sites, peak) => `${checkedIn}/${sites} điểm cầu đã báo có mặt · nhiều nhất ${peak} điểm cầu kết nối cùng lúc`,
  questionsSummary: (total, answered) => `${total} câu hỏi, ý kiến · ${answered} đã trả lời`,
  speakingSummary: (totalMs, turns) => `${turns} lượt phát biểu · ${formatMinutes(totalMs)} phút`,
};

export type ReportChart = { name: ReportChartName; title: string; option: EChartsOption; /** Height in px that fits its rows. */ height: number };

export type ReportChartOptions = {
  labels?: ReportChartLabels;
  fontFamily?: string;
  /** Bars shown per bar chart before the rest are summed. */
  maxBars?: number;
  /** `dark`: no background and no text colours of its own, for ECharts' dark theme on a dark page. */
  theme?: 'light' | 'dark';
  /** CSS px the chart is laid out in (1200 by default): narrower charts get shorter labels and the legend below. */
  width?: number;
};

/** The smallest font any chart uses (CSS px): shown at its CSS size on A4, 12 px is 9 pt. */
export const MIN_CHART_FONT_PX = 12;
/** Below this width the legend goes under the chart, apart from the title. */
const NARROW_PX = 900;

const COLORS = { planned: '#9db4d3', actual: '#1f5fa8', over: '#c0392b', connected: '#1f7a4d', checkedIn: '#d9822b' };
const KIND_COLORS: Record<SpeechKind, string> = { urgent: '#c0392b', response: '#8e44ad', contribution: '#1f5fa8', comment: '#1f7a4d', question: '#d9822b' };
const STATUS_COLORS: Record<QuestionStatus, string> = { pending: '#d9a21b', approved: '#3b7dd8', answered: '#1f7a4d', rejected: '#9a9a9a' };
const STATUS_ORDER: QuestionStatus[] = ['answered', 'approved', 'pending', 'rejected'];

const minutes = (ms: number) => Math.round((ms / MINUTE_MS) * 10) / 10;
/** Long category labels cut to fit the axis; the tables under the charts have them whole. */
const cut = (text: string, max = 42) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const barHeight = (rows: number, perRow = 34) => Math.max(260, 130 + rows * perRow);

type Look = { fontFamily: string; dark: boolean; width: number };

function base(title: string, subtitle: string, look: Look): EChartsOption {
  const { fontFamily, dark } = look;
  return {
    animation: false,
    backgroundColor: dark ? 'transparent' : '#ffffff',
    textStyle: { fontFamily, fontSize: 14, ...(dark ? {} : { color: '#1b2733' }) },
    title: {
      text: title,
      subtext: subtitle,
      left: 16,
      top: 10,
      textStyle: { fontSize: 18, fontWeight: 'bold', ...(dark ? {} : { color: '#1b2733' }) },
      subtextStyle: { fontSize: 14, ...(dark ? {} : { color: '#4a5866' }) },
    },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: look.width < NARROW_PX ? { bottom: 6, left: 'center', textStyle: { fontSize: 14 } } : { top: 12, right: 16, textStyle: { fontSize: 14 } },
  };
}

/** Room under the plot: a narrow chart has its legend there. */
const gridBottom = (look: Look) => (look.width < NARROW_PX ? 56 : 24);

/** Horizontal bars: categories top to bottom in the given order. */
const categoryAxis = (names: string[], look: Look) => ({
  type: 'category' as const,
  data: names,
  inverse: true,
  axisLabel: { fontSize: 13, width: Math.min(330, Math.round(look.width * 0.36)), overflow: 'truncate' as const },
  axisTick: { show: false },
});

/** The report's charts, in reading order; charts with nothing to show are left out. */
export function reportCharts(report: MeetingReport, options: ReportChartOptions = {}): ReportChart[] {
  const labels = options.labels ?? REPORT_CHART_LABELS_VI;
  const font: Look = { fontFamily: options.fontFamily ?? 'DejaVu Sans, Arial, sans-serif', dark: options.theme === 'dark', width: options.width ?? 1200 };
  const maxBars = options.maxBars ?? 20;
  const charts: ReportChart[] = [];

  const { schedule, attendance, speaking, questions } = report;
  if (schedule.items.length > 0) {
    const names = schedule.items.map((i) => `${i.position}. ${cut(i.title)}`);
    charts.push({
      name: 'schedule',
      title: labels.titles.schedule,
      height: barHeight(schedule.items.length, 44) + gridBottom(font),
      option: {
        ...base(labels.titles.schedule, report.status === 'scheduled' ? '' : labels.offset(schedule.offsetMs), font),
        grid: { left: 16, right: 48, top: 84, bottom: gridBottom(font) },
        xAxis: { type: 'value', name: labels.minutes, nameLocation: 'end', nameGap: 8, axisLabel: { fontSize: 13 } },
        yAxis: categoryAxis(names, font),
        series: [
          { name: labels.planned, type: 'bar', itemStyle: { color: COLORS.planned }, barGap: '10%', label: { show: true, position: 'right', fontSize: 12 }, data: schedule.items.map((i) => (i.plannedMs === null ? null : minutes(i.plannedMs))) },
          {
            name: labels.actual,
            type: 'bar',
            itemStyle: { color: COLORS.actual },
            label: { show: true, position: 'right', fontSize: 12 },
            data: schedule.items.map((i) =>
              i.actualMs === null ? null : { value: minutes(i.actualMs), itemStyle: { color: i.overrunMs !== null && i.overrunMs >= MINUTE_MS ? COLORS.over : COLORS.actual } },
            ),
          },
        ],
      },
    });
  }

  if (attendance.sites > 0) {
    const times = attendance.points.map((p) => vnTime(p.at));
    charts.push({
      name: 'attendance',
      title: labels.titles.attendance,
      height: 380 + gridBottom(font),
      option: {
        ...base(labels.titles.attendance, labels.attendanceSummary(attendance.checkedIn, attendance.sites, attendance.peakConnected), font),
        tooltip: { trigger: 'axis' },
        grid: { left: 16, right: 32, top: 84, bottom: gridBottom(font) },
        xAxis: { type: 'category', data: times, boundaryGap: false, axisLabel: { fontSize: 13 } },
        yAxis: { type: 'value', min: 0, max: attendance.sites, minInterval: 1, axisLabel: { fontSize: 13 } },
        series: [
          { name: labels.connected, type: 'line', step: 'end', symbol: 'none', lineStyle: { width: 3 }, itemStyle: { color: COLORS.connected }, areaStyle: { opacity: 0.12 }, data: attendance.points.map((p) => p.connected) },
          { name: labels.checkedIn, type: 'line', step: 'end', symbol: 'none', lineStyle: { width: 3 }, itemStyle: { color: COLORS.checkedIn }, data: attendance.points.map((p) => p.checkedIn) },
        ],
      },
    });
  }

  if (speaking.turns > 0) {
    const shown = speaking.bySite.slice(0, maxBars);
    const rest = speaking.bySite.slice(maxBars);
    const rows = rest.length > 0 ? [...shown, { name: `${labels.otherSites} (${rest.length})`, byKind: sumKinds(rest) }] : shown;
    const kinds = speaking.byKind.filter((k) => k.turns > 0).map((k) => k.kind);
    charts.push({
      name: 'speakingBySite',
      title: labels.titles.speakingBySite,
      height: barHeight(rows.length) + gridBottom(font),
      option: {
        ...base(labels.titles.speakingBySite, labels.speakingSummary(speaking.totalMs, speaking.turns), font),
        grid: { left: 16, right: 32, top: 84, bottom: gridBottom(font) },
        xAxis: { type: 'value', name: labels.minutes, axisLabel: { fontSize: 13 } },
        yAxis: categoryAxis(rows.map((r) => cut(r.name)), font),
        series: kinds.map((kind) => ({
          name: labels.kinds[kind],
          type: 'bar' as const,
          stack: 'kind',
          itemStyle: { color: KIND_COLORS[kind] },
          data: rows.map((r) => minutes(r.byKind[kind] ?? 0)),
        })),
      },
    });
    charts.push({
      name: 'speakingByKind',
      title: labels.titles.speakingByKind,
      height: 360,
      option: {
        ...base(labels.titles.speakingByKind, labels.speakingSummary(speaking.totalMs, speaking.turns), font),
        tooltip: { trigger: 'item' },
        legend: { show: false },
        series: [
          {
            type: 'pie',
            radius: ['35%', '62%'],
            center: ['50%', '58%'],
            label: { fontSize: 14, formatter: '{b}: {c} ' + labels.minutes, width: Math.round(font.width * 0.3), overflow: 'break' },
            data: speaking.byKind.filter((k) => k.ms > 0).map((k) => ({ name: labels.kinds[k.kind], value: minutes(k.ms), itemStyle: { color: KIND_COLORS[k.kind] } })),
          },
        ],
      },
    });
  }

  if (questions.byOffice.length > 0 && questions.total > 0) {
    const shown = questions.byOffice.slice(0, maxBars);
    charts.push({
      name: 'questionsByOffice',
      title: labels.titles.questionsByOffice,
      height: barHeight(shown.length) + gridBottom(font),
      option: {
        ...base(labels.titles.questionsByOffice, labels.questionsSummary(questions.total, questions.byStatus.answered), font),
        grid: { left: 16, right: 32, top: 84, bottom: gridBottom(font) },
        xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 13 } },
        yAxis: categoryAxis(shown.map((o) => cut(o.name)), font),
        series: STATUS_ORDER.map((status) => ({
          name: labels.statuses[status],
          type: 'bar' as const,
          stack: 'status',
          itemStyle: { color: STATUS_COLORS[status] },
          data: shown.map((o) => o[status]),
        })),
      },
    });
  }
  return charts;
}

function sumKinds(rows: readonly { byKind: Partial<Record<SpeechKind, number>> }[]): Partial<Record<SpeechKind, number>> {
  const total: Partial<Record<SpeechKind, number>> = {};
  for (const row of rows) {
    for (const [kind, ms] of Object.entries(row.byKind) as [SpeechKind, number][]) total[kind] = (total[kind] ?? 0) + ms;
  }
  return total;
}
