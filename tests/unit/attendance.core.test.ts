import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attendanceTimeline, currentRollCall, rankByAttention, type RollCall, type SiteRow, summarizeAttendance } from '@diemcau/shared';

const MIN = 60_000;
const START = 1_700_000_000_000;

/** A site row with sensible defaults: connected, not checked in. */
function site(name: string, overrides: Partial<SiteRow> = {}, presence: Partial<SiteRow['presence']> = {}): SiteRow {
  return {
    id: name,
    meetingId: 'm',
    name,
    group: 'Phòng GDĐT huyện',
    contactName: '',
    phone: '',
    email: '',
    expectedHeadcount: 10,
    checkedInAt: null,
    representative: '',
    representativeTitle: '',
    video: null,
    headcount: null,
    readiness: 'unknown',
    note: '',
    statusAt: null,
    problemAckedAt: null,
    version: 1,
    answers: {},
    ...overrides,
    presence: { devices: 1, lastSeenAt: START, disconnectedSince: null, rttMs: 40, disconnections: 0, ...presence },
  };
}

describe('attention', () => {
  const rollCall: RollCall = { id: 'r1', label: 'Điểm danh lần 1', startedAt: START - 5 * MIN, endsAt: START - 3 * MIN, closedAt: null };
  const ok = site('Ổn', { checkedInAt: START - 20 * MIN, answers: { r1: { answeredAt: START - 4 * MIN, headcount: 9 } } });
  const problem = site('Sự cố', { checkedInAt: START - 20 * MIN, readiness: 'problem', note: 'mất tiếng', answers: { r1: { answeredAt: START - 4 * MIN, headcount: 9 } } });
  const gone = site('Mất kết nối', { checkedInAt: START - 20 * MIN, answers: { r1: { answeredAt: START - 4 * MIN, headcount: 9 } } }, { devices: 0, disconnectedSince: START - 2 * MIN });
  const blip = site('Chập chờn', { checkedInAt: START - 20 * MIN, answers: { r1: { answeredAt: START - 4 * MIN, headcount: 9 } } }, { devices: 0, disconnectedSince: START - 30_000 });
  const late = site('Chưa báo có mặt', { answers: { r1: { answeredAt: START - 4 * MIN, headcount: 9 } } });
  const silent = site('Không trả lời', { checkedInAt: START - 20 * MIN });

  it('orders by the most urgent reason, and names every reason', () => {
    const ranked = rankByAttention([ok, silent, late, blip, gone, problem], { now: START, meetingStartAt: START + 5 * MIN, rollCall });
    expect(ranked.map((r) => [r.site.name, r.reasons])).toEqual([
      ['Sự cố', ['problem']],
      ['Mất kết nối', ['disconnected']],
      ['Chưa báo có mặt', ['not_checked_in']],
      ['Chập chờn', ['reconnecting']],
      ['Không trả lời', ['no_roll_call_answer']],
      ['Ổn', []],
    ]);
  });

  it('not checked in counts only from 10 minutes before the start; an open roll call is not yet missed', () => {
    const ctx = { now: START, meetingStartAt: START + 11 * MIN, rollCall: { ...rollCall, endsAt: START + MIN } };
    expect(rankByAttention([late, silent], ctx).every((r) => r.reasons.length === 0)).toBe(true);
  });

  it('a checked-in site off the video bridge needs a call once the meeting has started, only where a bridge exists', () => {
    const video = { connected: false, camera: false, microphone: false, quality: 'unknown' as const, updatedAt: 0 };
    const offBridge = site('Không có hình', { ...ok, name: 'Không có hình', video });
    const onBridge = site('Có hình', { ...ok, name: 'Có hình', video: { ...video, connected: true, camera: true } });
    const noBridge = site('Không cấu hình', { ...ok, name: 'Không cấu hình', video: null });
    const started = { now: START, meetingStartAt: START - MIN, rollCall };
    expect(rankByAttention([onBridge, noBridge, offBridge], started).map((r) => [r.site.name, r.reasons])).toEqual([
      ['Không có hình', ['no_video']],
      ['Có hình', []],
      ['Không cấu hình', []],
    ]);
    expect(rankByAttention([offBridge], { ...started, meetingStartAt: START + MIN })[0]!.reasons).toEqual([]);
  });

  it('a site with no device connected is never reported stable, however long before the start', () => {
    const never = site('Chưa kết nối', { checkedInAt: null }, { devices: 0, lastSeenAt: null, disconnectedSince: null, rttMs: null });
    expect(rankByAttention([never], { now: START, meetingStartAt: START + 3 * 60 * MIN, rollCall: null })[0]!.reasons).toEqual(['never_connected']);
    fc.assert(
      fc.property(
        fc.record({ lastSeenAt: fc.option(fc.integer({ min: START - 600 * MIN, max: START }), { nil: null }), checkedIn: fc.boolean(), startIn: fc.integer({ min: -300 * MIN, max: 600 * MIN }) }),
        ({ lastSeenAt, checkedIn, startIn }) => {
          const away = site('x', { checkedInAt: checkedIn ? START - MIN : null }, { devices: 0, lastSeenAt, disconnectedSince: lastSeenAt, rttMs: null });
          expect(rankByAttention([away], { now: START, meetingStartAt: START + startIn, rollCall: null })[0]!.reasons).not.toEqual([]);
        },
      ),
    );
  });

  it('the current roll call is the latest started', () => {
    expect(currentRollCall([rollCall, { ...rollCall, id: 'r2', startedAt: START }])?.id).toBe('r2');
    expect(currentRollCall([])).toBeNull();
  });
});

describe('summarizeAttendance', () => {
  it('totals per group in order of appearance', () => {
    const sites = [
      site('A', { checkedInAt: START, headcount: 8 }),
      site('B', { group: 'Trường THPT', readiness: 'problem', expectedHeadcount: 40 }, { devices: 0 }),
      site('C', { checkedInAt: START, headcount: 12, expectedHeadcount: null }),
    ];
    expect(summarizeAttendance(sites)).toEqual({
      total: { sites: 3, checkedIn: 2, connected: 2, problems: 1, peoplePresent: 20, peopleExpected: 50 },
      groups: [
        { group: 'Phòng GDĐT huyện', totals: { sites: 2, checkedIn: 2, connected: 2, problems: 0, peoplePresent: 20, peopleExpected: 10 } },
        { group: 'Trường THPT', totals: { sites: 1, checkedIn: 0, connected: 0, problems: 1, peoplePresent: 0, peopleExpected: 40 } },
      ],
    });
  });
});

describe('attendanceTimeline', () => {
  it('replays connections and check-ins per step', () => {
    const events = [
      { siteId: 'a', kind: 'connected', at: START },
      { siteId: 'b', kind: 'connected', at: START + 30_000 },
      { siteId: 'a', kind: 'checked_in', at: START + 40_000 },
      { siteId: 'b', kind: 'disconnected', at: START + 90_000 },
    ] as const;
    expect(attendanceTimeline(events, START, START + 2 * MIN, MIN)).toEqual([
      { at: START, connected: 1, checkedIn: 0 },
      { at: START + MIN, connected: 2, checkedIn: 1 },
      { at: START + 2 * MIN, connected: 1, checkedIn: 1 },
    ]);
  });

  it('a crash that lost the disconnection does not count a site twice', () => {
    const events = [
      { siteId: 'a', kind: 'connected', at: START },
      { siteId: 'a', kind: 'connected', at: START + MIN }, // after a restart
      { siteId: 'a', kind: 'disconnected', at: START + 2 * MIN },
    ] as const;
    expect(attendanceTimeline(events, START + 2 * MIN, START + 2 * MIN, MIN)).toEqual([{ at: START + 2 * MIN, connected: 0, checkedIn: 0 }]);
  });
});
