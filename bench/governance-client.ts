import { parentPort, workerData } from 'node:worker_threads';
import { HttpConnection } from './http-client.ts';

/**
 * The ballot sender, in a worker thread so that the client's HTTP work does not run on the
 * engine's event loop (a real voter is another process).
 */
export interface BallotClientInput {
  url: string;
  path: string;
  items: { bearer: string; body: string; count: number }[];
  concurrency: number;
}

const input = workerData as BallotClientInput;
const port = parentPort;
if (!port) throw new Error('governance-client runs as a worker thread');

let next = 0;
let accepted = 0;
let firstError: string | undefined;
// Connections are opened before the clock starts, as a browser or a relay keeps them open.
const connections = await Promise.all(Array.from({ length: input.concurrency }, () => HttpConnection.open(input.url)));
const started = performance.now();
const lane = async (connection: HttpConnection): Promise<void> => {
  while (next < input.items.length) {
    const item = input.items[next++];
    if (!item) break;
    const response = await connection.request('POST', input.path, { 'content-type': 'application/json', authorization: `Bearer ${item.bearer}` }, item.body);
    const text = response.body;
    if (response.status < 200 || response.status > 299) firstError ??= text.slice(0, 300);
    else if (input.path === '/v1/commands') accepted += item.count;
    else {
      const results = (JSON.parse(text) as { results: { status: string }[] }).results;
      accepted += results.filter((result) => result.status === 'counted').length;
      if (results.length !== item.count) firstError ??= 'a relay answered fewer results than ballots';
    }
  }
};
await Promise.all(connections.map(lane));
const seconds = (performance.now() - started) / 1000;
for (const connection of connections) connection.close();
port.postMessage({ accepted, seconds, firstError });
