/** Counters the writer keeps; the API renders them in Prometheus text format. */
export interface EngineMetrics {
  commandsAccepted: number;
  commandsRejected: number;
  ledgerItems: number;
  commits: number;
  commitSecondsTotal: number;
  /** Commit latencies (enqueue to durable) in a fixed-bucket histogram, milliseconds. */
  latencyBucketsMs: readonly number[];
  latencyCounts: number[];
  latencyCount: number;
  latencySumMs: number;
}

export const latencyBucketsMs = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500] as const;

export function createMetrics(): EngineMetrics {
  return {
    commandsAccepted: 0,
    commandsRejected: 0,
    ledgerItems: 0,
    commits: 0,
    commitSecondsTotal: 0,
    latencyBucketsMs,
    latencyCounts: latencyBucketsMs.map(() => 0),
    latencyCount: 0,
    latencySumMs: 0,
  };
}

export function observeLatency(metrics: EngineMetrics, latencyMs: number): void {
  metrics.latencyCount += 1;
  metrics.latencySumMs += latencyMs;
  for (let index = 0; index < latencyBucketsMs.length; index += 1) {
    if (latencyMs <= (latencyBucketsMs[index] ?? 0)) metrics.latencyCounts[index] = (metrics.latencyCounts[index] ?? 0) + 1;
  }
}
