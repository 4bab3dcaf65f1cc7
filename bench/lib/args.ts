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
  /** Whole-run limit; the run aborts (and cleans up) past it. */
  timeoutMs: number;
  /** Write a V8 CPU profile of the diemcau server to this directory. */
  cpuProfDir: string | null;
  json: string | null;
};

export const USAGE = `Usage: npm run bench -- [options]

  --scenario NAME       scenario to run (default: fanout)
  --clients N           audience connections (default: 1000)
  --changes N           measured changes (default: 40)
  --warmup N            unmeasured changes first (default: 5)
  --pause-ms MS         pause between changes (default: 100)
  --workers N           client worker processes (default: 2, up to 4 above 5,000 clients)
  --batch N             connections each worker opens at once (default: 100)
  --change-timeout-ms MS  wait per change before reporting missing clients (default: 10000)
  --timeout-s S         abort the whole run after S seconds (default: 120 + clients/50)
  --cpu-prof DIR        write a CPU profile of the diemcau server into DIR
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
      changes: { type: 'string' },
      warmup: { type: 'string' },
      'pause-ms': { type: 'string' },
      workers: { type: 'string' },
      batch: { type: 'string' },
      'change-timeout-ms': { type: 'string' },
      'timeout-s': { type: 'string' },
      'cpu-prof': { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return null;
  const clients = positiveInt('clients', values.clients, 1000);
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
    timeoutMs: positiveInt('timeout-s', values['timeout-s'], 120 + Math.ceil(clients / 50)) * 1000,
    cpuProfDir: values['cpu-prof'] ?? null,
    json: values.json ?? null,
  };
}
