import { describe, expect, it } from 'vitest';
import { adjustTimer, estimateOffset, formatClock, pauseTimer, readTimer, resumeTimer, startTimer, type Timer } from '@diemcau/shared';

const T0 = Date.UTC(2023, 10, 24, 0, 30); // 07:30 in Vietnam
const MIN = 60_000;
const thresholds = { warningMs: 2 * MIN, dangerMs: 30_000 };

describe('readTimer', () => {
  const running = startTimer('a', T0);
  const cases: { name: string; timer: Timer; durationMs: number | null; now: number; remainingMs: number | null; elapsedMs: number; phase: string; running: boolean }[] = [
    { name: 'just started', timer: running, durationMs: 10 * MIN, now: T0, remainingMs: 10 * MIN, elapsedMs: 0, phase: 'normal', running: true },
    { name: 'counting down', timer: running, durationMs: 10 * MIN, now: T0 + 3 * MIN, remainingMs: 7 * MIN, elapsedMs: 3 * MIN, phase: 'normal', running: true },
    { name: 'warning at 2 min left', timer: running, durationMs: 10 * MIN, now: T0 + 8 * MIN, remainingMs: 2 * MIN, elapsedMs: 8 * MIN, phase: 'warning', running: true },
    { name: 'danger at 30 s left', timer: running, durationMs: 10 * MIN, now: T0 + 9.5 * MIN, remainingMs: 30_000, elapsedMs: 9.5 * MIN, phase: 'danger', running: true },
    { name: 'overtime at zero', timer: running, durationMs: 10 * MIN, now: T0 + 10 * MIN, remainingMs: 0, elapsedMs: 10 * MIN, phase: 'overtime', running: true },
    { name: 'overtime counts up', timer: running, durationMs: 10 * MIN, now: T0 + 12 * MIN, remainingMs: -2 * MIN, elapsedMs: 12 * MIN, phase: 'overtime', running: true },
    { name: 'count up without duration', timer: running, durationMs: null, now: T0 + 5 * MIN, remainingMs: null, elapsedMs: 5 * MIN, phase: 'countup', running: true },
    { name: 'paused keeps elapsed', timer: pauseTimer(running, T0 + 4 * MIN), durationMs: 10 * MIN, now: T0 + 60 * MIN, remainingMs: 6 * MIN, elapsedMs: 4 * MIN, phase: 'normal', running: false },
    {
      name: 'resumed continues from pause',
      timer: resumeTimer(pauseTimer(running, T0 + 4 * MIN), T0 + 30 * MIN),
      durationMs: 10 * MIN,
      now: T0 + 31 * MIN,
      remainingMs: 5 * MIN,
      elapsedMs: 5 * MIN,
      phase: 'normal',
      running: true,
    },
    { name: 'added time extends', timer: adjustTimer(running, 5 * MIN), durationMs: 10 * MIN, now: T0 + 12 * MIN, remainingMs: 3 * MIN, elapsedMs: 12 * MIN, phase: 'normal', running: true },
    { name: 'removed time shortens', timer: adjustTimer(running, -MIN), durationMs: 10 * MIN, now: T0 + 8 * MIN, remainingMs: MIN, elapsedMs: 8 * MIN, phase: 'warning', running: true },
    {
      name: 'restart mid-item: facts give the same reading on a new process',
      timer: JSON.parse(JSON.stringify(running)) as Timer,
      durationMs: 10 * MIN,
      now: T0 + 6 * MIN,
      remainingMs: 4 * MIN,
      elapsedMs: 6 * MIN,
      phase: 'normal',
      running: true,
    },
    { name: 'a start in the future (skew) counts as zero', timer: startTimer('a', T0 + MIN), durationMs: 10 * MIN, now: T0, remainingMs: 10 * MIN, elapsedMs: 0, phase: 'normal', running: true },
  ];
  it.each(cases)('$name', ({ timer, durationMs, now, remainingMs, elapsedMs, phase, running: isRunning }) => {
    const reading = readTimer(timer, durationMs, thresholds, now);
    expect(reading).toMatchObject({ remainingMs, elapsedMs, phase, running: isRunning });
  });

  it('revisiting an item resumes from what it ran', () => {
    const timer = startTimer('a', T0, { startedAt: T0 - 10 * MIN, endedAt: T0 - 5 * MIN, elapsedMs: 5 * MIN, addedMs: MIN });
    expect(readTimer(timer, 10 * MIN, thresholds, T0 + MIN)).toMatchObject({ elapsedMs: 6 * MIN, remainingMs: 5 * MIN, totalMs: 11 * MIN });
  });
});

describe('client offset', () => {
  it('keeps the fastest round trip and lands on the server clock', () => {
    // The client's clock is 5 minutes behind the server's.
    const skew = 5 * MIN;
    const samples = [
      { sentAt: 1000, serverNow: 1000 + skew + 300, receivedAt: 1400 }, // slow: 400 ms, asymmetric
      { sentAt: 2000, serverNow: 2000 + skew + 10, receivedAt: 2020 }, // fast: 20 ms
      { sentAt: 3000, serverNow: 3000 + skew + 50, receivedAt: 3200 },
    ];
    const estimate = estimateOffset(samples);
    expect(estimate).toEqual({ offsetMs: skew, rttMs: 20 });
    // A screen rendering from that offset shows the server's remaining time.
    const timer = startTimer('a', T0);
    const clientNow = T0 + 3 * MIN - skew;
    expect(readTimer(timer, 10 * MIN, thresholds, clientNow + estimate!.offsetMs).remainingMs).toBe(7 * MIN);
  });

  it('has no estimate without samples', () => {
    expect(estimateOffset([])).toBeNull();
  });
});

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [1, '0:01'],
    [59_001, '1:00'],
    [60_000, '1:00'],
    [9 * MIN + 59_000, '9:59'],
    [3_600_000 + 5 * MIN, '1:05:00'],
    [-1, '+0:00'],
    [-61_000, '+1:01'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});
