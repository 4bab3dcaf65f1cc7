import type { BenchOptions } from './args';
import { nowMs, sleep } from './clock';
import { Fleet } from './fleet';
import { cpuTimeMs, type NodeChild } from './processes';

/** What makes the server broadcast change number `index`; resolves to the revision broadcast. */
export type Trigger = (index: number) => Promise<number>;

export type FanoutResult = {
  /** Per measured change: ms from the trigger's send to the last client's receipt. */
  delaysMs: number[];
  /** Packet size of every change (warm-up included), by index; 0 where none arrived. */
  bytesByIndex: number[];
  connectMs: number;
  connected: number;
  /** Measured changes that did not reach every client in time, described. */
  incomplete: string[];
  /** Server CPU time per measured change (ms), or null without /proc. */
  serverCpuMsPerChange: number | null;
};

/** Gives up after this many changes in a row miss clients: the server is not keeping up at all. */
const MAX_INCOMPLETE_IN_A_ROW = 3;

const EMFILE_HINT = 'out of file descriptors: raise the limit in this shell first, e.g. `ulimit -n 65536`';

/**
 * Connects `options.clients` audience clients to `url` with `token`, fires warm-up then
 * measured changes through `trigger` one at a time, and times each until its last receipt.
 */
export async function measureFanout(input: {
  url: string;
  token: string;
  server: NodeChild;
  trigger: Trigger;
  options: BenchOptions;
  log: (line: string) => void;
}): Promise<FanoutResult> {
  const { options, log } = input;
  const fleet = new Fleet(options.clients, options.workers);
  try {
    const ramp = await fleet.connect(input.url, input.token, { batchSize: options.batchSize, timeoutMs: 30_000 });
    log(`  ${fleet.connected}/${options.clients} clients connected in ${Math.round(ramp.elapsedMs)} ms`);
    if (ramp.failed > 0) {
      log(`  ${ramp.failed} connections failed: ${ramp.errors.join('; ')}`);
      if (ramp.errors.some((e) => e.includes('EMFILE'))) log(`  ${EMFILE_HINT}`);
    }
    if (fleet.connected === 0) throw new Error(`no client could connect to ${input.url}:\n${input.server.output()}`);

    const result: FanoutResult = {
      delaysMs: [],
      bytesByIndex: [],
      connectMs: ramp.elapsedMs,
      connected: fleet.connected,
      incomplete: [],
      serverCpuMsPerChange: null,
    };
    let cpuAtStart: number | null = null;
    let missedInARow = 0;
    for (let index = 0; index < options.warmup + options.changes; index += 1) {
      const measured = index >= options.warmup;
      if (index === options.warmup) cpuAtStart = cpuTimeMs(input.server.process.pid);
      const sentAt = nowMs();
      const rev = await input.trigger(index);
      const arrival = await fleet.arrival(rev, options.changeTimeoutMs);
      result.bytesByIndex[index] = arrival.bytes;
      if (arrival.complete) {
        missedInARow = 0;
        if (measured) result.delaysMs.push(arrival.lastAt - sentAt);
      } else {
        const text = `rev ${rev}: ${arrival.received}/${fleet.connected} clients within ${options.changeTimeoutMs} ms (${arrival.lost} disconnected)`;
        log(`  incomplete change ${text}`);
        if (measured) result.incomplete.push(text);
        missedInARow += 1;
        if (missedInARow >= MAX_INCOMPLETE_IN_A_ROW) throw new Error(`${missedInARow} changes in a row missed clients; last: ${text}`);
      }
      await sleep(options.pauseMs);
    }
    const cpuAtEnd = cpuTimeMs(input.server.process.pid);
    if (cpuAtStart !== null && cpuAtEnd !== null) result.serverCpuMsPerChange = (cpuAtEnd - cpuAtStart) / options.changes;
    return result;
  } finally {
    await fleet.close();
  }
}
