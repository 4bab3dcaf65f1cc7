import { describe, expect, it } from 'vitest';
import {
  type Actor,
  type CommandName,
  insertionIndex,
  type MeetingState,
  queueForecast,
  readTimer,
  SPEAKER_THRESHOLDS,
  speakingTotals,
} from '@diemcau/shared';
import { applySteps, MC, meeting, MIN, refusal, START } from './fixtures';

const SITE_A: Actor = { role: 'site', siteId: 'siteA' };
const SITE_B: Actor = { role: 'site', siteId: 'siteB' };
const run = applySteps;
const request = (requestId: string, kind: string, speaker = 'Người nói'): [CommandName, unknown] => ['queue:request', { requestId: `req-${requestId}-0000`, kind, speaker }];
const live = () => run(meeting(), [[START, MC, 'meeting:start']]);
const order = (s: MeetingState) => s.queue.entries.map((e) => e.speaker);

describe('queue order', () => {
  it('urgent points before replies before ordinary requests; first come, first served inside a band', () => {
    const s = run(live(), [
      [START + 1, SITE_A, ...request('1', 'comment', 'Ý kiến 1')],
      [START + 2, SITE_B, ...request('2', 'question', 'Câu hỏi 2')],
      [START + 3, MC, ...request('3', 'response', 'Giải trình 3')],
      [START + 4, SITE_B, ...request('4', 'urgent', 'Khẩn 4')],
      [START + 5, SITE_A, ...request('5', 'response', 'Giải trình 5')],
      [START + 6, SITE_A, ...request('6', 'contribution', 'Tham luận 6')],
    ]);
    expect(order(s)).toEqual(['Khẩn 4', 'Giải trình 3', 'Giải trình 5', 'Ý kiến 1', 'Câu hỏi 2', 'Tham luận 6']);
  });

  it.each([
    [[], 'comment', 0],
    [['urgent', 'comment'], 'urgent', 1],
    [['urgent', 'comment'], 'response', 1],
    [['urgent', 'response', 'comment'], 'question', 3],
  ] as const)('insertionIndex(%j, %s) = %i', (kinds, kind, index) => {
    const entries = kinds.map((k) => ({ kind: k }) as never);
    expect(insertionIndex(entries, kind)).toBe(index);
  });

  it('a site\'s requests are its own, whatever it claims; a retry is not added twice', () => {
    const once = run(live(), [[START, SITE_A, 'queue:request', { requestId: 'req-aaaa-0001', kind: 'comment', speaker: 'An', siteId: 'siteB' }]]);
    expect(once.queue.entries[0]).toMatchObject({ siteId: 'siteA', itemId: once.live.timer!.itemId });
    const again = run(once, [[START + 5, SITE_A, 'queue:request', { requestId: 'req-aaaa-0001', kind: 'comment', speaker: 'An' }]]);
    expect(again).toBe(once);
  });

  it('the MC moves, skips and returns entries', () => {
    let s = run(live(), [
      [START, SITE_A, ...request('1', 'comment', 'A')],
      [START, SITE_B, ...request('2', 'comment', 'B')],
      [START, MC, ...request('3', 'comment', 'C')],
    ]);
    const [a, , c] = s.queue.entries;
    s = run(s, [[START, MC, 'queue:move', { entryId: c!.id, toIndex: 0 }]]);
    expect(order(s)).toEqual(['C', 'A', 'B']);
    s = run(s, [[START, MC, 'queue:skip', { entryId: a!.id }]]);
    s = run(s, [[START, MC, 'floor:give', {}]]);
    s = run(s, [[START + MIN, MC, 'floor:give', {}]]);
    expect(s.queue.floor?.entry.speaker).toBe('B');
    expect(order(s)).toEqual(['A']);
    expect(refusal(() => run(s, [[START, MC, 'floor:give', {}]]))).toBe('queue_empty');
    s = run(s, [[START, MC, 'queue:restore', { entryId: a!.id }]]);
    expect(run(s, [[START, MC, 'floor:give', {}]]).queue.floor?.entry.speaker).toBe('A');
  });

  it('a site withdraws only its own request', () => {
    const s = run(live(), [[START, SITE_A, ...request('1', 'comment')]]);
    const id = s.queue.entries[0]!.id;
    expect(refusal(() => run(s, [[START, SITE_B, 'queue:withdraw', { entryId: id }]]))).toBe('not_own_entry');
    expect(run(s, [[START, SITE_A, 'queue:withdraw', { entryId: id }]]).queue.entries).toEqual([]);
  });

  it('a closed list refuses sites but not the MC; a limit per site per item holds', () => {
    const closed = run(live(), [[START, MC, 'queue:settings', { open: false }]]);
    expect(refusal(() => run(closed, [[START, SITE_A, ...request('1', 'comment')]]))).toBe('queue_closed');
    expect(run(closed, [[START, MC, ...request('1', 'comment')]]).queue.entries).toHaveLength(1);

    const limited = run(live(), [
      [START, MC, 'queue:settings', { perSiteLimit: 1 }],
      [START, SITE_A, ...request('1', 'comment')],
      [START, SITE_B, ...request('2', 'comment')],
    ]);
    expect(refusal(() => run(limited, [[START, SITE_A, ...request('3', 'question')]]))).toBe('site_limit');
    // On the next item the site may ask again.
    expect(run(limited, [[START, MC, 'agenda:next'], [START, SITE_A, ...request('3', 'question')]]).queue.entries).toHaveLength(3);
  });
});

describe('the floor', () => {
  it('gives the floor with the kind\'s default time, and ending the turn records what happened', () => {
    let s = run(live(), [[START, SITE_A, ...request('1', 'comment', 'Nguyễn Văn An')]]);
    s = run(s, [[START + MIN, MC, 'floor:give', {}]]);
    expect(s.queue.floor).toMatchObject({ entry: { speaker: 'Nguyễn Văn An', plannedMs: 3 * MIN }, timer: { startedAt: START + MIN } });
    expect(readTimer(s.queue.floor!.timer, s.queue.floor!.entry.plannedMs, SPEAKER_THRESHOLDS, START + 3.5 * MIN)).toMatchObject({ phase: 'warning', remainingMs: 0.5 * MIN });
    s = run(s, [
      [START + 2 * MIN, MC, 'floor:pause'],
      [START + 5 * MIN, MC, 'floor:resume'],
      [START + 5 * MIN, MC, 'floor:adjust', { deltaMs: MIN }],
      [START + 8 * MIN, MC, 'floor:end'],
    ]);
    expect(s.queue.floor).toBeNull();
    expect(s.speeches).toEqual([
      expect.objectContaining({ speaker: 'Nguyễn Văn An', kind: 'comment', siteId: 'siteA', startedAt: START + MIN, endedAt: START + 8 * MIN, elapsedMs: 4 * MIN, plannedMs: 4 * MIN }),
    ]);
  });

  it('giving the floor to the next one ends the current turn', () => {
    const s = run(live(), [
      [START, SITE_A, ...request('1', 'comment', 'A')],
      [START, SITE_B, ...request('2', 'comment', 'B')],
      [START, MC, 'floor:give', { plannedMs: 5 * MIN }],
      [START + 2 * MIN, MC, 'floor:give', {}],
    ]);
    expect(s.speeches.map((x) => [x.speaker, x.elapsedMs, x.plannedMs])).toEqual([['A', 2 * MIN, 5 * MIN]]);
    expect(s.queue.floor?.entry.speaker).toBe('B');
  });

  it('refuses floor commands without a speaker', () => {
    for (const name of ['floor:end', 'floor:pause', 'floor:resume'] as const) expect(refusal(() => run(live(), [[START, MC, name]]))).toBe('no_floor');
  });
});

describe('prepared contributions', () => {
  it('join the queue in planned order when their item starts, after urgent points, once', () => {
    const base = meeting();
    const itemB = base.agenda[1]!.id;
    let s = run(base, [
      [START, MC, 'contributions:set', { itemId: itemB, contributions: [{ topic: 'Chuyển đổi số', unit: 'Phòng GDĐT Lục Nam' }, { topic: 'Trường học hạnh phúc', unit: 'Trường THPT Ngô Sĩ Liên' }] }],
      [START, MC, 'meeting:start'],
      [START, SITE_A, ...request('1', 'urgent', 'Khẩn')],
    ]);
    expect(order(s)).toEqual(['Khẩn']);
    s = run(s, [[START + MIN, MC, 'agenda:next']]);
    expect(order(s)).toEqual(['Khẩn', 'Phòng GDĐT Lục Nam', 'Trường THPT Ngô Sĩ Liên']);
    expect(s.queue.entries[1]).toMatchObject({ kind: 'contribution', topic: 'Chuyển đổi số', plannedMs: 7 * MIN });
    s = run(s, [[START + 2 * MIN, MC, 'agenda:previous'], [START + 3 * MIN, MC, 'agenda:next']]);
    expect(order(s)).toEqual(['Khẩn', 'Phòng GDĐT Lục Nam', 'Trường THPT Ngô Sĩ Liên']);
  });
});

describe('forecast and totals', () => {
  it('each waiting site knows its place and about when', () => {
    const s = run(live(), [
      [START, SITE_A, ...request('1', 'comment', 'A')],
      [START, SITE_B, ...request('2', 'question', 'B')],
      [START, MC, ...request('3', 'comment', 'C')],
      [START, MC, 'floor:give', {}],
    ]);
    const skipped = run(s, [[START, MC, 'queue:skip', { entryId: s.queue.entries[0]!.id }]]);
    const forecast = queueForecast(skipped.queue, START + MIN);
    // A has the floor with 2 of 3 minutes left; B is skipped; C is next.
    expect(forecast.map((f) => [f.entry.speaker, f.position, f.expectedStartAt])).toEqual([
      ['B', null, null],
      ['C', 0, START + 3 * MIN],
    ]);
  });

  it('adds up speaking time per site and per kind', () => {
    const s = run(live(), [
      [START, SITE_A, ...request('1', 'comment')],
      [START, MC, ...request('2', 'response')],
      [START, MC, 'floor:give', {}],
      [START + 2 * MIN, MC, 'floor:give', {}],
      [START + 3 * MIN, MC, 'floor:end'],
    ]);
    expect(speakingTotals(s.speeches)).toEqual({ bySite: { '': 2 * MIN, siteA: MIN }, byKind: { response: 2 * MIN, comment: MIN } });
  });
});
