/**
 * Loaded into a server under test with `--import` (and `--expose-gc`) by the bench only, never
 * by the product: answers the driver's IPC requests with the process's memory (optionally
 * after a full garbage collection) and its event-loop delay, measured here, inside the server,
 * with `perf_hooks.monitorEventLoopDelay`. The server's own code is untouched.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';
import type { ProbeReply, ProbeRequest } from './lib/protocol';

/** Sampling resolution of the event-loop delay histogram (ms). */
const RESOLUTION_MS = 10;
const NS_PER_MS = 1e6;

function serve(): void {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  const collect = (globalThis as { gc?: () => void }).gc;

  process.on('message', (request: ProbeRequest) => {
    if (request?.type !== 'probe') return;
    const delay = {
      p50Ms: loop.percentile(50) / NS_PER_MS,
      p99Ms: loop.percentile(99) / NS_PER_MS,
      maxMs: loop.max / NS_PER_MS,
      meanMs: loop.mean / NS_PER_MS,
      samples: loop.count,
    };
    let gcMs: number | null = null;
    if (request.gc && collect) {
      // The forced collection is the bench's doing, not the server's: not counted as lag.
      loop.disable();
      const started = performance.now();
      collect();
      collect();
      gcMs = performance.now() - started;
      loop.enable();
    }
    const memory = process.memoryUsage();
    if (request.resetLoop) loop.reset();
    const reply: ProbeReply = {
      type: 'probe',
      id: request.id,
      at: performance.timeOrigin + performance.now(),
      gc: gcMs !== null,
      gcMs,
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      heapTotal: memory.heapTotal,
      external: memory.external,
      arrayBuffers: memory.arrayBuffers,
      loop: delay,
    };
    process.send?.(reply);
  });
  // The channel must not keep a server alive that would otherwise exit.
  process.channel?.unref();
}

// Worker threads inherit --import; only the main thread has the IPC channel and the event loop measured.
if (isMainThread && process.send) serve();
