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
  /** `ingest`: unmeasured seconds of submissions first, then the measured seconds; `soak`: how long it holds. */
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

/** What every option is when neither the command line nor the scenario says otherwise (clients and workers: per run). */
export const DEFAULTS: Omit<BenchOptions, 'scenario' | 'clients' | 'workers'> = {
  changes: 40,
  warmup: 5,
  pauseMs: 100,
  batchSize: 100,
  changeTimeoutMs: 10_000,
  windowMs: 1_000,
  warmupS: 2,
  durationS: 10,
  rate: 0,
  timeoutMs: null,
  cpuProfDir: null,
  json: null,
};

/** The command line: the scenario, the client counts asked for (null: each scenario's own), and the options given. */
export type BenchArgs = { scenario: string; sizes: number[] | null; given: Partial<BenchOptions> };

export const USAGE = `Usage: npm run bench -- [options]

  --scenario NAME       scenario to run, or "all" (the default): every scenario of the
                        issue's table in turn (soak is run on its own: --scenario soak)
  --clients N[,N…]      connections: screens (fanout, memory), sites (checkin, reconnect),
                        phones (ingest); a list runs the scenario once per size
                        (default: each scenario's own, e.g. fanout 1000,5000,10000)
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
  --duration-s S        ingest: measured seconds of submissions (default: 10);
                        soak: how long the load is held (default: 600)
  --rate N              ingest: offer N submissions/s in all (open loop); 0 = every phone
                        sends its next question as soon as the last one is acked (default: 0)
  --timeout-s S         abort when one run of a scenario takes more than S seconds
                        (default: each scenario's own, from its size and duration)
  --cpu-prof DIR        write a CPU profile of the diemcau server into DIR (ingest: of the
                        persisting server only)
  --json FILE           also write the figures to FILE as JSON rows
  --help`;

const positiveInt = (name: string, text: string | undefined, min = 1): number | undefined => {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min} (got "${text}")`);
  return value;
};

/** `"1000,5000"` → [1000, 5000]; each a positive integer. */
const sizeList = (name: string, text: string | undefined): number[] | null =>
  text === undefined ? null : text.split(',').map((part) => positiveInt(name, part.trim()) as number);

/** Client worker processes for a run of `clients` connections: 2, up to 4 above 5,000, at most two per core. */
export const defaultWorkers = (clients: number): number => Math.min(4, Math.max(2, Math.ceil(clients / 2500)), Math.max(1, os.cpus().length * 2));

/** The options of one run: the defaults, then the scenario's own, then what the command line gave. */
export function optionsFor(args: BenchArgs, scenarioDefaults: Partial<BenchOptions>, clients: number): BenchOptions {
  const options = { ...DEFAULTS, ...scenarioDefaults, ...args.given, scenario: args.scenario, clients };
  return { ...options, workers: args.given.workers ?? scenarioDefaults.workers ?? defaultWorkers(clients) };
}

/** Parses the command line; throws with the offending option's name. Returns null for --help. */
export function parseBenchArgs(argv: string[]): BenchArgs | null {
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
  const sizes = values.sites === undefined ? sizeList('clients', values.clients) : sizeList('sites', values.sites);
  const timeoutS = positiveInt('timeout-s', values['timeout-s']);
  const given: Partial<BenchOptions> = {
    changes: positiveInt('changes', values.changes),
    warmup: positiveInt('warmup', values.warmup, 0),
    pauseMs: positiveInt('pause-ms', values['pause-ms'], 0),
    workers: positiveInt('workers', values.workers),
    batchSize: positiveInt('batch', values.batch),
    changeTimeoutMs: positiveInt('change-timeout-ms', values['change-timeout-ms']),
    windowMs: positiveInt('window-ms', values['window-ms'], 0),
    warmupS: positiveInt('warmup-s', values['warmup-s'], 0),
    durationS: positiveInt('duration-s', values['duration-s']),
    rate: positiveInt('rate', values.rate, 0),
    timeoutMs: timeoutS === undefined ? undefined : timeoutS * 1000,
    cpuProfDir: values['cpu-prof'],
    json: values.json,
  };
  // Options not given are left out, so that a scenario's own defaults apply.
  for (const key of Object.keys(given) as (keyof BenchOptions)[]) if (given[key] === undefined) delete given[key];
  return { scenario: values.scenario ?? 'all', sizes, given };
}
