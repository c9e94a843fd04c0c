import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, AriaComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import type { Lang } from '../../app/i18n';

// Only the chart types the portfolio draws, so this chunk stays small; it is
// imported by the portfolio screen alone and never by the first screen.
echarts.use([BarChart, HeatmapChart, LineChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, DatasetComponent, AriaComponent, CanvasRenderer]);

export interface ChartClick {
  name?: string;
  seriesName?: string;
  dataIndex: number;
  value?: unknown;
  data?: unknown;
}

/**
 * One ECharts chart. The chart follows the app's language (ECharts' own
 * labels, e.g. the tooltip's), resizes with its box and reports clicks for
 * the drill-down. `label` names it for screen readers.
 */
export function EChart({ option, lang, height = 260, label, onClick }: { option: EChartsCoreOption; lang: Lang; height?: number; label: string; onClick?: (p: ChartClick) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, null, { locale: lang === 'en' ? 'EN' : 'ZH', renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p as unknown as ChartClick));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [lang]);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, animation: false, ...option }, true);
  }, [option, lang]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
