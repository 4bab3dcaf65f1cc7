import { MINUTE_MS, REPORT_CHART_LABELS_VI, type ReportChartLabels } from '@diemcau/shared';
import type { Lang } from '../../../stores';

const minutes = (ms: number) => Math.round(Math.abs(ms) / MINUTE_MS).toLocaleString('en');

const EN: ReportChartLabels = {
  minutes: 'min',
  planned: 'Planned',
  actual: 'Actual',
  overrun: 'Over time',
  connected: 'Sites connected',
  checkedIn: 'Sites checked in',
  otherSites: 'Other sites',
  titles: {
    schedule: 'Planned and actual duration per item (min)',
    attendance: 'Sites connected and checked in over time',
    speakingBySite: 'Speaking time per site (min)',
    speakingByKind: 'Speaking time per kind (min)',
    questionsByOffice: 'Questions per office and status',
  },
  kinds: { urgent: 'Urgent point', response: 'Reply', contribution: 'Prepared contribution', comment: 'Comment', question: 'Question' },
  statuses: { pending: 'Pending', approved: 'Approved', answered: 'Answered', rejected: 'Rejected' },
  offset: (ms) => (Math.abs(ms) < MINUTE_MS ? 'Ended on time' : ms > 0 ? `${minutes(ms)} min behind the plan` : `${minutes(ms)} min ahead of the plan`),
  attendanceSummary: (checkedIn, sites, peak) => `${checkedIn}/${sites} sites checked in · at most ${peak} connected at once`,
  questionsSummary: (total, answered) => `${total} questions · ${answered} answered`,
  speakingSummary: (totalMs, turns) => `${turns} turns · ${minutes(totalMs)} min`,
};

/** The charts' words in the page's language. */
export const chartLabels = (lang: Lang): ReportChartLabels => (lang === 'en' ? EN : REPORT_CHART_LABELS_VI);
