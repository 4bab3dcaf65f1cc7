// Reads the JSON reports of vitest and Playwright and prints one closing line
// "tests: N passed, N failed" (with skipped when any). A missing report counts as a failure.
import { existsSync, readFileSync } from 'node:fs';

// Any further files are vitest reports too (the integration files run again on Node 22 and 24).
const [vitestFile, playwrightFile, ...moreVitest] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

function countVitest(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

if (vitestFile && existsSync(vitestFile)) countVitest(vitestFile);
else missing.push('vitest');
for (const file of moreVitest) if (existsSync(file)) countVitest(file);

if (playwrightFile && existsSync(playwrightFile)) {
  const { stats } = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
  skipped += stats.skipped ?? 0;
} else missing.push('playwright');

if (missing.length) {
  console.log(`No report from: ${missing.join(', ')} (the step did not run to the end).`);
  failed += missing.length;
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
