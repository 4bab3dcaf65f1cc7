import { describe, expect, it } from 'vitest';
import { SharedReads } from '../../server/src/lib/shared-reads';

/** A read whose result is the value at the moment it starts, finishing when `finish` is called. */
function fakeStore() {
  let value = 0;
  let reads = 0;
  const finishers: (() => void)[] = [];
  const read = (key: string) => {
    reads += 1;
    const seen = value;
    return new Promise<string>((resolve) => finishers.push(() => resolve(`${key}:${seen}`)));
  };
  return {
    read,
    set: (v: number) => (value = v),
    reads: () => reads,
    finishNext: () => finishers.shift()?.(),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedReads', () => {
  it('callers asking together share one read', async () => {
    const store = fakeStore();
    const shared = new SharedReads(store.read);
    const answers = Promise.all([shared.get('m'), shared.get('m'), shared.get('m')]);
    await tick();
    store.finishNext();
    expect(await answers).toEqual(['m:0', 'm:0', 'm:0']);
    expect(store.reads()).toBe(1);
  });

  it('a caller arriving while a read runs gets the next read, never the older one', async () => {
    const store = fakeStore();
    const shared = new SharedReads(store.read);
    const first = shared.get('m');
    await tick(); // the first read has started and saw 0
    store.set(1); // a write lands after it started
    const second = shared.get('m');
    const third = shared.get('m');
    await tick();
    expect(store.reads()).toBe(1); // one read at a time: the next waits for the running one
    store.finishNext();
    expect(await first).toBe('m:0');
    await tick();
    store.finishNext();
    expect(await second).toBe('m:1');
    expect(await third).toBe('m:1');
    expect(store.reads()).toBe(2);
  });

  it('keys do not share, and a failed read fails only its own callers', async () => {
    let calls = 0;
    const shared = new SharedReads(async (key: string) => {
      calls += 1;
      if (calls === 1) throw new Error('disk');
      return key;
    });
    await expect(shared.get('a')).rejects.toThrow('disk');
    expect(await shared.get('a')).toBe('a');
    expect(await Promise.all([shared.get('b'), shared.get('c')])).toEqual(['b', 'c']);
  });
});
