/**
 * npm run plan:score   — imports every document of tests/fixtures/plans/ as .txt, .docx and .pdf
 * and compares what is read with the document's expected fields (<name>.expected.json).
 *
 * Prints, per format and per field, how many are right, wrong (read, but not what the document
 * says), missing (in the document, not read) and invented (read, but the document does not say
 * it), and how often the verdict (does the document organise a meeting?) is right.
 * `--json` prints the figures as JSON; `--list` also lists every field that is not right.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PlanImport } from '@diemcau/shared';
import { readPlanFile } from '../server/src/plans/plans.read';

export const CORPUS_DIR = path.join(import.meta.dirname, '../tests/fixtures/plans');
export const FORMATS = ['txt', 'docx', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

/** The fields a document's expected JSON states; a field left out is expected empty (null, or []). */
export const SCORED_FIELDS = [
  'title',
  'organiser',
  'documentNumber',
  'issuedOn',
  'date',
  'startTime',
  'window',
  'tentative',
  'format',
  'venue',
  'sites',
  'chair',
  'participants',
  'agenda',
  'contributions',
  'tasks',
  'sessions',
] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

type Value = string | boolean | number | null | Value[];
export type Expected = { meeting: boolean } & Partial<Record<ScoredField, Value>>;
export type Outcome = 'right' | 'wrong' | 'missing' | 'invented';
export type Tally = Record<Outcome, number>;
export type Miss = { name: string; format: Format; field: ScoredField | 'verdict'; outcome: Outcome | 'wrong'; expected: unknown; actual: unknown };
export type Score = {
  documents: number;
  perFormat: Record<Format, { fields: Record<ScoredField, Tally>; total: Tally; verdictRight: number }>;
  misses: Miss[];
};

/** Compared without case, emphasis, spacing and the punctuation around a value. */
export const normalise = (value: string) =>
  value
    .normalize('NFC')
    .replace(/\*\*/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.;,:–-]+|[\s.;,:]+$/gu, '')
    .toLocaleLowerCase('vi');

const norm = (value: Value | undefined): Value => {
  if (value === undefined || value === null || value === false) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map((v) => norm(v));
  return typeof value === 'string' ? (value.trim() ? normalise(value) : null) : value;
};

/** What the reader gave for each scored field, in the expected JSON's terms. */
export function actualFields(plan: PlanImport): Record<ScoredField, Value> {
  const m = plan.meeting;
  const sessions = (m as { sessions?: { date: string | null; venue: string | null }[] } | null)?.sessions ?? [];
  const window = (m as { window?: { from: string; to: string } | null } | null)?.window ?? null;
  return {
    title: m?.title ?? null,
    organiser: m?.organiser ?? null,
    documentNumber: m?.documentNumber ?? null,
    issuedOn: m?.issuedOn ?? null,
    date: m?.date ?? null,
    startTime: m?.startTime ?? null,
    window: window ? [window.from, window.to] : null,
    tentative: (m as { tentative?: boolean } | null)?.tentative ?? false,
    format: m?.format ?? null,
    venue: m?.venue ?? null,
    sites: m?.sites ?? [],
    chair: m?.chair ?? null,
    participants: m?.participants ?? [],
    agenda: plan.agenda.map((a) => a.title),
    contributions: plan.contributions.map((c) => c.topic),
    tasks: plan.tasks.map((t) => [t.unit, t.deadline]),
    sessions: sessions.map((s) => [s.date, s.venue]),
  };
}

function outcome(expected: Value, actual: Value): Outcome {
  const e = norm(expected);
  const a = norm(actual);
  if (JSON.stringify(e) === JSON.stringify(a)) return 'right';
  if (e === null) return 'invented';
  if (a === null) return 'missing';
  return 'wrong';
}

const empty = (): Tally => ({ right: 0, wrong: 0, missing: 0, invented: 0 });

export function corpusNames(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => f.slice(0, -'.expected.json'.length))
    .sort();
}

export async function readCorpusDocument(name: string, format: Format): Promise<PlanImport | null> {
  const file = path.join(CORPUS_DIR, `${name}.${format}`);
  if (!existsSync(file)) throw new Error(`${name}.${format} is missing: run npm run plan:corpus`);
  const preview = await readPlanFile({ bytes: new Uint8Array(readFileSync(file)), filename: `${name}.${format}` });
  return preview.ok ? preview.plan : null;
}

export async function scoreCorpus(formats: readonly Format[] = FORMATS, names = corpusNames()): Promise<Score> {
  const perFormat = Object.fromEntries(
    formats.map((f) => [f, { fields: Object.fromEntries(SCORED_FIELDS.map((k) => [k, empty()])) as Record<ScoredField, Tally>, total: empty(), verdictRight: 0 }]),
  ) as Score['perFormat'];
  const misses: Miss[] = [];
  for (const name of names) {
    const expected = JSON.parse(readFileSync(path.join(CORPUS_DIR, `${name}.expected.json`), 'utf8')) as Expected;
    for (const format of formats) {
      const plan = await readCorpusDocument(name, format);
      const target = perFormat[format];
      const isMeeting = Boolean(plan?.meeting);
      if (isMeeting === expected.meeting) target.verdictRight++;
      else misses.push({ name, format, field: 'verdict', outcome: 'wrong', expected: expected.meeting, actual: plan?.warnings.slice(0, 2) ?? null });
      // A document that holds no meeting is scored on its verdict alone.
      if (!expected.meeting || !plan || !isMeeting) {
        if (!expected.meeting) continue;
        for (const field of SCORED_FIELDS) {
          if (norm(expected[field]) === null) continue;
          target.fields[field].missing++;
          target.total.missing++;
        }
        continue;
      }
      const actual = actualFields(plan);
      for (const field of SCORED_FIELDS) {
        const result = outcome(expected[field] ?? null, actual[field]);
        // A field neither expected nor read is not counted: it says nothing about the reader.
        if (result === 'right' && norm(expected[field] ?? null) === null) continue;
        target.fields[field][result]++;
        target.total[result]++;
        if (result !== 'right') misses.push({ name, format, field, outcome: result, expected: expected[field] ?? null, actual: actual[field] });
      }
    }
  }
  return { documents: names.length, perFormat, misses };
}

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);
const countOf = (t: Tally) => t.right + t.wrong + t.missing + t.invented;

export function scoreTable(score: Score): string {
  const formats = Object.keys(score.perFormat) as Format[];
  const rows = [
    `| field | ${formats.map((f) => `.${f} right / wrong / missing / invented`).join(' | ')} |`,
    `|---|${formats.map(() => '---').join('|')}|`,
  ];
  for (const field of SCORED_FIELDS) {
    rows.push(`| ${field} | ${formats.map((f) => { const t = score.perFormat[f].fields[field]; return `${t.right} / ${t.wrong} / ${t.missing} / ${t.invented}`; }).join(' | ')} |`);
  }
  rows.push(`| **all fields** | ${formats.map((f) => { const t = score.perFormat[f].total; return `**${t.right} / ${t.wrong} / ${t.missing} / ${t.invented}** (${percent(t.right, countOf(t))} right)`; }).join(' | ')} |`);
  rows.push(`| **verdict** | ${formats.map((f) => `**${score.perFormat[f].verdictRight} / ${score.documents}** right`).join(' | ')} |`);
  return rows.join('\n');
}

export const rightShare = (t: Tally) => (countOf(t) === 0 ? 1 : t.right / countOf(t));

async function main(): Promise<void> {
  const score = await scoreCorpus();
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(score.perFormat, null, 2)}\n`);
    return;
  }
  process.stdout.write(`Plan import on ${score.documents} documents (tests/fixtures/plans/), each as .txt, .docx and .pdf\n\n${scoreTable(score)}\n`);
  if (process.argv.includes('--list')) {
    for (const miss of score.misses) process.stdout.write(`\n${miss.name}.${miss.format} ${miss.field}: ${miss.outcome}\n  expected ${JSON.stringify(miss.expected)}\n  read     ${JSON.stringify(miss.actual)}\n`);
  }
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) await main();
