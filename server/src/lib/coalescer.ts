export type Schedule = (run: () => void, delayMs: number) => { cancel(): void };

export const timerSchedule: Schedule = (run, delayMs) => {
  const timer = setTimeout(run, delayMs);
  return { cancel: () => clearTimeout(timer) };
};

/**
 * Gathers ids marked within a window and hands them over once per window per key, so a
 * storm of changes becomes at most one flush per `windowMs` per key (a meeting).
 */
export class Coalescer {
  private readonly pending = new Map<string, Set<string>>();
  private readonly timers = new Map<string, { cancel(): void }>();

  constructor(
    private readonly windowMs: number,
    private readonly flush: (key: string, ids: string[]) => void,
    private readonly schedule: Schedule = timerSchedule,
  ) {}

  mark(key: string, id: string): void {
    const ids = this.pending.get(key) ?? new Set<string>();
    ids.add(id);
    this.pending.set(key, ids);
    if (this.timers.has(key)) return;
    this.timers.set(
      key,
      this.schedule(() => {
        this.timers.delete(key);
        const batch = this.pending.get(key);
        this.pending.delete(key);
        if (batch && batch.size > 0) this.flush(key, [...batch]);
      }, this.windowMs),
    );
  }

  close(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
    this.pending.clear();
  }
}
