import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MIN_CHART_FONT_PX, reportCharts } from '@diemcau/shared';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CHART_FONT, CHART_SCALE, CHART_WIDTH, renderChartSvg, renderReportCharts } from '../../server/src/reports/charts';
import { report } from './report-fixtures';

/** Where the images are left to look at (ignored by git). */
const OUT = path.join(import.meta.dirname, '../e2e/screenshots/report-charts');

/** Pixels of `png` close to the colour `hex` (anti-aliased edges aside). */
function countColour(png: PNG, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i]! - r) < 8 && Math.abs(png.data[i + 1]! - g) < 8 && Math.abs(png.data[i + 2]! - b) < 8) count += 1;
  }
  return count;
}

describe('server-side chart images', () => {
  it('renders every chart of the report as a PNG that decodes, at the chart\'s size', async () => {
    const built = report();
    const images = await renderReportCharts(built);
    const charts = reportCharts(built, { width: CHART_WIDTH });
    expect(images.map((i) => [i.name, i.title])).toEqual(charts.map((c) => [c.name, c.title]));
    mkdirSync(OUT, { recursive: true });
    for (const [index, image] of images.entries()) {
      writeFileSync(path.join(OUT, `${image.name}.png`), image.png);
      const png = PNG.sync.read(image.png);
      expect([png.width, png.height]).toEqual([CHART_WIDTH * CHART_SCALE, charts[index]!.height * CHART_SCALE]);
      expect([image.width, image.height]).toEqual([png.width, png.height]);
      // Something is drawn: more than the white background and a title.
      expect(png.width * png.height - countColour(png, '#ffffff')).toBeGreaterThan(png.width * png.height * 0.03);
    }
    // The two items that ran long are drawn in the overrun colour, the one that ran short in the actual colour.
    const schedule = PNG.sync.read(images[0]!.png);
    expect(countColour(schedule, '#c0392b')).toBeGreaterThan(1000);
    expect(countColour(schedule, '#1f5fa8')).toBeGreaterThan(1000);
  }, 60_000);

  it('on A4 every label prints at 9 pt or more: the images are shown at the width they are laid out in, which fits the page', () => {
    const fonts: number[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
          if (key === 'fontSize' && typeof v === 'number') fonts.push(v);
          else walk(v);
        }
      }
    };
    for (const chart of reportCharts(report(), { width: CHART_WIDTH })) walk(chart.option);
    expect(Math.min(...fonts)).toBeGreaterThanOrEqual(MIN_CHART_FONT_PX);
    // 96 CSS px to the inch, 72 pt to the inch; the text width of the minutes' A4 page is 165 mm.
    expect((MIN_CHART_FONT_PX * 72) / 96).toBeGreaterThanOrEqual(9);
    expect((CHART_WIDTH / 96) * 25.4).toBeLessThanOrEqual(165);
  });

  it('the SVG holds the Vietnamese titles, item names and legend with their diacritics, in a font that has them', () => {
    const [schedule, attendance, bySite] = reportCharts(report(), { fontFamily: CHART_FONT, width: CHART_WIDTH });
    const svg = renderChartSvg(schedule!.option as never, CHART_WIDTH, schedule!.height);
    for (const text of ['Thời lượng dự kiến và thực tế theo mục (phút)', 'Chậm 4 phút so với kế hoạch', '2. Báo cáo đề dẫn', 'Dự kiến', 'Thực tế']) {
      expect(svg).toContain(text);
    }
    expect(svg).toContain(CHART_FONT);
    expect(renderChartSvg(attendance!.option as never, CHART_WIDTH, attendance!.height)).toContain('Điểm cầu đã báo có mặt');
    const sites = renderChartSvg(bySite!.option as never, CHART_WIDTH, bySite!.height);
    for (const text of ['Phòng GDĐT huyện Yên Thế', 'Tại hội trường', 'Tham luận', 'Trả lời, giải trình']) expect(sites).toContain(text);
  });
});
