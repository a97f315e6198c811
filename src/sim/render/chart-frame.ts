/**
 * What every chart shares: validation, layout, scales, axes with nice ticks, the legend, and
 * the SVG text helpers. Output is a pure function of the input: no ids, no randomness, and
 * coordinates rounded to 0.01 px so the same spec always gives the same bytes.
 */
import { formatTicks } from './format-compact.ts';
import { chartPointsMax, chartSeriesMax, legendNameLengthMax } from './limits.ts';
import { type NiceScale, niceScale, ticksWithin } from './nice-ticks.ts';

export interface ChartBand {
  low: readonly number[];
  high: readonly number[];
}

export interface ChartSeries {
  name: string;
  /** One value per x; a non-finite value (NaN) leaves a gap in a line. */
  values: readonly number[];
  /** A shaded range around the line, such as the min and max over Monte Carlo runs. */
  band?: ChartBand;
}

export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  /** The x of each point (days, years ...), ascending. */
  x: readonly number[];
  series: readonly ChartSeries[];
  /** Formats x tick labels (a day number as a date, say); compact numbers by default. */
  xTicks?: (value: number) => string;
  /** Formats y tick labels; compact numbers (1.2M, 350k) by default. */
  yTicks?: (value: number) => string;
  width?: number;
  height?: number;
  /** Whether the value axis always reaches zero; true by default (supply, balances). */
  yIncludesZero?: boolean;
}

/** Okabe-Ito: eight colours told apart with the common colour-vision deficiencies. */
export const chartPalette = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;
/** Past eight series the colours repeat, so lines differ by their dash as well. */
const dashPatterns = ['', '6 3', '2 2', '8 3 2 3'] as const;

export interface SeriesStyle {
  color: string;
  dash: string;
}

export function seriesStyle(index: number): SeriesStyle {
  const color = chartPalette[index % chartPalette.length] ?? '#000000';
  const dash = dashPatterns[Math.floor(index / chartPalette.length) % dashPatterns.length] ?? '';
  return { color, dash };
}

export interface Frame {
  width: number;
  height: number;
  left: number;
  top: number;
  plotWidth: number;
  plotHeight: number;
  /** The x domain: the data's extent (widened by 1 either side when it is a single x). */
  xDomain: [number, number];
  xOf(value: number): number;
  yOf(value: number): number;
  yScale: NiceScale;
}

const charWidthPx = 7; // about one character of a 12 px sans-serif font

export function checkSpec(spec: ChartSpec): void {
  if (spec.series.length > chartSeriesMax) throw new RangeError(`a chart holds at most ${chartSeriesMax} series, not ${spec.series.length}`);
  if (spec.x.length > chartPointsMax) throw new RangeError(`a chart holds at most ${chartPointsMax} points per series, not ${spec.x.length}`);
  for (const series of spec.series) {
    const lengths = [series.values.length, series.band?.low.length, series.band?.high.length];
    if (lengths.some((length) => length !== undefined && length !== spec.x.length)) {
      throw new RangeError(`series "${series.name}" needs one value (and band value) per x: ${spec.x.length}`);
    }
  }
}

/**
 * Places the plot and builds the scales; `yValues` are all values the y axis must show and
 * `legendNote` the legend's last line, if any (the legend is as wide as its longest line).
 */
export function makeFrame(spec: ChartSpec, yValues: Iterable<number>, legendNote?: string): Frame {
  const width = spec.width ?? 800;
  const height = spec.height ?? 420;
  const noteChars = legendNote === undefined ? 0 : [...legendNote].length - 3; // the note starts left of the names
  const longest = Math.max(noteChars, ...spec.series.map((series) => [...legendName(series.name)].length));
  const legendWidth = spec.series.length === 0 ? 0 : 32 + longest * charWidthPx;
  const left = 76;
  const top = 44;
  const plotWidth = width - left - 20 - legendWidth;
  const plotHeight = height - top - 56;
  if (!(plotWidth >= 40 && plotHeight >= 40)) throw new RangeError(`a ${width}x${height} chart leaves no room to plot`);
  const [xMin, xMax] = extent(spec.x, 0, 1);
  const [yMin, yMax] = extent(yValues, 0, 1);
  const withZero = spec.yIncludesZero ?? true;
  const yScale = niceScale(withZero ? Math.min(0, yMin) : yMin, withZero ? Math.max(0, yMax) : yMax);
  const [x0, x1] = xMax > xMin ? [xMin, xMax] : [xMin - 1, xMax + 1];
  return {
    width,
    height,
    left,
    top,
    plotWidth,
    plotHeight,
    xDomain: [x0, x1],
    xOf: (value) => left + ((value - x0) / (x1 - x0)) * plotWidth,
    yOf: (value) => top + plotHeight - ((value - yScale.min) / (yScale.max - yScale.min)) * plotHeight,
    yScale,
  };
}

/** Background, title, grid, axes, tick labels and axis titles. */
export function drawFrame(spec: ChartSpec, frame: Frame): string[] {
  const { left, top, plotWidth, plotHeight } = frame;
  const bottom = top + plotHeight;
  const parts = [
    `<rect width="${frame.width}" height="${frame.height}" fill="#ffffff"/>`,
    `<text x="${num(left)}" y="24" font-size="16" font-weight="bold">${escapeXml(spec.title)}</text>`,
  ];
  const yTicks = frame.yScale.ticks;
  const yLabels = spec.yTicks ? yTicks.map(spec.yTicks) : formatTicks(yTicks);
  parts.push('<g stroke="#dddddd" stroke-width="1">');
  for (const tick of yTicks) parts.push(`<line x1="${num(left)}" y1="${num(frame.yOf(tick))}" x2="${num(left + plotWidth)}" y2="${num(frame.yOf(tick))}"/>`);
  parts.push('</g>', '<g text-anchor="end" fill="#333333">');
  yTicks.forEach((tick, index) => {
    parts.push(`<text x="${num(left - 8)}" y="${num(frame.yOf(tick) + 4)}">${escapeXml(yLabels[index] ?? '')}</text>`);
  });
  parts.push('</g>');
  const xTicks = spec.x.length === 0 ? [] : ticksWithin(frame.xDomain[0], frame.xDomain[1], Math.max(3, Math.floor(plotWidth / 80)));
  const xLabels = spec.xTicks ? xTicks.map(spec.xTicks) : formatTicks(xTicks);
  parts.push('<g text-anchor="middle" fill="#333333">');
  xTicks.forEach((tick, index) => {
    const x = num(frame.xOf(tick));
    parts.push(`<line x1="${x}" y1="${num(bottom)}" x2="${x}" y2="${num(bottom + 5)}" stroke="#333333"/>`);
    parts.push(`<text x="${x}" y="${num(bottom + 19)}">${escapeXml(xLabels[index] ?? '')}</text>`);
  });
  parts.push('</g>');
  parts.push(`<path d="M${num(left)} ${num(top)}V${num(bottom)}H${num(left + plotWidth)}" fill="none" stroke="#333333"/>`);
  parts.push(`<text x="${num(left + plotWidth / 2)}" y="${num(bottom + 42)}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  const middle = num(top + plotHeight / 2);
  parts.push(`<text x="16" y="${middle}" text-anchor="middle" transform="rotate(-90 16 ${middle})">${escapeXml(spec.yLabel)}</text>`);
  return parts;
}

export interface LegendEntry {
  name: string;
  style: SeriesStyle;
  swatch: 'line' | 'area';
}

/** The legend to the right of the plot; `note` is a last line in grey (what a band means). */
export function drawLegend(frame: Frame, entries: readonly LegendEntry[], note?: string): string[] {
  if (entries.length === 0) return [];
  const x = frame.left + frame.plotWidth + 20;
  const parts = ['<g>'];
  entries.forEach((entry, index) => {
    const y = frame.top + 8 + index * 20;
    const { color, dash } = entry.style;
    if (entry.swatch === 'area') parts.push(`<rect x="${num(x)}" y="${num(y - 6)}" width="16" height="12" fill="${color}" fill-opacity="0.85"/>`);
    else parts.push(`<line x1="${num(x)}" y1="${num(y)}" x2="${num(x + 16)}" y2="${num(y)}" stroke="${color}" stroke-width="2"${dashAttribute(dash)}/>`);
    parts.push(`<text x="${num(x + 22)}" y="${num(y + 4)}">${escapeXml(legendName(entry.name))}</text>`);
  });
  if (note !== undefined) parts.push(`<text x="${num(x)}" y="${num(frame.top + 12 + entries.length * 20)}" fill="#666666">${escapeXml(note)}</text>`);
  parts.push('</g>');
  return parts;
}

export function svgDocument(spec: ChartSpec, frame: Frame, body: readonly string[]): string {
  const title = escapeXml(spec.title);
  const open =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${frame.width}" height="${frame.height}" viewBox="0 0 ${frame.width} ${frame.height}" ` +
    `role="img" aria-label="${title}" font-family="system-ui, sans-serif" font-size="12">`;
  return `${[open, `<title>${title}</title>`, ...body, '</svg>'].join('\n')}\n`;
}

export function dashAttribute(dash: string): string {
  return dash === '' ? '' : ` stroke-dasharray="${dash}"`;
}

/** Text and attribute values: the five XML escapes, and characters XML 1.0 forbids dropped. */
export function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML cannot carry
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** A coordinate rounded to 0.01 px: short, and the same on every machine. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return rounded === 0 ? '0' : String(rounded);
}

function legendName(name: string): string {
  const chars = [...name];
  return chars.length <= legendNameLengthMax ? name : `${chars.slice(0, legendNameLengthMax - 1).join('')}…`;
}

/** [min, max] of the finite values, or the fallback when there are none. */
export function extent(values: Iterable<number>, fallbackMin: number, fallbackMax: number): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min <= max ? [min, max] : [fallbackMin, fallbackMax];
}
