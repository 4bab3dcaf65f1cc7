import { type ClockSample, estimateOffset } from '@diemcau/shared';
import type { ClientSocket } from './socket';

const SAMPLES = 5;
const PING_TIMEOUT_MS = 3_000;
const RESYNC_MS = 60_000;

/**
 * Keeps the server-clock offset fresh: five `clock:ping` round trips (the fastest wins) on
 * every (re)connect and every minute. Clocks render from `Date.now() + offset`, so a device
 * whose own clock is minutes off still shows the server's time.
 */
export function startClockSync(socket: ClientSocket, onEstimate: (estimate: { offsetMs: number; rttMs: number }) => void) {
  let running = false;

  async function sync(): Promise<void> {
    if (running || !socket.connected) return;
    running = true;
    const samples: ClockSample[] = [];
    try {
      for (let i = 0; i < SAMPLES; i += 1) {
        const sentAt = Date.now();
        const serverNow = await socket.timeout(PING_TIMEOUT_MS).emitWithAck('clock:ping', sentAt);
        // Over the connection's budget the server answers a refusal: keep the samples so far.
        if (typeof serverNow !== 'number') break;
        samples.push({ sentAt, serverNow, receivedAt: Date.now() });
      }
    } catch (error) {
      console.warn(`clock sync stopped after ${samples.length} samples; using what answered`, error);
    } finally {
      running = false;
    }
    const estimate = estimateOffset(samples);
    if (estimate) onEstimate(estimate);
  }

  const interval = window.setInterval(() => void sync(), RESYNC_MS);
  return { sync, stop: () => window.clearInterval(interval) };
}
