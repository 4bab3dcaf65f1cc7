/**
 * `npm run bench`: runs every scenario of the benchmark table (or the one `--scenario` names)
 * against real processes on 127.0.0.1, each at its own client counts unless `--clients` says,
 * prints the figures next to their bare baseline, and with --json writes them as rows.
 * Progress goes to stderr.
 */
import os from 'node:os';
import { optionsFor, parseBenchArgs, USAGE } from './lib/args';
import { installCleanup } from './lib/processes';
import { formatTable, machine, type Row, writeRows } from './lib/report';
import { round } from './lib/stats';
import { SCENARIOS } from './scenarios/index';

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (!args) {
    const list = Object.entries(SCENARIOS).map(([name, s]) => `  ${name.padEnd(10)} ${s.inAll ? '' : '(not in "all") '}${s.description} (default clients: ${s.sizes.join(', ')})`);
    process.stdout.write(`${USAGE}\n\nScenarios:\n${list.join('\n')}\n`);
    return;
  }
  const names = args.scenario === 'all' ? Object.keys(SCENARIOS).filter((name) => SCENARIOS[name]!.inAll) : [args.scenario];
  const unknown = names.find((name) => !SCENARIOS[name]);
  if (unknown) throw new Error(`unknown scenario "${unknown}"; known: ${Object.keys(SCENARIOS).join(', ')}, all`);
  installCleanup();

  const host = machine();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (host.load1 > host.cores / 2) log(`warning: load average ${host.load1} on ${host.cores} cores before starting; figures will be noisy`);
  const rows: Row[] = [];
  for (const name of names) {
    const scenario = SCENARIOS[name]!;
    for (const clients of args.sizes ?? scenario.sizes) {
      const options = optionsFor({ ...args, scenario: name }, scenario.defaults ?? {}, clients);
      const timeoutMs = options.timeoutMs ?? scenario.timeoutS(options) * 1000;
      const watchdog = setTimeout(() => {
        process.stderr.write(`bench: ${name} gave up after ${timeoutMs / 1000} s (--timeout-s); stopping everything\n`);
        process.exit(2);
      }, timeoutMs);
      const loadBefore = round(os.loadavg()[0] ?? 0, 2);
      log(`${name}: ${clients} clients, ${options.workers} client workers, at most ${timeoutMs / 1000} s (load ${loadBefore})`);
      const produced = await scenario.run({ ...options, timeoutMs }, log);
      clearTimeout(watchdog);
      // Other work on the machine moves the figures: each keeps the load it was measured under.
      const load = round(((os.loadavg()[0] ?? 0) + loadBefore) / 2, 2);
      rows.push(...produced.map((r) => ({ ...r, load })));
      if (names.length > 1 || (args.sizes ?? scenario.sizes).length > 1) log(`\n${formatTable(produced.map((r) => ({ ...r, load })))}\n`);
    }
  }

  process.stdout.write(`\n${host.date}  ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, ${host.platform}, Node ${host.node}, load ${host.load1}\n\n`);
  process.stdout.write(`${formatTable(rows)}\n`);
  if (args.given.json) {
    await writeRows(args.given.json, rows);
    process.stdout.write(`\nwrote ${rows.length} rows to ${args.given.json}\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
