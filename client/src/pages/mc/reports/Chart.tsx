import type { ReportChart } from '@diemcau/shared';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the chart types the report draws: the reports chunk stays small.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** One chart of the report, drawn by ECharts on a canvas, resized with its box. */
export function Chart({ chart, label }: { chart: ReportChart; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, 'dark', { renderer: 'canvas' });
    instance.setOption(chart.option as echarts.EChartsCoreOption);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
    };
  }, [chart]);
  return <div ref={box} className="report-chart" style={{ height: chart.height }} role="img" aria-label={label} data-chart={chart.name} />;
}
