/** The simulator's output side: charts, CSV, tables and a progress bar. Pure, no engine. */

export { type CsvCell, toCsv } from './csv.ts';
export { formatCompact } from './format-compact.ts';
export { niceScale, niceStep, ticksWithin } from './nice-ticks.ts';
export { createProgress, type Progress, type ProgressOptions, type ProgressStream } from './progress.ts';
export { type ChartBand, type ChartSeries, type ChartSpec, chartPalette, renderLineChart, renderStackedAreaChart } from './svg-chart.ts';
export { type ColumnAlign, renderTable, type TableCell, type TableOptions } from './table.ts';
