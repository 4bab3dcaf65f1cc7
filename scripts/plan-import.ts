/**
 * npm run plan:import -- <file>   (a .docx, a .pdf with a text layer, or a .txt; "-" reads text from stdin)
 *
 * Prints one JSON object (PlanImport: meeting, agenda, contributions, tasks, warnings) to stdout.
 * A file that cannot be read prints why on stderr and exits with 1; a wrong call exits with 2.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PlanImport } from '@diemcau/shared';
import { readPlanFile, readPlanText } from '../server/src/plans/plans.read';

async function stdinText(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) {
    process.stderr.write('Cách dùng: npm run plan:import -- <tệp .docx | .pdf | .txt>   (hoặc "-" để đọc văn bản từ stdin)\n');
    return 2;
  }
  let preview;
  if (file === '-') preview = readPlanText(await stdinText());
  else {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      process.stderr.write(`Không mở được tệp "${file}": ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'không có tệp này' : (error as Error).message}\n`);
      return 1;
    }
    preview = await readPlanFile({ bytes: new Uint8Array(bytes), filename: path.basename(file) });
  }
  if (!preview.ok) {
    process.stderr.write(`${preview.message}\n`);
    return 1;
  }
  // Parsing through the schema checks the shape and keeps only its keys, in its order.
  process.stdout.write(`${JSON.stringify(PlanImport.parse(preview.plan), null, 2)}\n`);
  return 0;
}

process.exitCode = await main();
