/**
 * Standalone SVG charts for simulator output: a line chart (with optional shaded min-max
 * bands, such as Monte Carlo ranges) and a stacked area chart. No dependencies; the same
 * spec always gives the same string.
 */
import { type ChartSpec, checkSpec, dashAttribute, drawFrame, drawLegend, type Frame, makeFrame, num, seriesStyle, svgDocument } from './chart-frame.ts';

export type { ChartBand, ChartSeries, ChartSpec } from './chart-frame.ts';
export { chartPalette } from './chart-frame.ts';

const bandNote = 'shaded: min-max range';

/** Lines, one per series, over shaded bands where a series has one. */
export function renderLineChart(spec: ChartSpec): string {
  checkSpec(spec);
  const banded = spec.series.some((series) => series.band !== undefined);
  const note = banded ? bandNote : undefined;
  const frame = makeFrame(spec, lineChartValues(spec), note);
  const body = drawFrame(spec, frame);
  spec.series.forEach((series, index) => {
    if (!series.band) return;
    const { low, high } = series.band;
    const color = seriesStyle(index).color;
    for (const [start, end] of finiteRuns(spec.x.length, (i) => finite(low[i]) && finite(high[i]) && finite(spec.x[i]))) {
      const points: string[] = [];
      for (let i = start; i <= end; i += 1) points.push(point(frame, spec.x[i], high[i]));
      for (let i = end; i >= start; i -= 1) points.push(point(frame, spec.x[i], low[i]));
      body.push(`<polygon points="${points.join(' ')}" fill="${color}" fill-opacity="0.18" stroke="none"/>`);
    }
  });
  spec.series.forEach((series, index) => {
    body.push(...drawLine(spec, frame, series.values, index));
  });
  const entries = spec.series.map((series, index) => ({ name: series.name, style: seriesStyle(index), swatch: 'line' as const }));
  body.push(...drawLegend(frame, entries, note));
  return svgDocument(spec, frame, body);
}

/**
 * Areas stacked in series order, the first at the bottom; the legend lists them top first,
 * as they appear. A missing (non-finite) value counts as zero; bands are not drawn.
 */
export function renderStackedAreaChart(spec: ChartSpec): string {
  checkSpec(spec);
  const layers = stack(spec);
  const frame = makeFrame(
    spec,
    layers.flatMap((layer) => [...layer.base, ...layer.top]),
  );
  const body = drawFrame(spec, frame);
  const columns = finiteRuns(spec.x.length, (i) => finite(spec.x[i]));
  layers.forEach((layer, index) => {
    const { color } = seriesStyle(index);
    for (const [start, end] of columns) {
      const points: string[] = [];
      for (let i = start; i <= end; i += 1) points.push(point(frame, spec.x[i], layer.top[i]));
      for (let i = end; i >= start; i -= 1) points.push(point(frame, spec.x[i], layer.base[i]));
      body.push(`<polygon points="${points.join(' ')}" fill="${color}" fill-opacity="0.85" stroke="${color}" stroke-width="1"/>`);
    }
  });
  const entries = spec.series.map((series, index) => ({ name: series.name, style: seriesStyle(index), swatch: 'area' as const })).reverse();
  body.push(...drawLegend(frame, entries));
  return svgDocument(spec, frame, body);
}

function lineChartValues(spec: ChartSpec): number[] {
  return spec.series.flatMap((series) => (series.band ? [...series.values, ...series.band.low, ...series.band.high] : [...series.values]));
}

/** One path per series; gaps at non-finite values; a lone point between gaps is a dot. */
function drawLine(spec: ChartSpec, frame: Frame, values: readonly number[], index: number): string[] {
  const { color, dash } = seriesStyle(index);
  const segments: string[] = [];
  const dots: string[] = [];
  for (const [start, end] of finiteRuns(values.length, (i) => finite(values[i]) && finite(spec.x[i]))) {
    if (start === end) {
      const [x, y] = [frame.xOf(spec.x[start] ?? 0), frame.yOf(values[start] ?? 0)];
      dots.push(`<circle cx="${num(x)}" cy="${num(y)}" r="2.5" fill="${color}"/>`);
      continue;
    }
    const coordinates: string[] = [];
    for (let i = start; i <= end; i += 1) coordinates.push(point(frame, spec.x[i], values[i]).replace(',', ' '));
    segments.push(`M${coordinates.join('L')}`);
  }
  const path =
    segments.length === 0
      ? []
      : [`<path d="${segments.join('')}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round"${dashAttribute(dash)}/>`];
  return [...path, ...dots];
}

interface Layer {
  base: number[];
  top: number[];
}

function stack(spec: ChartSpec): Layer[] {
  let running = spec.x.map(() => 0);
  return spec.series.map((series) => {
    const base = running;
    const top = base.map((value, i) => value + (finite(series.values[i]) ? (series.values[i] ?? 0) : 0));
    running = top;
    return { base, top };
  });
}

/** Maximal runs [start, end] (inclusive) of indices where `keep` holds. */
function finiteRuns(length: number, keep: (index: number) => boolean): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= length; i += 1) {
    const kept = i < length && keep(i);
    if (kept && start < 0) start = i;
    if (!kept && start >= 0) {
      runs.push([start, i - 1]);
      start = -1;
    }
  }
  return runs;
}

function point(frame: Frame, x: number | undefined, y: number | undefined): string {
  return `${num(frame.xOf(x ?? 0))},${num(frame.yOf(y ?? 0))}`;
}

function finite(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}
