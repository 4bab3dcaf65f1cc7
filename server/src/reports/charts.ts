import { type MeetingReport, reportCharts } from '@diemcau/shared';
import { renderAsync } from '@resvg/resvg-js';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

/**
 * Width of the record's chart images in CSS px, the width they are shown at in the minutes (the
 * text width of an A4 page is about 165 mm): one CSS px is 0.75 pt there, so the charts' smallest
 * font (12 px) prints at 9 pt. The PNG is drawn at CHART_SCALE times that, sharp in print.
 */
export const CHART_WIDTH = 600;
export const CHART_SCALE = 4;
/** A font with every Vietnamese letter (Debian: fonts-dejavu-core); resvg falls back to the system's fonts. */
export const CHART_FONT = 'DejaVu Sans';

export type ChartImage = { name: string; title: string; png: Buffer; /** PNG size in px. */ width: number; height: number };

/** One chart as SVG text, rendered by ECharts on the server (no DOM). */
export function renderChartSvg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * SVG text → PNG at `scale`, with the system's fonts (Vietnamese diacritics need a font that has
 * them). Rasterised on libuv's thread pool, not on the event loop (a chart takes ~0.4 s).
 */
export async function svgToPng(svg: string, scale = CHART_SCALE): Promise<{ png: Buffer; width: number; height: number }> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
  });
  return { png: image.asPng(), width: image.width, height: image.height };
}

/**
 * The report's charts as PNG images for the meeting record (minutes, the download): the same
 * option builders as the reports page, rendered to SVG by ECharts and rasterised by resvg.
 * Charts with nothing to show are left out. `name` is a file-safe key (e.g. `schedule`), `title`
 * the chart's Vietnamese title. Each image is CHART_WIDTH × the chart's height, at CHART_SCALE.
 * Charts are drawn one after the other, the event loop free between them; the rasterising runs
 * off the event loop.
 */
export async function renderReportCharts(report: MeetingReport): Promise<ChartImage[]> {
  const images: ChartImage[] = [];
  for (const chart of reportCharts(report, { fontFamily: CHART_FONT, width: CHART_WIDTH })) {
    await new Promise((resolve) => setImmediate(resolve));
    const svg = renderChartSvg(chart.option as echarts.EChartsCoreOption, CHART_WIDTH, chart.height);
    images.push({ name: chart.name, title: chart.title, ...(await svgToPng(svg)) });
  }
  return images;
}
