import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDocx } from '../../scripts/plan-corpus';
import { CORPUS_DIR, corpusNames, FORMATS, rightShare, scoreCorpus } from '../../scripts/plan-score';
import { docxLines } from '../../server/src/plans/plans.docx';

/**
 * The plan reader's score on the corpus (tests/fixtures/plans/, see docs/plan-import.md): a
 * change that reads fewer fields right, invents one, or gets a verdict wrong fails here. The
 * floors are the figures measured when they were last raised; raise them with the reader.
 */
const FLOOR: Record<(typeof FORMATS)[number], { right: number; verdicts: number; invented: number }> = {
  txt: { right: 0.99, verdicts: 45, invented: 0 },
  docx: { right: 0.99, verdicts: 45, invented: 0 },
  pdf: { right: 0.97, verdicts: 45, invented: 0 },
};

describe('the plan corpus', () => {
  it('holds at least 40 documents of our own besides the three samples, each as .txt, .docx and .pdf', () => {
    expect(corpusNames().length).toBeGreaterThanOrEqual(43);
  });

  it('the committed .docx are what the generator makes of the .txt (npm run plan:corpus after editing one)', { timeout: 60_000 }, async () => {
    for (const name of corpusNames()) {
      const made = await docxLines(await corpusDocx(name, readFileSync(path.join(CORPUS_DIR, `${name}.txt`), 'utf8')));
      const committed = await docxLines(new Uint8Array(readFileSync(path.join(CORPUS_DIR, `${name}.docx`))));
      expect(committed, name).toEqual(made);
    }
  });

  it('is read at least as well as the floors say, in every format', { timeout: 120_000 }, async () => {
    const score = await scoreCorpus();
    for (const format of FORMATS) {
      const { total, verdictRight } = score.perFormat[format];
      expect({ format, right: rightShare(total) >= FLOOR[format].right, verdicts: verdictRight, invented: total.invented }).toEqual({
        format,
        right: true,
        verdicts: Math.max(verdictRight, FLOOR[format].verdicts),
        invented: Math.min(total.invented, FLOOR[format].invented),
      });
    }
  });
});
