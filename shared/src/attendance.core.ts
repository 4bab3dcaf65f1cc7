import { type RollCall, rollCallOpen, type SiteRow } from './sites';

export const CHECK_IN_DUE_BEFORE_MS = 10 * 60_000;
export const DISCONNECTED_ALERT_MS = 60_000;

/**
 * Why a site needs someone's attention, most urgent first. A site with no device connected
 * always has one ("never_connected", "reconnecting" within its first minute away,
 * "disconnected" after): only a connected site can be reported as stable.
 */
export const ATTENTION_REASONS = ['problem', 'disconnected', 'not_checked_in', 'never_connected', 'reconnecting', 'no_video', 'no_roll_call_answer'] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export type AttentionContext = {
  now: number;
  /** Planned start of the meeting (epoch ms). */
  meetingStartAt: number;
  /** The roll call that counts now: the open one, or the last one that ended. */
  rollCall: RollCall | null;
};

/** The roll call to judge sites by: the open one, else the most recent. */
export function currentRollCall(rollCalls: readonly RollCall[]): RollCall | null {
  return rollCalls.reduce<RollCall | null>((latest, r) => (latest === null || r.startedAt > latest.startedAt ? r : latest), null);
}

/**
 * What is wrong with a site at `now`: a reported problem; no device for over a minute;
 * not checked in 10 minutes before the start; no device ever, or none for under a minute; checked in but not on the video bridge while
 * the meeting is live (only where a bridge is configured: `video` is null otherwise); no
 * answer to a roll call that has ended.
 */
export function attentionReasons(site: SiteRow, ctx: AttentionContext): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  if (site.readiness === 'problem') reasons.push('problem');
  const { devices, disconnectedSince, lastSeenAt } = site.presence;
  const away = devices === 0 ? (disconnectedSince === null && lastSeenAt === null ? 'never_connected' : disconnectedSince !== null && ctx.now - disconnectedSince > DISCONNECTED_ALERT_MS ? 'disconnected' : 'reconnecting') : null;
  if (away === 'disconnected') reasons.push(away);
  if (site.checkedInAt === null && ctx.now >= ctx.meetingStartAt - CHECK_IN_DUE_BEFORE_MS) reasons.push('not_checked_in');
  if (away === 'never_connected' || away === 'reconnecting') reasons.push(away);
  if (site.checkedInAt !== null && site.video !== null && !site.video.connected && ctx.now >= ctx.meetingStartAt) reasons.push('no_video');
  const rollCall = ctx.rollCall;
  if (rollCall && !rollCallOpen(rollCall, ctx.now) && !site.answers[rollCall.id]) reasons.push('no_roll_call_answer');
  return reasons;
}

/** Sites ordered by what needs attention first (most urgent reason, then number of reasons), then by name. */
export function rankByAttention(sites: readonly SiteRow[], ctx: AttentionContext): { site: SiteRow; reasons: AttentionReason[] }[] {
  const severity = (reasons: AttentionReason[]) => (reasons.length === 0 ? ATTENTION_REASONS.length : ATTENTION_REASONS.indexOf(reasons[0]!));
  return sites
    .map((site) => ({ site, reasons: attentionReasons(site, ctx) }))
    .sort(
      (a, b) =>
        severity(a.reasons) - severity(b.reasons) || b.reasons.length - a.reasons.length || a.site.name.localeCompare(b.site.name, 'vi'),
    );
}

export type AttendanceTotals = {
  sites: number;
  checkedIn: number;
  connected: number;
  problems: number;
  peoplePresent: number;
  peopleExpected: number;
};

const emptyTotals = (): AttendanceTotals => ({ sites: 0, checkedIn: 0, connected: 0, problems: 0, peoplePresent: 0, peopleExpected: 0 });

function add(totals: AttendanceTotals, site: SiteRow): void {
  totals.sites += 1;
  if (site.checkedInAt !== null) totals.checkedIn += 1;
  if (site.presence.devices > 0) totals.connected += 1;
  if (site.readiness === 'problem') totals.problems += 1;
  totals.peoplePresent += site.headcount ?? 0;
  totals.peopleExpected += site.expectedHeadcount ?? 0;
}

/** Totals for all sites and per group (groups in order of first appearance; '' for none). */
export function summarizeAttendance(sites: readonly SiteRow[]): { total: AttendanceTotals; groups: { group: string; totals: AttendanceTotals }[] } {
  const total = emptyTotals();
  const groups = new Map<string, AttendanceTotals>();
  for (const site of sites) {
    add(total, site);
    const group = groups.get(site.group) ?? emptyTotals();
    add(group, site);
    groups.set(site.group, group);
  }
  return { total, groups: [...groups].map(([group, totals]) => ({ group, totals })) };
}

export type AttendanceEventKind = 'connected' | 'disconnected' | 'checked_in';
export type AttendanceEvent = { siteId: string; kind: AttendanceEventKind; at: number };
export type TimelinePoint = { at: number; connected: number; checkedIn: number };

/**
 * Sites connected and checked in at each step from `from` to `to`, replaying the events in
 * time order. Events are transitions of a site (its first device came, its last one left), so a
 * crash that lost a 'disconnected' does not leave the site counted twice once it reconnects.
 */
export function attendanceTimeline(events: readonly AttendanceEvent[], from: number, to: number, stepMs: number): TimelinePoint[] {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const connected = new Set<string>();
  const checkedIn = new Set<string>();
  const points: TimelinePoint[] = [];
  let i = 0;
  for (let at = from; at <= to; at += stepMs) {
    for (; i < sorted.length && sorted[i]!.at <= at; i += 1) {
      const e = sorted[i]!;
      if (e.kind === 'checked_in') checkedIn.add(e.siteId);
      else if (e.kind === 'connected') connected.add(e.siteId);
      else connected.delete(e.siteId);
    }
    points.push({ at, connected: connected.size, checkedIn: checkedIn.size });
  }
  return points;
}
