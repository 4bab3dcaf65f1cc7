import { renderChartSvg, svgToPng, CHART_WIDTH } from '/work/wt-9b/server/src/reports/charts.ts';
import { report } from '/work/wt-9b/tests/unit/report-fixtures.ts';
import { reportCharts } from '@diemcau/shared';
const charts = reportCharts(report());
for (let k = 0; k < 2; k++) for (const c of charts) {
  let t = performance.now(); const svg = renderChartSvg(c.option as any, CHART_WIDTH, c.height); const a = performance.now() - t;
  t = performance.now(); svgToPng(svg); const b = performance.now() - t;
  t = performance.now(); svgToPng(svg, 1); const d = performance.now() - t;
  console.log(c.name, svg.length, a.toFixed(0), b.toFixed(0), d.toFixed(0));
}
