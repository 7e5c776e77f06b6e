/**
 * A uPlot chart (ADR 0021): time or category x, one or two y scales, resized with its box.
 * The data arrays are handed over as they are; changing them redraws without a new chart.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  color: string;
  scale?: string;
  /** Bars instead of a line. */
  bars?: boolean;
  format?: (v: number) => string;
}

export interface ChartProps {
  /** x values (Unix seconds when `time`, else 0..n-1) followed by one array per series. */
  data: [number[], ...(number | null)[][]];
  series: Series[];
  time?: boolean;
  /** Labels for category x values (when not `time`). */
  categories?: string[];
  height?: number;
  /** Axis labels by scale name. */
  axes?: Record<string, string>;
  timeZone?: string;
  title?: string;
  testId?: string;
}

export function Chart({ data, series, time = true, categories, height = 280, axes = {}, timeZone, title, testId }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = JSON.stringify([series, time, categories, height, axes, timeZone]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const scales = [...new Set(series.map((s) => s.scale ?? 'y'))];
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height,
      ...(title ? { title } : {}),
      ...(timeZone && time ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), timeZone) } : {}),
      scales: { x: { time }, ...Object.fromEntries(scales.map((s) => [s, { auto: true }])) },
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          fill: s.bars ? `${s.color}88` : `${s.color}22`,
          scale: s.scale ?? 'y',
          width: 2,
          ...(s.bars ? { paths: uPlot.paths.bars?.({ size: [0.6, 60] }), points: { show: false } } : {}),
          ...(s.format ? { value: (_u: uPlot, v: number | null) => (v === null ? '–' : (s.format as (v: number) => string)(v)) } : {}),
        })),
      ],
      axes: [
        time ? {} : { values: (_u: uPlot, ticks: number[]) => ticks.map((t) => (Number.isInteger(t) ? categories?.[t] ?? '' : '')) },
        ...scales.map((sc, i) => ({ scale: sc, side: i === 0 ? 3 : 1, label: axes[sc] ?? '', grid: { show: i === 0 } })),
      ],
    };
    plot.current = new uPlot(opts, data as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Rebuilt only when the chart's shape changes; data changes go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  return <div className="chart" ref={box} data-testid={testId} data-points={data[0].length} role="img" aria-label={title ?? series.map((s) => s.label).join(', ')} />;
}
