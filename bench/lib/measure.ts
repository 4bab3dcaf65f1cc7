import type { BenchOptions } from './args';
import { nowMs } from './clock';
import { Fleet } from './fleet';
import { type AudienceLinks, audience, type Engine, type PageKind } from './page';
import { cpuTimeMs, type NodeChild } from './processes';

/** What makes the server broadcast change number `index`; resolves to the revision broadcast. */
export type Trigger = (index: number) => Promise<number>;

export type FanoutResult = {
  /** Per measured change: ms from the trigger's send to the last client's receipt. */
  delaysMs: number[];
  /** Per measured change: ms from the trigger's send to its acknowledgement. */
  ackMs: number[];
  /** Packet size of every change (warm-up included), by index; 0 where none arrived. */
  bytesByIndex: number[];
  connectMs: number;
  connected: number;
  /** Median snapshot packet per page kind (the baselines pad theirs to it). */
  snapshotBytes: Partial<Record<PageKind, number>>;
  /** Measured changes that did not reach every client in time, described. */
  incomplete: string[];
  /** Server CPU time per measured change (ms), or null without /proc. */
  serverCpuMsPerChange: number | null;
};

/** `server` is the process whose output explains a failure; its CPU time is summed with `otherServers` (the other nodes of a deployment). */
type RunInput = { label: string; server: NodeChild; otherServers?: readonly NodeChild[]; trigger: Trigger; options: BenchOptions; log: (line: string) => void };

/** CPU time of every server of a run, summed; null when any cannot be read. */
function serversCpuMs(input: RunInput): number | null {
  let total = 0;
  for (const child of [input.server, ...(input.otherServers ?? [])]) {
    const ms = cpuTimeMs(child.process.pid);
    if (ms === null) return null;
    total += ms;
  }
  return total;
}

/** Gives up after this many changes in a row miss clients: the server is not keeping up at all. */
const MAX_INCOMPLETE_IN_A_ROW = 3;

const EMFILE_HINT = 'out of file descriptors: raise the limit in this shell first, e.g. `ulimit -n 65536`';

/**
 * One server under a fanout measurement: `options.clients` audience clients connected to it,
 * changes fired through `trigger` one at a time and timed until their last receipt. Two of
 * these (diemcau and its baseline) are stepped in turn so both see the same machine noise.
 */
export class FanoutRun {
  readonly result: FanoutResult = { delaysMs: [], ackMs: [], bytesByIndex: [], connectMs: 0, connected: 0, snapshotBytes: {}, incomplete: [], serverCpuMsPerChange: null };
  private cpuAtStart: number | null = null;
  private missedInARow = 0;
  private closed = false;

  private constructor(
    private readonly fleet: Fleet,
    private readonly input: RunInput,
  ) {}

  /** Spawns the client workers and connects the audience (bench/lib/page.ts) to `url` (or, spread by worker, to `urls`: several nodes) on `links`, in batches. */
  static async open(input: RunInput & { url: string; urls?: readonly string[]; links: AudienceLinks; engine: Engine }): Promise<FanoutRun> {
    const { options, log } = input;
    const run = new FanoutRun(new Fleet(options.clients, options.workers), input);
    try {
      const pages = audience(options.clients, input.links);
      const ramp = await run.fleet.connect(input.urls ?? [input.url], input.engine, pages, { batchSize: options.batchSize, timeoutMs: 30_000 });
      log(`  ${input.label}: ${run.fleet.connected}/${options.clients} clients connected in ${Math.round(ramp.elapsedMs)} ms`);
      if (ramp.failed > 0) {
        log(`  ${input.label}: ${ramp.failed} connections failed: ${ramp.errors.join('; ')}`);
        if (ramp.errors.some((e) => e.includes('EMFILE'))) log(`  ${EMFILE_HINT}`);
      }
      if (run.fleet.connected === 0) throw new Error(`no client could connect to ${(input.urls ?? [input.url]).join(', ')}:\n${input.server.output()}`);
      run.result.connectMs = ramp.elapsedMs;
      run.result.connected = run.fleet.connected;
      run.result.snapshotBytes = ramp.snapshotBytes;
      return run;
    } catch (error) {
      await run.fleet.close();
      throw error;
    }
  }

  /** Fires change `index` and waits until every client has it (or the per-change timeout). */
  async step(index: number): Promise<void> {
    const { options, trigger, log, label } = this.input;
    const measured = index >= options.warmup;
    if (index === options.warmup) this.cpuAtStart = serversCpuMs(this.input);
    const sentAt = nowMs();
    const rev = await trigger(index);
    const ackedAt = nowMs();
    const arrival = await this.fleet.arrival(rev, options.changeTimeoutMs);
    this.result.bytesByIndex[index] = arrival.bytes;
    if (arrival.complete) {
      this.missedInARow = 0;
      if (measured) {
        this.result.delaysMs.push(arrival.lastAt - sentAt);
        this.result.ackMs.push(ackedAt - sentAt);
      }
      return;
    }
    const text = `rev ${rev}: ${arrival.received}/${this.fleet.connected} clients within ${options.changeTimeoutMs} ms (${arrival.lost} disconnected)`;
    log(`  ${label}: incomplete change ${text}`);
    if (measured) this.result.incomplete.push(text);
    this.missedInARow += 1;
    if (this.missedInARow >= MAX_INCOMPLETE_IN_A_ROW) throw new Error(`${label}: ${this.missedInARow} changes in a row missed clients; last: ${text}`);
  }

  /** Records the server's CPU use over the measured changes and disconnects the clients; once. */
  async close(): Promise<FanoutResult> {
    if (this.closed) return this.result;
    this.closed = true;
    const cpuAtEnd = serversCpuMs(this.input);
    if (this.cpuAtStart !== null && cpuAtEnd !== null) this.result.serverCpuMsPerChange = (cpuAtEnd - this.cpuAtStart) / this.input.options.changes;
    await this.fleet.close();
    return this.result;
  }
}
