/**
 * Renders the meeting record of the demo meeting after a scripted run (agenda advanced,
 * speakers, questions answered, conclusions noted) to look at: writes the record's files to
 * `out/record/` (or the folder given), converts the two .docx to PDF with LibreOffice
 * (`soffice --headless --convert-to pdf`) and, when pdftoppm is installed, to PNG pages.
 *
 *   npm run record:render [-- <folder>]
 *
 * Not part of `npm test`: LibreOffice is too heavy for every run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CreateMeeting, vnInstant } from '@diemcau/shared';
import JSZip from 'jszip';
import { bacGiangDemo } from '../server/src/demo/demo';
import { DEMO_RUN_DATE, runDemoMeeting } from '../tests/integration/demo-run';
import { ManualClock, send, startServer } from '../tests/integration/harness';

const out = path.resolve(process.argv[2] ?? 'out/record');
mkdirSync(out, { recursive: true });


const clock = new ManualClock(vnInstant(DEMO_RUN_DATE, '07:00'));
const server = await startServer(clock);
try {
  const run = await runDemoMeeting(server, clock, { meeting: CreateMeeting.parse(bacGiangDemo(DEMO_RUN_DATE)) });
  const mc = (await server.connect(run.access.mcToken)).client;
  const agenda = (await server.app.meetings.load(run.access.meetingId))!.state.agenda;
  const conclude = (index: number, text: string) => send(mc, 'conclusion:set', { itemId: agenda[index]!.id, text });
  await conclude(2, 'Thống nhất với báo cáo đề dẫn; các phòng hoàn thiện số liệu 9 tuần đầu học kỳ I trước ngày 30/11/2023.');
  await conclude(3, 'Ghi nhận ý kiến của các điểm cầu về thiếu giáo viên tiếng Anh cấp tiểu học; Phòng Tổ chức cán bộ tham mưu phương án tuyển dụng.');
  await conclude(4, 'Tập trung nâng cao chất lượng giáo dục mũi nhọn; bảo đảm an toàn trường học trong mùa mưa bão.');
  clock.t = vnInstant(DEMO_RUN_DATE, '11:40');
  const started = await server.http<{ data: { jobId: string } }>('POST', `/api/meetings/${run.access.meetingId}/record`, undefined, run.access.mcToken);
  const jobUrl = `/api/meetings/${run.access.meetingId}/record/${started.body.data.jobId}`;
  for (;;) {
    const status = await server.http<{ data: { state: string; stage: string; percent: number; message: string | null } }>('GET', jobUrl, undefined, run.access.mcToken);
    console.log(`${status.body.data.stage} ${status.body.data.percent}%`);
    if (status.body.data.state === 'failed') throw new Error(status.body.data.message ?? 'failed');
    if (status.body.data.state === 'done') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const file = await fetch(`${server.url}${jobUrl}/file`, { headers: { authorization: `Bearer ${run.access.mcToken}` } });
  const zip = await JSZip.loadAsync(await file.arrayBuffer());
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    const target = path.join(out, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, await entry.async('nodebuffer'));
  }
  console.log(`record written to ${out}`);
} finally {
  await server.close();
  await server.remove();
}

const docs = ['bien-ban-du-thao.docx', 'thong-bao-ket-luan-du-thao.docx'].map((name) => path.join(out, name));
execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, ...docs], { stdio: 'inherit', timeout: 180_000 });
const hasPdftoppm = ['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm'].some((p) => existsSync(p));
for (const doc of docs) {
  const pdf = doc.replace(/\.docx$/, '.pdf');
  if (hasPdftoppm) execFileSync('pdftoppm', ['-png', '-r', '70', pdf, pdf.replace(/\.pdf$/, '')], { stdio: 'inherit' });
  console.log(hasPdftoppm ? `pages: ${pdf.replace(/\.pdf$/, '')}-N.png` : `pdf: ${pdf} (install poppler-utils for PNG pages)`);
}
