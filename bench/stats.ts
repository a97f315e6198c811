import { PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of a list of milliseconds. */
export function summarize(values: number[]): LatencySummary {
  if (values.length === 0) return { count: 0, p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    p50: round(rank(0.5)),
    p90: round(rank(0.9)),
    p99: round(rank(0.99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(sum / sorted.length),
  };
}

/** The middle value; of an even count, the lower of the two middle ones (as summarize's p50). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? 0;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Counts garbage-collection pauses (count and total ms) while it is running. */
export class GcWatch {
  pauses = 0;
  totalMs = 0;
  maxMs = 0;
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      this.pauses += 1;
      this.totalMs += entry.duration;
      if (entry.duration > this.maxMs) this.maxMs = entry.duration;
    }
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  stop(): { pauses: number; totalMs: number; maxMs: number } {
    this.observer.disconnect();
    return { pauses: this.pauses, totalMs: round(this.totalMs), maxMs: round(this.maxMs) };
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function formatInt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A plain text table: first row is the header. */
export function table(rows: string[][], rightAligned: Set<number> = new Set()): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [index, cell] of row.entries()) widths[index] = Math.max(widths[index] ?? 0, cell.length);
  }
  const line = (row: string[]): string =>
    row.map((cell, index) => (rightAligned.has(index) ? cell.padStart(widths[index] ?? 0) : cell.padEnd(widths[index] ?? 0))).join('  ');
  const [header, ...body] = rows;
  if (!header) return '';
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...body.map(line)].join('\n');
}

/** Transfers/s acknowledged in each tenth of the wall clock (ack times in ms since start). */
export function tenths(acks: { atMs: number; transfers: number }[], wallMs: number): number[] {
  if (acks.length < 20 || wallMs <= 0) return [];
  const counts = new Array<number>(10).fill(0);
  for (const ack of acks) {
    const slot = Math.min(9, Math.floor((ack.atMs / wallMs) * 10));
    counts[slot] = (counts[slot] ?? 0) + ack.transfers;
  }
  return counts.map((count) => Math.round(count / (wallMs / 10 / 1000)));
}

let forceGc: (() => void) | undefined;

/**
 * Process memory in MiB after a full GC. The npm script runs node without --expose-gc, so
 * the flag is switched on at run time and `gc` taken from a fresh context.
 */
export function memoryAfterGc(): { rssMiB: number; heapUsedMiB: number; forcedGc: boolean } {
  if (!forceGc) {
    setFlagsFromString('--expose-gc');
    forceGc = runInNewContext('gc') as (() => void) | undefined;
  }
  forceGc?.();
  const usage = process.memoryUsage();
  return { rssMiB: round(usage.rss / 1024 / 1024, 1), heapUsedMiB: round(usage.heapUsed / 1024 / 1024, 1), forcedGc: forceGc !== undefined };
}
