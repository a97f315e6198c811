import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatAmount } from '../kernel/amount.ts';
import { yearSeconds } from '../kernel/rates.ts';
import type { SimParams } from './params.ts';
import { bttDocumentRelease } from './reference.ts';
import { renderLineChart, renderStackedAreaChart, renderTable, toCsv } from './render/index.ts';
import type { SimRun, SimSample } from './run.ts';

const categories = ['circulating', 'staked', 'escrow', 'treasury', 'pools', 'vesting'] as const;

export interface SimSummary {
  symbol: string;
  runs: number;
  seeds: number[];
  years: number;
  holders: number;
  commands: number;
  rejections: Record<string, number>;
  final: Record<string, { median: string; min: string; max: string }>;
  releaseByYear: {
    year: string;
    simulatedPercent: string;
    simulatedCumulativePercent: string;
    documentYear?: string;
    documentPercent?: number;
    documentCumulativePercent?: number;
  }[];
  assumptions: Record<string, unknown>;
}

/** Base units as whole tokens for charts and tables: presentation only, never fed back. */
function tokens(units: bigint, decimals: number): number {
  return Number(units / 10n ** BigInt(decimals));
}

/** A list the simulator guarantees is not empty (every run has its genesis sample). */
function firstOf<T>(items: readonly T[]): T {
  const item = items[0];
  if (item === undefined) throw new Error('the simulation produced no runs or samples');
  return item;
}

function lastOf<T>(items: readonly T[]): T {
  return items.at(-1) ?? firstOf(items);
}

function median(values: bigint[]): bigint {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0n;
}

/** Percent of `whole` with two decimals, exact: "12.34". */
function percentText(part: bigint, whole: bigint): string {
  if (whole === 0n) return '0.00';
  const hundredths = (part * 10_000n) / whole;
  const magnitude = hundredths < 0n ? -hundredths : hundredths;
  return `${hundredths < 0n ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}

/** The sample at or just before the end of each simulated year. */
function yearEnds(run: SimRun, years: number): SimSample[] {
  const start = run.samples[0]?.timeMs ?? 0;
  return Array.from({ length: years }, (_, index) => {
    const end = start + (index + 1) * yearSeconds * 1000;
    return run.samples.filter((sample) => sample.timeMs <= end).at(-1) ?? firstOf(run.samples);
  });
}

export function summarise(runs: readonly SimRun[], params: SimParams): SimSummary {
  const first = firstOf(runs);
  const finals = runs.map((run) => lastOf(run.samples));
  const final: SimSummary['final'] = {};
  for (const key of ['total', ...categories, 'burned', 'released'] as const) {
    const values = finals.map((sample) => sample[key]);
    const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    final[key] = {
      median: formatAmount(median(values), first.decimals),
      min: formatAmount(sorted[0] ?? 0n, first.decimals),
      max: formatAmount(sorted.at(-1) ?? 0n, first.decimals),
    };
  }
  const startYear = new Date(first.samples[0]?.timeMs ?? 0).getUTCFullYear();
  const medianEnds = Array.from({ length: params.years }, (_, year) =>
    median(runs.map((run) => (yearEnds(run, params.years)[year] ?? lastOf(run.samples)).released)),
  );
  const releaseByYear = medianEnds.map((cumulative, index) => {
    const previous = index === 0 ? 0n : (medianEnds[index - 1] ?? 0n);
    const reference = first.symbol === 'BTT' ? bttDocumentRelease[index] : undefined;
    const row: SimSummary['releaseByYear'][number] = {
      year: String(startYear + index),
      simulatedPercent: percentText(cumulative - previous, first.maxSupplyUnits),
      simulatedCumulativePercent: percentText(cumulative, first.maxSupplyUnits),
    };
    if (reference) Object.assign(row, { documentYear: reference.year, documentPercent: reference.percent, documentCumulativePercent: reference.cumulative });
    return row;
  });
  const rejections: Record<string, number> = {};
  for (const run of runs) for (const [code, count] of Object.entries(run.rejections)) rejections[code] = (rejections[code] ?? 0) + count;
  return {
    symbol: first.symbol,
    runs: runs.length,
    seeds: runs.map((run) => run.seed),
    years: params.years,
    holders: params.holders,
    commands: runs.reduce((sum, run) => sum + run.commands, 0),
    rejections,
    final,
    releaseByYear,
    assumptions: { ...params },
  };
}

/** Writes series.csv, series.json, summary.json, summary.txt and the five SVG charts. */
export function writeSimOutput(outDir: string, runs: readonly SimRun[], summary: SimSummary): string[] {
  mkdirSync(outDir, { recursive: true });
  const first = firstOf(runs);
  const fundIds = Object.keys(first.samples[0]?.funds ?? {});
  const header = ['seed', 'step', 'time', 'total', ...categories, 'burned', 'released', ...fundIds.map((id) => `fund_${id}`)];
  const rows = runs.flatMap((run) =>
    run.samples.map((sample) => [
      run.seed,
      sample.step,
      new Date(sample.timeMs).toISOString(),
      ...[sample.total, ...categories.map((key) => sample[key]), sample.burned, sample.released, ...fundIds.map((id) => sample.funds[id] ?? 0n)].map((units) =>
        formatAmount(units, run.decimals),
      ),
    ]),
  );
  const files: Record<string, string> = {
    'series.csv': toCsv(header, rows),
    'series.json': JSON.stringify({ header, rows }, null, 1),
    'summary.json': `${JSON.stringify(summary, null, 2)}\n`,
    'summary.txt': summaryText(summary),
    ...charts(runs, fundIds),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(outDir, name), text);
  return Object.keys(files);
}

/** The assumptions behind the release of the pools the document leaves to discretion, in words. */
function discretionaryNotes(assumptions: Record<string, unknown>): string[] {
  const percent = (ppm: unknown) => `${Number(ppm) / 10_000}%`;
  const spend = Object.entries((assumptions.fundSpendPerYearPpm ?? {}) as Record<string, number>)
    .map(([fund, ppm]) => `${fund} ${percent(ppm)}`)
    .join(', ');
  return [
    'Discretionary pools (the document gives no schedule for them), as assumed here:',
    `  funds spent into circulation per year, as a share of their opening balance: ${spend || 'none'}; other funds are not spent`,
    `  foundation milestone tranches attested at months ${JSON.stringify(assumptions.milestoneMonths)} (they go to the foundation fund, not to holders)`,
    `  milestone burns triggered at months ${JSON.stringify(assumptions.burnMonths)}; miners paid every ${String(assumptions.miningIntervalDays)} days`,
  ];
}

export function summaryText(summary: SimSummary): string {
  const finalTable = renderTable(
    ['at the end', 'median', 'min', 'max'],
    Object.entries(summary.final).map(([key, value]) => [key, value.median, value.min, value.max]),
  );
  const releaseTable = renderTable(
    ['year', 'released %', 'cumulative %', 'document year', 'document %', 'document cumulative %'],
    summary.releaseByYear.map((row) => [
      row.year,
      row.simulatedPercent,
      row.simulatedCumulativePercent,
      row.documentYear ?? '',
      row.documentPercent ?? '',
      row.documentCumulativePercent ?? '',
    ]),
  );
  const assumptions = Object.entries(summary.assumptions).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`);
  const rejections = Object.entries(summary.rejections).map(([code, count]) => `  ${code}: ${count}`);
  return [
    `${summary.symbol}: ${summary.years} years, ${summary.holders} holders, ${summary.runs} run(s), seeds ${summary.seeds.join(', ')}; ${summary.commands} commands`,
    '',
    finalTable,
    '',
    'Release by year (vested to holders, distributed by pools, spent by funds, staking rewards paid), beside the BTT document:',
    releaseTable,
    ...discretionaryNotes(summary.assumptions),
    '',
    'Assumptions (behaviour the documents do not give; ppm = parts per million):',
    ...assumptions,
    '',
    'Commands the engine refused (counted, not hidden):',
    ...(rejections.length > 0 ? rejections : ['  none']),
    '',
  ].join('\n');
}

function charts(runs: readonly SimRun[], fundIds: readonly string[]): Record<string, string> {
  const first = firstOf(runs);
  const decimals = first.decimals;
  const start = first.samples[0]?.timeMs ?? 0;
  const x = first.samples.map((sample) => (sample.timeMs - start) / (yearSeconds * 1000));
  const band = (pick: (sample: SimSample) => number) => {
    const perSample = first.samples.map((_, index) => runs.map((run) => pick(run.samples[index] ?? lastOf(run.samples))).sort((a, b) => a - b));
    return {
      values: perSample.map((values) => values[Math.floor((values.length - 1) / 2)] ?? 0),
      band: { low: perSample.map((values) => values[0] ?? 0), high: perSample.map((values) => values.at(-1) ?? 0) },
    };
  };
  const common = { xLabel: 'years after genesis', x };
  // Percent with two decimals: the ratio is exact in bigint, then scaled for the chart.
  const stakingRatio = (sample: SimSample) => {
    const holders = sample.circulating + sample.staked;
    return holders === 0n ? 0 : Number((sample.staked * 10_000n) / holders) / 100;
  };
  const inTokens = (pick: (sample: SimSample) => bigint) => (sample: SimSample) => tokens(pick(sample), decimals);
  return {
    'supply.svg': renderStackedAreaChart({
      ...common,
      title: `${first.symbol} supply by category (seed ${first.seed})`,
      yLabel: first.symbol,
      series: categories.map((key) => ({ name: key, values: first.samples.map((sample) => tokens(sample[key], decimals)) })),
    }),
    'release.svg': renderLineChart({
      ...common,
      title: 'Cumulative release to holders',
      yLabel: first.symbol,
      series: [{ name: 'released', ...band(inTokens((s) => s.released)) }],
    }),
    'burned.svg': renderLineChart({
      ...common,
      title: 'Cumulative burned',
      yLabel: first.symbol,
      series: [{ name: 'burned', ...band(inTokens((s) => s.burned)) }],
    }),
    'staking-ratio.svg': renderLineChart({
      ...common,
      title: 'Staked share of holders\u2019 tokens',
      yLabel: '%',
      series: [{ name: 'staked %', ...band(stakingRatio) }],
    }),
    'treasury.svg': renderLineChart({
      ...common,
      title: 'Treasury by fund',
      yLabel: first.symbol,
      series: fundIds.map((id) => ({ name: id, ...band(inTokens((s) => s.funds[id] ?? 0n)) })),
    }),
  };
}
