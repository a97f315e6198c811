import type { Engine } from '../engine/engine.ts';

/** Prometheus text exposition format, version 0.0.4. */
export const prometheusContentType = 'text/plain; version=0.0.4; charset=utf-8';

type MetricType = 'counter' | 'gauge' | 'histogram';

function metric(name: string, type: MetricType, help: string, samples: string[]): string {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples].join('\n');
}

/** The writer's counters and latency histogram, the log head, and this process' memory. */
export function prometheusText(engine: Engine): string {
  const m = engine.metrics;
  const memory = process.memoryUsage();
  const latency = 'polity_command_latency_seconds';
  // The engine counts each bucket cumulatively (every bucket the latency fits), as Prometheus wants.
  const buckets = m.latencyBucketsMs.map((bucketMs, index) => `${latency}_bucket{le="${bucketMs / 1000}"} ${m.latencyCounts[index] ?? 0}`);
  const families = [
    metric('polity_commands_accepted_total', 'counter', 'Commands the writer applied.', [`polity_commands_accepted_total ${m.commandsAccepted}`]),
    metric('polity_commands_rejected_total', 'counter', 'Commands the writer rejected as a whole.', [`polity_commands_rejected_total ${m.commandsRejected}`]),
    metric('polity_ledger_items_total', 'counter', 'Ledger items (transfers, accounts) in accepted commands.', [`polity_ledger_items_total ${m.ledgerItems}`]),
    metric('polity_commits_total', 'counter', 'Group commits written.', [`polity_commits_total ${m.commits}`]),
    metric('polity_commit_seconds_total', 'counter', 'Time spent in group commits.', [`polity_commit_seconds_total ${m.commitSecondsTotal}`]),
    metric(latency, 'histogram', 'Time from submit to durable commit, per command.', [
      ...buckets,
      `${latency}_bucket{le="+Inf"} ${m.latencyCount}`,
      `${latency}_sum ${m.latencySumMs / 1000}`,
      `${latency}_count ${m.latencyCount}`,
    ]),
    metric('polity_log_head_seq', 'gauge', 'Sequence number of the last committed log record.', [`polity_log_head_seq ${engine.head.seq}`]),
    metric('process_resident_memory_bytes', 'gauge', 'Resident set size.', [`process_resident_memory_bytes ${memory.rss}`]),
    metric('nodejs_heap_size_total_bytes', 'gauge', 'V8 heap size.', [`nodejs_heap_size_total_bytes ${memory.heapTotal}`]),
    metric('nodejs_heap_size_used_bytes', 'gauge', 'V8 heap in use.', [`nodejs_heap_size_used_bytes ${memory.heapUsed}`]),
    metric('nodejs_external_memory_bytes', 'gauge', 'Memory of C++ objects bound to JavaScript.', [`nodejs_external_memory_bytes ${memory.external}`]),
  ];
  return `${families.join('\n')}\n`;
}
