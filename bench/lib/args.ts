import os from 'node:os';
import { parseArgs } from 'node:util';

/** Options every scenario receives; each uses the ones it needs. */
export type BenchOptions = {
  scenario: string;
  clients: number;
  /** Measured changes (after `warmup` unmeasured ones). */
  changes: number;
  warmup: number;
  /** Pause between one change fully arriving and the next being sent. */
  pauseMs: number;
  /** Client worker processes holding the connections. */
  workers: number;
  /** Connections each worker opens at once while ramping up. */
  batchSize: number;
  /** How long one change may take to reach every client before it is reported as missing. */
  changeTimeoutMs: number;
  /** `checkin`: the check-ins are spread evenly over this window (0: all at once). */
  windowMs: number;
  /** `ingest`: unmeasured seconds of submissions first, then the measured seconds. */
  warmupS: number;
  durationS: number;
  /** `ingest`: submissions per second offered over all phones (open loop); 0: each phone sends its next one on its ack (closed loop). */
  rate: number;
  /** Limit per scenario; the run aborts (and cleans up) past it. Null: the scenario's own default. */
  timeoutMs: number | null;
  /** Write a V8 CPU profile of the diemcau server to this directory. */
  cpuProfDir: string | null;
  json: string | null;
};

export const USAGE = `Usage: npm run bench -- [options]

  --scenario NAME       scenario to run, or "all" for every one in turn (default: fanout)
  --clients N           connections: screens (fanout), sites (checkin), phones (ingest)
                        (default: 1000)
  --sites N             the same as --clients
  --changes N           measured changes (default: 40)
  --warmup N            unmeasured changes first (default: 5)
  --pause-ms MS         pause between changes (default: 100)
  --workers N           client worker processes (default: 2, up to 4 above 5,000 clients)
  --batch N             connections each worker opens at once (default: 100)
  --change-timeout-ms MS  wait per change (fanout), or for the board's totals after the
                        last check-in (checkin), before reporting what is missing (default: 10000)
  --window-ms MS        checkin: spread the check-ins over MS, 0 = all at once (default: 1000)
  --warmup-s S          ingest: unmeasured seconds of submissions first (default: 2)
  --duration-s S        ingest: measured seconds of submissions (default: 10)
  --rate N              ingest: offer N submissions/s in all (open loop); 0 = every phone
                        sends its next question as soon as the last one is acked (default: 0)
  --timeout-s S         abort when a scenario takes more than S seconds (default: fanout
                        120 + clients/50, checkin 120 + clients/15, ingest 120 + clients/25
                        + 2 × (warmup + duration + 13) + 15)
  --cpu-prof DIR        write a CPU profile of the diemcau server into DIR (ingest: of the
                        persisting server only)
  --json FILE           also write the figures to FILE as JSON rows
  --help`;

const positiveInt = (name: string, text: string | undefined, fallback: number, min = 1): number => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min} (got "${text}")`);
  return value;
};

/** Parses the command line; throws with the offending option's name. Returns null for --help. */
export function parseBenchArgs(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      scenario: { type: 'string' },
      clients: { type: 'string' },
      sites: { type: 'string' },
      changes: { type: 'string' },
      warmup: { type: 'string' },
      'pause-ms': { type: 'string' },
      workers: { type: 'string' },
      batch: { type: 'string' },
      'change-timeout-ms': { type: 'string' },
      'window-ms': { type: 'string' },
      'warmup-s': { type: 'string' },
      'duration-s': { type: 'string' },
      rate: { type: 'string' },
      'timeout-s': { type: 'string' },
      'cpu-prof': { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return null;
  if (values.clients !== undefined && values.sites !== undefined && values.clients !== values.sites) {
    throw new Error(`--clients ${values.clients} and --sites ${values.sites} disagree: give one of them`);
  }
  const clients = values.sites === undefined ? positiveInt('clients', values.clients, 1000) : positiveInt('sites', values.sites, 1000);
  const defaultWorkers = Math.min(4, Math.max(2, Math.ceil(clients / 2500)), Math.max(1, os.cpus().length * 2));
  return {
    scenario: values.scenario ?? 'fanout',
    clients,
    changes: positiveInt('changes', values.changes, 40),
    warmup: positiveInt('warmup', values.warmup, 5, 0),
    pauseMs: positiveInt('pause-ms', values['pause-ms'], 100, 0),
    workers: positiveInt('workers', values.workers, defaultWorkers),
    batchSize: positiveInt('batch', values.batch, 100),
    changeTimeoutMs: positiveInt('change-timeout-ms', values['change-timeout-ms'], 10_000),
    windowMs: positiveInt('window-ms', values['window-ms'], 1_000, 0),
    warmupS: positiveInt('warmup-s', values['warmup-s'], 2, 0),
    durationS: positiveInt('duration-s', values['duration-s'], 10),
    rate: positiveInt('rate', values.rate, 0, 0),
    timeoutMs: values['timeout-s'] === undefined ? null : positiveInt('timeout-s', values['timeout-s'], 1) * 1000,
    cpuProfDir: values['cpu-prof'] ?? null,
    json: values.json ?? null,
  };
}
