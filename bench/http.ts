import { buildServer } from '../src/api/server.ts';
import type { Engine } from '../src/engine/engine.ts';
import type { HttpWorkerInput, HttpWorkerOutput } from './http-worker.ts';
import { type Breakdown, type CommitWatch, withCommitTotals } from './instrument.ts';
import { commitSummary, type ThroughputResult } from './library.ts';
import { GcWatch, round } from './stats.ts';
import { startTsWorker } from './ts-worker.ts';
import type { WorkloadSpec } from './workload.ts';

export interface HttpResult extends ThroughputResult {
  requests: number;
  httpErrors: Record<string, number>;
  firstError?: string;
  requestBytes: number;
}

/**
 * buildServer + listen on 127.0.0.1:0, then a worker thread POSTs /v1/transfers batches
 * (`inflight` requests at a time) with global fetch. Server and engine run on this thread.
 */
export async function runHttpThroughput(
  engine: Engine,
  adminToken: string,
  workload: WorkloadSpec,
  warmup: WorkloadSpec,
  inflight: number,
  watch: CommitWatch,
  breakdown: Breakdown | undefined,
): Promise<HttpResult> {
  const app = await buildServer({ engine, logger: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    await engine.flush();
    const input: HttpWorkerInput = { url, token: adminToken, workload, warmup, inflight };
    const worker = startTsWorker(new URL('./http-worker.ts', import.meta.url), input);
    let gc: GcWatch | undefined;
    const output = await new Promise<HttpWorkerOutput>((resolve, reject) => {
      worker.on('message', (message: { type: 'ready' } | { type: 'result'; result: HttpWorkerOutput }) => {
        if (message.type === 'ready') {
          watch.reset();
          breakdown?.reset();
          gc = new GcWatch();
          worker.postMessage('go');
        } else {
          resolve(message.result);
        }
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`http worker exited with ${code} before reporting`)));
    });
    await worker.terminate();
    const result: HttpResult = {
      transfers: output.transfers,
      created: output.created,
      failures: output.failures,
      seconds: round(output.wallMs / 1000, 3),
      transfersPerSecond: Math.round(output.created / (output.wallMs / 1000)),
      latencyMs: output.latencyMs,
      commits: commitSummary(watch, output.transfers, output.wallMs),
      gc: gc ? gc.stop() : { pauses: 0, totalMs: 0, maxMs: 0 },
      requests: output.requests,
      httpErrors: output.httpErrors,
      requestBytes: output.bodyBytes,
      tenths: output.tenths,
    };
    if (output.firstError !== undefined) result.firstError = output.firstError;
    if (breakdown) result.breakdown = withCommitTotals(breakdown.report(), watch);
    return result;
  } finally {
    await app.close();
  }
}
