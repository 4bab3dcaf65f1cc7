import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillGaps } from '../../server/src/plans/plans.pdf';

/** Times advances (1/1000 em) of the letters the words below use in the main font. */
const TIMES: Record<string, number> = {
  ' ': 250, a: 444, c: 444, d: 500, đ: 500, e: 444, g: 500, h: 500, i: 278, l: 278, m: 778, n: 500, o: 500, p: 500, r: 333, s: 389, t: 278, u: 500, v: 500, x: 500, y: 500,
  B: 667, C: 667, D: 722, Đ: 722, G: 722, H: 722, P: 556, S: 556, T: 611, U: 722, N: 722,
  ',': 250, '(': 333, ')': 333, ';': 278, '1': 500, '2': 500, '0': 500, '4': 500, à: 444, á: 444, â: 444, ã: 444, ò: 500, ó: 500, ô: 500, ă: 444, ê: 444, ú: 500, ì: 278,
};
/** Words of plans: letters the main font lacks (ạ, ệ, ườ …) are drawn from a fallback font. */
const WORDS = ['Hội', 'nghị', 'trường', 'Đào', 'tạo', 'huyện', 'thị', 'xã', 'phố', 'Phòng', 'Giáo', 'dục', 'lãnh', 'đạo', 'các', 'đơn', 'vị', 'thuộc', 'Sở', 'tổ', 'chức', 'Bộ', 'phận', 'chuyên', 'môn', 'Ủy', 'ban', 'nhân', 'dân', 'tỉnh', 'điểm', 'cầu', '2024,', '(tầng', '1)', 'hiệu', 'trưởng', 'năm', 'học', 'việc', 'đại', 'biểu', 'chỉ', 'tập', 'huấn', 'cụm', 'triệu'];
const missing = (c: string) => c.charCodeAt(0) > 0xff && !'ĐđăĂ'.includes(c);

/**
 * Lays a line out as LibreOffice draws it: the main font's run with a gap for each missing glyph
 * (pdf.js reads a gap, with the real spaces beside it, as one space), then the glyphs where
 * their gaps are, in a wider fallback face. Spaces stretch as a justified line's do.
 */
function draw(words: string[], size: number, stretch: number, scale: number) {
  const em = size / 1000;
  const line = words.join(' ');
  const advance = (c: string) => (c === ' ' ? 250 * em * stretch : missing(c) ? 560 * em : (TIMES[c] ?? 500) * em * scale);
  // Missing glyphs side by side, and the spaces between them, are one fallback run.
  const clusters = [...line.matchAll(/\S*/gu)].length > 0 ? [...line].map((c, i) => missing(c) || (c === ' ' && missing(line[i - 1] ?? 'a') && missing(line[i + 1] ?? 'a'))) : [];
  const glyphs: { x: number; end: number; text: string }[] = [];
  let x = 100;
  let text = '';
  [...line].forEach((c, i) => {
    const width = advance(c);
    if (clusters[i]) {
      if (clusters[i - 1]) Object.assign(glyphs.at(-1)!, { end: x + width, text: glyphs.at(-1)!.text + c });
      else glyphs.push({ x, end: x + width, text: c });
      if (!text.endsWith(' ')) text += ' ';
    } else if (c !== ' ' || !text.endsWith(' ')) text += c;
    x += width;
  });
  return { run: { x: 100, end: x, y: 0, size, text, font: 'main', scale }, glyphs: glyphs.map((g) => ({ ...g, y: 0, size, font: 'fallback', scale: 1 })) };
}

describe('fallback glyphs put back into the run that left gaps for them', () => {
  it('rebuilds every line of plan words, at any size and any justified stretch', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 9 }),
        fc.double({ min: 10, max: 15, noNaN: true }),
        fc.double({ min: 1, max: 2.5, noNaN: true }),
        fc.constantFrom(1, 1.08),
        (words, size, stretch, scale) => {
          const { run, glyphs } = draw(words, size, stretch, scale);
          fc.pre(glyphs.length > 0 && run.text.trim() !== '' && !glyphs.some((g) => g.x <= run.x + 0.5 || g.end >= run.end - 0.5));
          expect(fillGaps(run, glyphs)).toBe(words.join(' '));
        },
      ),
      { numRuns: 300 },
    );
  });
});
