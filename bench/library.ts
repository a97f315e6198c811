import type { Engine } from '../src/engine/engine.ts';
import type { Principal } from '../src/engine/types.ts';
import type { BatchResult } from '../src/ledger/index.ts';
import { type Breakdown, type CommitWatch, withCommitTotals } from './instrument.ts';
import type { WriteVolume } from './io.ts';
import { GcWatch, type LatencySummary, round, sleep, summarize, tenths } from './stats.ts';
import type { TransferItem } from './workload.ts';

export interface ThroughputResult {
  transfers: number;
  created: number;
  /** Items whose status was not `created`, by status (should be empty). */
  failures: Record<string, number>;
  seconds: number;
  transfersPerSecond: number;
  /** Per command (library) or per request (HTTP): submit to acknowledgement, ms. */
  latencyMs: LatencySummary;
  /** Group commits: how many, how big, how long the store's commit took. */
  commits: CommitSummary;
  gc: { pauses: number; totalMs: number; maxMs: number };
  /** Transfers/s over each tenth of the run (acknowledgement times): shows slow-down as tables grow. */
  tenths: number[];
  /** What the database wrote during the measured part. */
  written?: WriteVolume;
  breakdown?: Record<string, { ms: number; calls: number }>;
}

export interface CommitSummary {
  count: number;
  transfersPerCommit: number;
  recordsPerCommit: number;
  commitMs: LatencySummary;
  /** Share of the wall clock spent inside store.commit. */
  commitShare: number;
  rows: Record<string, number>;
}

export function commitSummary(watch: CommitWatch, transfers: number, wallMs: number): CommitSummary {
  const count = watch.commitMs.length;
  const total = watch.commitMs.reduce((sum, ms) => sum + ms, 0);
  return {
    count,
    transfersPerCommit: count > 0 ? Math.round(transfers / count) : 0,
    recordsPerCommit: count > 0 ? round(watch.records / count, 1) : 0,
    commitMs: summarize(watch.commitMs),
    commitShare: round(total / wallMs, 3),
    rows: Object.fromEntries(watch.rows),
  };
}

/**
 * Keeps `inflight` create_transfers commands submitted at all times (so the writer can
 * group them into one commit) until every batch is acknowledged. Wall clock runs from the
 * first submit to the last acknowledgement.
 */
export async function runLibraryThroughput(
  engine: Engine,
  principal: Principal,
  batches: TransferItem[][],
  inflight: number,
  watch: CommitWatch,
  breakdown: Breakdown | undefined,
): Promise<ThroughputResult> {
  await engine.flush();
  watch.reset();
  breakdown?.reset();
  const gc = new GcWatch();
  const latencies: number[] = [];
  const acks: { atMs: number; transfers: number }[] = [];
  const failures: Record<string, number> = {};
  let created = 0;
  let transfers = 0;
  let next = 0;
  const started = performance.now();
  const lane = async (): Promise<void> => {
    while (next < batches.length) {
      const transfersOfBatch = batches[next++] as TransferItem[];
      const sent = performance.now();
      const outcome = await engine.submit<BatchResult>(principal, { type: 'ledger.create_transfers', payload: { transfers: transfersOfBatch } });
      const acked = performance.now();
      latencies.push(acked - sent);
      acks.push({ atMs: acked - started, transfers: transfersOfBatch.length });
      transfers += transfersOfBatch.length;
      if (!outcome.ok) {
        failures[outcome.code] = (failures[outcome.code] ?? 0) + transfersOfBatch.length;
        continue;
      }
      for (const result of outcome.result.results) {
        if (result.status === 'created') created += 1;
        else failures[result.status] = (failures[result.status] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: inflight }, lane));
  const wallMs = performance.now() - started;
  const result: ThroughputResult = {
    transfers,
    created,
    failures,
    seconds: round(wallMs / 1000, 3),
    transfersPerSecond: Math.round(created / (wallMs / 1000)),
    latencyMs: summarize(latencies),
    commits: commitSummary(watch, transfers, wallMs),
    gc: gc.stop(),
    tenths: tenths(acks, wallMs),
  };
  if (breakdown) result.breakdown = withCommitTotals(breakdown.report(), watch);
  return result;
}

export interface FixedLoadResult {
  offeredPerSecond: number;
  achievedPerSecond: number;
  seconds: number;
  commands: number;
  transfers: number;
  created: number;
  /** Submit to resolve, per command. */
  latencyMs: LatencySummary;
  /** From the command's scheduled send time to resolve: counts timer lateness too (no coordinated omission). */
  scheduledLatencyMs: LatencySummary;
  /** How late the load generator's timer fired, ms. */
  sendLagMs: LatencySummary;
  commits: CommitSummary;
  gc: { pauses: number; totalMs: number; maxMs: number };
}

/**
 * Offers a fixed load: one command of `batch` transfers every batch/rate seconds, on a
 * schedule, whatever the writer does; latency is per command. The first `warmupSeconds`
 * are not counted.
 */
export async function runFixedLoad(
  engine: Engine,
  principal: Principal,
  batches: TransferItem[][],
  rate: number,
  warmupSeconds: number,
  watch: CommitWatch,
): Promise<FixedLoadResult> {
  await engine.flush();
  const intervalMs = ((batches[0]?.length ?? 1) / rate) * 1000;
  const warmupCommands = Math.round((warmupSeconds * 1000) / intervalMs);
  const latencies: number[] = [];
  const scheduled: number[] = [];
  const lags: number[] = [];
  let created = 0;
  let transfers = 0;
  let gc: GcWatch | undefined;
  let measuredStart = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now() + 5;
  for (let index = 0; index < batches.length; index += 1) {
    const due = start + index * intervalMs;
    const wait = due - performance.now();
    if (wait > 0.5) await sleep(wait);
    if (index === warmupCommands) {
      watch.reset();
      gc = new GcWatch();
      measuredStart = due;
    }
    const measured = index >= warmupCommands;
    const sent = performance.now();
    if (measured) lags.push(Math.max(0, sent - due));
    const items = batches[index] as TransferItem[];
    pending.push(
      engine.submit<BatchResult>(principal, { type: 'ledger.create_transfers', payload: { transfers: items } }).then((outcome) => {
        const done = performance.now();
        if (!measured) return;
        latencies.push(done - sent);
        scheduled.push(done - due);
        transfers += items.length;
        if (outcome.ok) created += outcome.result.results.filter((r) => r.status === 'created').length;
      }),
    );
  }
  await Promise.all(pending);
  const wallMs = performance.now() - measuredStart;
  return {
    offeredPerSecond: rate,
    achievedPerSecond: Math.round(created / (wallMs / 1000)),
    seconds: round(wallMs / 1000, 3),
    commands: latencies.length,
    transfers,
    created,
    latencyMs: summarize(latencies),
    scheduledLatencyMs: summarize(scheduled),
    sendLagMs: summarize(lags),
    commits: commitSummary(watch, transfers, wallMs),
    gc: gc ? gc.stop() : { pauses: 0, totalMs: 0, maxMs: 0 },
  };
}
