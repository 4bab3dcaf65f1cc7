import { readPlanFile, readPlanText } from '../plans/plans.read';
import { questionsWorkbook } from '../questions/questions.export';
import { type AttendanceExport, attendanceWorkbook } from '../sites/sites.export';
import { parsePastedRows, parseSitesFile } from '../sites/sites.import';

/**
 * Everything the sandbox process runs, by kind: reading untrusted files (each reader checks
 * its own limits while it reads) and building the exports that would hold up the event loop.
 * A new upload kind (submissions, forms…) is one more entry here; the server calls it with
 * `sandbox.run(kind, input, { lane })` and gets its result or the limit it broke.
 */
export const SANDBOX_JOBS = {
  'plan:file': (input: { bytes: Uint8Array; filename: string }) => readPlanFile(input),
  'plan:text': (input: { text: string }) => readPlanText(input.text),
  'sites:file': (input: { bytes: Uint8Array; filename: string }) => parseSitesFile(input),
  'sites:pasted': (input: { text: string }) => parsePastedRows(input.text),
  'attendance:xlsx': async (input: AttendanceExport) => new Uint8Array(await attendanceWorkbook(input)),
  'questions:xlsx': async (input: Parameters<typeof questionsWorkbook>[0]) => new Uint8Array(await questionsWorkbook(input)),
};

export type JobKind = keyof typeof SANDBOX_JOBS;
export type JobInput<K extends JobKind> = Parameters<(typeof SANDBOX_JOBS)[K]>[0];
export type JobOutput<K extends JobKind> = Awaited<ReturnType<(typeof SANDBOX_JOBS)[K]>>;

/** Parent → child. */
export type JobRequest = { id: number; kind: JobKind; input: unknown };
/** Child → parent: the result, or the limit the input broke, by id. */
export type JobReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; limit: string; message: string };
