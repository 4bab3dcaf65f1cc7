/**
 * Reads by key (a meeting id) that callers arriving together share: each caller gets the
 * result of a read that started after it asked, never an older one, so it is as fresh as a
 * read of its own; but a storm of callers (thousands of pages reconnecting after a restart)
 * costs one read per round instead of one each. A caller arriving while a read runs waits
 * for the next one, which every caller arriving meanwhile shares.
 */
export class SharedReads<T> {
  private readonly running = new Map<string, Promise<T>>();
  private readonly queued = new Map<string, Promise<T>>();

  constructor(private readonly read: (key: string) => Promise<T>) {}

  get(key: string): Promise<T> {
    const waiting = this.queued.get(key);
    if (waiting) return waiting;
    const before = this.running.get(key);
    const start = (): Promise<T> => {
      this.queued.delete(key);
      const reading = this.read(key);
      this.running.set(key, reading);
      const done = () => {
        if (this.running.get(key) === reading) this.running.delete(key);
      };
      reading.then(done, done);
      return reading;
    };
    const next = before ? before.then(start, start) : Promise.resolve().then(start);
    this.queued.set(key, next);
    return next;
  }
}
