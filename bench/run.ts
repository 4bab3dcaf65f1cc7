/**
 * `npm run bench`: runs one scenario (fanout unless --scenario says otherwise; "all" runs every
 * one in turn) against real processes on 127.0.0.1, prints the figures next to their bare
 * baseline, and with --json writes them as rows. Progress goes to stderr.
 */
import { parseBenchArgs, USAGE } from './lib/args';
import { installCleanup } from './lib/processes';
import { formatTable, machine, type Row, writeRows } from './lib/report';
import { SCENARIOS } from './scenarios/index';

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  if (!options) {
    process.stdout.write(`${USAGE}\n\nScenarios:\n${Object.entries(SCENARIOS).map(([name, s]) => `  ${name.padEnd(10)} ${s.description}`).join('\n')}\n`);
    return;
  }
  const names = options.scenario === 'all' ? Object.keys(SCENARIOS) : [options.scenario];
  const unknown = names.find((name) => !SCENARIOS[name]);
  if (unknown) throw new Error(`unknown scenario "${unknown}"; known: ${Object.keys(SCENARIOS).join(', ')}, all`);
  installCleanup();

  const host = machine();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (host.load1 > host.cores / 2) log(`warning: load average ${host.load1} on ${host.cores} cores before starting; figures will be noisy`);
  const rows: Row[] = [];
  for (const name of names) {
    const scenario = SCENARIOS[name]!;
    const timeoutMs = options.timeoutMs ?? scenario.timeoutS(options) * 1000;
    const watchdog = setTimeout(() => {
      process.stderr.write(`bench: ${name} gave up after ${timeoutMs / 1000} s (--timeout-s); stopping everything\n`);
      process.exit(2);
    }, timeoutMs);
    log(`${name}: ${options.clients} clients, ${options.workers} client workers, at most ${timeoutMs / 1000} s`);
    rows.push(...(await scenario.run({ ...options, scenario: name, timeoutMs }, log)));
    clearTimeout(watchdog);
  }

  process.stdout.write(`\n${host.date}  ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, ${host.platform}, Node ${host.node}, load ${host.load1}\n\n`);
  process.stdout.write(`${formatTable(rows)}\n`);
  if (options.json) {
    await writeRows(options.json, rows);
    process.stdout.write(`\nwrote ${rows.length} rows to ${options.json}\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
