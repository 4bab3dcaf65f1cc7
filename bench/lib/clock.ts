/**
 * Wall-clock time in fractional ms that is comparable across processes on one machine:
 * each process anchors its monotonic clock to the system clock at start.
 */
export const nowMs = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
