import { Worker } from 'node:worker_threads';
import { assert } from '../kernel/assert.ts';
import { PolityError } from '../kernel/errors.ts';
import { verifyText } from './signature.ts';

/** One Ed25519 signature to check: the signer's public key, the signed text and the signature. */
export interface SignatureCheck {
  publicKey: string;
  text: string;
  signature: string;
}

/**
 * Checks signatures. An Ed25519 verify costs about 110-150 µs here, several times what the
 * writer spends applying a ballot, so a server checks them on other threads (`VerifyPool`);
 * tools, tests and the simulator check them in line.
 */
export interface SignatureVerifier {
  verify(check: SignatureCheck): boolean | Promise<boolean>;
  close(): Promise<void>;
}

export const inlineVerifier: SignatureVerifier = {
  verify: (check) => verifyText(check.publicKey, check.text, check.signature),
  close: async () => {},
};

interface VerifyRequest {
  id: number;
  checks: SignatureCheck[];
}

interface VerifyResponse {
  id: number;
  results: Uint8Array;
}

/** Checks sent to one thread in one message at most: bounds a message and spreads a burst. */
export const verifyBatchMax = 256;

/**
 * The thread's code, plain JavaScript: a TypeScript worker would have to register tsx's loader
 * hooks from inside the worker, and on Node 20 that sometimes deadlocked the main thread while
 * it was loading modules (seen here). It checks exactly as `verifyText` does (a raw 32-byte
 * key as base64url, Ed25519 over the UTF-8 text, any malformed input simply invalid); a test
 * holds the two to the same answers. Keys are kept parsed, as `verifyText` keeps them.
 */
const workerCode = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const keys = new Map();
const keysMax = 100000;
function check(publicKey, text, signature) {
  try {
    let key = keys.get(publicKey);
    if (!key) {
      key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
      if (keys.size >= keysMax) keys.delete(keys.keys().next().value);
      keys.set(publicKey, key);
    }
    return verify(null, Buffer.from(text), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
parentPort.on('message', (request) => {
  const results = new Uint8Array(request.checks.length);
  request.checks.forEach((item, index) => { results[index] = check(item.publicKey, item.text, item.signature) ? 1 : 0; });
  parentPort.postMessage({ id: request.id, results }, [results.buffer]);
});
`;

interface Lane {
  worker: Worker;
  outstanding: number;
}

interface Waiting {
  check: SignatureCheck;
  resolve: (valid: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Worker threads that check signatures. Checks asked for in one turn of the event loop go out
 * together, in batches of at most `verifyBatchMax`, each to the thread with the fewest
 * outstanding, so a relay of 200 ballots costs a few messages, not 200.
 */
export class VerifyPool implements SignatureVerifier {
  private readonly lanes: Lane[];
  private readonly sent = new Map<number, { lane: Lane; waiting: Waiting[] }>();
  private pending: Waiting[] = [];
  private nextId = 1;
  private flushScheduled = false;
  private closed = false;

  constructor(threads: number) {
    assert(Number.isSafeInteger(threads) && threads > 0, 'a verify pool has at least one thread');
    this.lanes = Array.from({ length: threads }, () => this.startLane());
  }

  verify(check: SignatureCheck): Promise<boolean> {
    if (this.closed) return Promise.reject(new PolityError('engine_closed', 'the signature checker is shut down'));
    return new Promise<boolean>((resolve, reject) => {
      this.pending.push({ check, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.lanes.map((lane) => lane.worker.terminate()));
    this.failAll(new PolityError('engine_closed', 'the signature checker was shut down before answering'));
  }

  private startLane(): Lane {
    const worker = new Worker(workerCode, { eval: true });
    const lane: Lane = { worker, outstanding: 0 };
    worker.on('message', (message: VerifyResponse) => this.answer(message));
    worker.on('error', (error) => this.failLane(lane, error));
    worker.on('exit', (code) => this.failLane(lane, new PolityError('internal_error', `a signature thread exited (${code}); retry`)));
    // An idle pool must not keep the process alive; a busy one must (see flush and answer).
    worker.unref();
    return lane;
  }

  /** A thread that died fails what it held and is replaced, unless the pool is closing. */
  private failLane(lane: Lane, error: unknown): void {
    for (const [id, batch] of this.sent) {
      if (batch.lane !== lane) continue;
      this.sent.delete(id);
      for (const item of batch.waiting) item.reject(error);
    }
    lane.outstanding = 0;
    const index = this.lanes.indexOf(lane);
    if (this.closed || index < 0) return;
    void lane.worker.terminate();
    this.lanes[index] = this.startLane();
  }

  private flush(): void {
    this.flushScheduled = false;
    while (this.pending.length > 0) {
      const waiting = this.pending.splice(0, verifyBatchMax);
      const lane = this.lanes.reduce((best, candidate) => (candidate.outstanding < best.outstanding ? candidate : best));
      const id = this.nextId++;
      this.sent.set(id, { lane, waiting });
      if (lane.outstanding === 0) lane.worker.ref();
      lane.outstanding += waiting.length;
      const request: VerifyRequest = { id, checks: waiting.map((item) => item.check) };
      lane.worker.postMessage(request);
    }
  }

  private answer(response: VerifyResponse): void {
    const batch = this.sent.get(response.id);
    if (!batch) return;
    this.sent.delete(response.id);
    batch.lane.outstanding -= batch.waiting.length;
    if (batch.lane.outstanding === 0) batch.lane.worker.unref();
    for (const [index, item] of batch.waiting.entries()) item.resolve(response.results[index] === 1);
  }

  private failAll(error: unknown): void {
    for (const { waiting } of this.sent.values()) for (const item of waiting) item.reject(error);
    this.sent.clear();
    for (const item of this.pending.splice(0)) item.reject(error);
  }
}
