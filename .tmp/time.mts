import { renderReportCharts } from '/work/wt-9b/server/src/reports/charts.ts';
import { report } from '/work/wt-9b/tests/unit/report-fixtures.ts';
import { Resvg } from '/work/wt-9b/node_modules/@resvg/resvg-js/index.js';
let t = performance.now();
const r = report();
for (let i = 0; i < 3; i++) { t = performance.now(); await renderReportCharts(r); console.log('render', performance.now() - t); }
t = performance.now(); new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>', { font: { loadSystemFonts: true } }).render(); console.log('resvg sys', performance.now() - t);
