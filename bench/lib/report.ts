import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { round } from './stats';

/** One figure of one scenario, next to the same figure for its bare baseline (null when it has none). */
export type Row = {
  scenario: string;
  clients: number;
  metric: string;
  value: number;
  baseline: number | null;
  ratio: number | null;
  unit: string;
  /** The machine's 1-minute load average around the run (mean of before and after); absent in older files. */
  load?: number;
};

/** A row with value and baseline rounded and the ratio value/baseline (null when the baseline is 0 or absent). */
export function row(scenario: string, clients: number, metric: string, unit: string, value: number, baseline: number | null): Row {
  const ratio = baseline === null || baseline === 0 ? null : round(value / baseline, 2);
  return { scenario, clients, metric, value: round(value), baseline: baseline === null ? null : round(baseline), ratio, unit };
}

/** How one metric is read off a run's result: [metric, unit, pick]; pick gives null (or NaN) where there is no figure. */
export type Metric<R> = readonly [metric: string, unit: string, pick: (result: R) => number | null];

/** The rows of one scenario: each metric of diemcau's result next to the baseline's (a metric diemcau has no figure for is left out). */
export function comparedRows<R>(scenario: string, clients: number, app: R, base: R, metrics: readonly Metric<R>[]): Row[] {
  const present = (value: number | null): value is number => value !== null && !Number.isNaN(value);
  return metrics.flatMap(([metric, unit, pick]) => {
    const value = pick(app);
    const baseline = pick(base);
    return present(value) ? [row(scenario, clients, metric, unit, value, present(baseline) ? baseline : null)] : [];
  });
}

/** What the figures were measured on: they mean little without it. */
export function machine(): { cpu: string; cores: number; memoryGiB: number; node: string; platform: string; date: string; load1: number } {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    date: new Date().toISOString(),
    /** 1-minute load average when the run started: other work on the machine skews the figures. */
    load1: round(os.loadavg()[0] ?? 0, 2),
  };
}

const cell = (value: number | null): string => (value === null ? '–' : String(value));

/** The rows as a fixed-width text table (numbers right-aligned). */
export function formatTable(rows: readonly Row[]): string {
  const header = ['scenario', 'clients', 'metric', 'value', 'baseline', 'ratio', 'unit', 'load'];
  const body = rows.map((r) => [r.scenario, String(r.clients), r.metric, cell(r.value), cell(r.baseline), cell(r.ratio), r.unit, cell(r.load ?? null)]);
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((line) => line[i]!.length)));
  const numeric = new Set([1, 3, 4, 5, 7]);
  const format = (line: string[]) => line.map((text, i) => (numeric.has(i) ? text.padStart(widths[i]!) : text.padEnd(widths[i]!))).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(format)].join('\n');
}

/** Writes the rows as a JSON array (the format other tools and later runs compare against). */
export async function writeRows(file: string, rows: readonly Row[]): Promise<void> {
  await writeFile(file, `${JSON.stringify(rows, null, 2)}\n`);
}
