import { questionsWorkbook } from '../questions/questions.export';
import { attendanceWorkbook } from '../sites/sites.export';
import JSZip from 'jszip';
import { minutesDocx, noticeDocx, type RecordData } from './record.docs';

/** The steps of making a record, in order, with the share of the work each stands for (percent at its start). */
export const RECORD_STAGES = {
  queued: 0,
  loading: 2,
  charts: 10,
  minutes: 20,
  notice: 50,
  attendance: 58,
  questions: 72,
  packing: 88,
  done: 100,
} as const;
export type RecordStage = keyof typeof RECORD_STAGES;
export type RecordProgress = { stage: RecordStage; percent: number };

/** The files of the record, as named inside the zip. */
export const RECORD_FILES = {
  minutes: 'bien-ban-du-thao.docx',
  notice: 'thong-bao-ket-luan-du-thao.docx',
  attendance: 'tham-du.xlsx',
  questions: 'cau-hoi.xlsx',
  chartsFolder: 'bieu-do',
} as const;

/**
 * Writes the whole record as one zip: the minutes and the notice (.docx), the attendance and
 * questions workbooks (the same exporters as their own downloads), the charts as PNG. Pure
 * work on `data` (no database): it runs in a worker thread. `progress` hears each stage.
 */
export async function buildRecord(data: RecordData, progress: (p: RecordProgress) => void = () => undefined): Promise<Uint8Array> {
  const step = (stage: RecordStage) => progress({ stage, percent: RECORD_STAGES[stage] });
  const zip = new JSZip();
  step('minutes');
  zip.file(RECORD_FILES.minutes, await minutesDocx(data));
  step('notice');
  zip.file(RECORD_FILES.notice, await noticeDocx(data));
  step('attendance');
  zip.file(RECORD_FILES.attendance, await attendanceWorkbook(data.attendance));
  step('questions');
  zip.file(RECORD_FILES.questions, await questionsWorkbook({ meeting: data.state, questions: data.questions, generatedAt: data.generatedAt }));
  data.charts.forEach((chart, i) => zip.file(`${RECORD_FILES.chartsFolder}/${String(i + 1).padStart(2, '0')}-${chart.name}.png`, chart.png));
  step('packing');
  const span = RECORD_STAGES.done - RECORD_STAGES.packing;
  let last = -1;
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } }, (meta) => {
    const percent = RECORD_STAGES.packing + Math.floor((meta.percent / 100) * (span - 1));
    if (percent !== last) progress({ stage: 'packing', percent: (last = percent) });
  });
  step('done');
  return bytes;
}
