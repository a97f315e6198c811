import { parentPort, workerData } from 'node:worker_threads';
import { summarize, tenths } from './stats.ts';
import { makeBatches, type WorkloadSpec } from './workload.ts';

/**
 * The HTTP load generator, in a worker thread of its own so that building and parsing
 * request/response JSON does not run on the engine's event loop (a real client is another
 * process). Posts `ready` after its warm-up, waits for `go`, then runs the measured part.
 */
export interface HttpWorkerInput {
  url: string;
  token: string;
  workload: WorkloadSpec;
  warmup: WorkloadSpec;
  inflight: number;
}

export interface HttpWorkerOutput {
  requests: number;
  transfers: number;
  created: number;
  failures: Record<string, number>;
  httpErrors: Record<string, number>;
  firstError?: string;
  wallMs: number;
  latencyMs: ReturnType<typeof summarize>;
  bodyBytes: number;
  tenths: number[];
}

const input = workerData as HttpWorkerInput;
const port = parentPort;
if (!port) throw new Error('http-worker runs as a worker thread');

interface Body {
  count: number;
  body: string;
}

function prepare(spec: WorkloadSpec): Body[] {
  return makeBatches(spec).map((transfers) => ({ count: transfers.length, body: JSON.stringify({ transfers }) }));
}

async function run(bodies: Body[], inflight: number): Promise<HttpWorkerOutput> {
  const bodyBytes = bodies.reduce((sum, b) => sum + b.body.length, 0);
  const latencies: number[] = [];
  const acks: { atMs: number; transfers: number }[] = [];
  const failures: Record<string, number> = {};
  const httpErrors: Record<string, number> = {};
  let firstError: string | undefined;
  let created = 0;
  let transfers = 0;
  let next = 0;
  const started = performance.now();
  const lane = async (): Promise<void> => {
    while (next < bodies.length) {
      const request = bodies[next++] as Body;
      const sent = performance.now();
      const response = await fetch(`${input.url}/v1/transfers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${input.token}` },
        body: request.body,
      });
      const text = await response.text();
      const acked = performance.now();
      latencies.push(acked - sent);
      acks.push({ atMs: acked - started, transfers: request.count });
      transfers += request.count;
      if (!response.ok) {
        httpErrors[response.status] = (httpErrors[response.status] ?? 0) + 1;
        firstError ??= `${response.status} ${text.slice(0, 300)}`;
        continue;
      }
      const parsed = JSON.parse(text) as { results: { id: string; status: string }[] };
      for (const result of parsed.results) {
        if (result.status === 'created') created += 1;
        else failures[result.status] = (failures[result.status] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: inflight }, lane));
  const wallMs = performance.now() - started;
  const out: HttpWorkerOutput = {
    requests: latencies.length,
    transfers,
    created,
    failures,
    httpErrors,
    wallMs,
    latencyMs: summarize(latencies),
    bodyBytes,
    tenths: tenths(acks, wallMs),
  };
  if (firstError !== undefined) out.firstError = firstError;
  return out;
}

const warm = await run(prepare(input.warmup), input.inflight);
if (warm.firstError !== undefined) {
  port.postMessage({ type: 'result', result: warm });
} else {
  // The measured bodies are built before saying ready, so that is not timed either.
  const bodies = prepare(input.workload);
  const go = new Promise<void>((resolve) => port.once('message', () => resolve()));
  port.postMessage({ type: 'ready' });
  await go;
  port.postMessage({ type: 'result', result: await run(bodies, input.inflight) });
}
