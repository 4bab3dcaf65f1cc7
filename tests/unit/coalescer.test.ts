import { describe, expect, it } from 'vitest';
import { Coalescer, type Schedule } from '../../server/src/lib/coalescer';

/** A schedule the test fires by hand. */
function manualSchedule() {
  const due: { run: () => void; delayMs: number; cancelled: boolean }[] = [];
  const schedule: Schedule = (run, delayMs) => {
    const entry = { run, delayMs, cancelled: false };
    due.push(entry);
    return { cancel: () => (entry.cancelled = true) };
  };
  const fire = () => due.splice(0).forEach((e) => !e.cancelled && e.run());
  return { schedule, due, fire };
}

describe('Coalescer', () => {
  it('turns a storm of marks into one flush per window per key, without repeats', () => {
    const { schedule, due, fire } = manualSchedule();
    const flushed: [string, string[]][] = [];
    const c = new Coalescer(250, (key, ids) => flushed.push([key, ids]), schedule);
    for (let i = 0; i < 1000; i += 1) c.mark('m1', `s${i % 10}`);
    c.mark('m2', 'x');
    expect(due.map((d) => d.delayMs)).toEqual([250, 250]);
    fire();
    expect(flushed).toEqual([
      ['m1', ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9']],
      ['m2', ['x']],
    ]);
    c.mark('m1', 's3');
    fire();
    expect(flushed.at(-1)).toEqual(['m1', ['s3']]);
  });

  it('flushes nothing after close', () => {
    const { schedule, fire } = manualSchedule();
    const flushed: unknown[] = [];
    const c = new Coalescer(250, (...args) => flushed.push(args), schedule);
    c.mark('m1', 'a');
    c.close();
    fire();
    expect(flushed).toEqual([]);
  });
});
