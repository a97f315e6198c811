import { performance } from 'node:perf_hooks';
import { signedText } from '../access/signature.ts';
import { type Actor, scopeAllows } from '../access/state.ts';
import { inlineVerifier, type SignatureCheck, type SignatureVerifier, VerifyPool } from '../access/verify-pool.ts';
import { assert } from '../kernel/assert.ts';
import { type Clock, systemClock } from '../kernel/clock.ts';
import { PolityError } from '../kernel/errors.ts';
import { chainHash, genesisHash } from '../kernel/hash.ts';
import { encodeBody } from '../store/log-codec.ts';
import type { CommitUnit, EncodedRecord, Store } from '../store/types.ts';
import { createMetrics, type EngineMetrics, observeLatency } from './metrics.ts';
import { Projections } from './projections.ts';
import { findCommand, validatePayload } from './registry.ts';
import { loadState } from './replay.ts';
import { encodeSnapshot } from './snapshot.ts';
import { type EngineState, evolve } from './state.ts';
import type { CommandContext, CommandEnvelope, LogRecord, Principal } from './types.ts';

/** Ledger items (transfers, accounts) one group commit holds at most. */
export const commitItemsMax = 16_380;
export const queueItemsMax = 1_000_000;

export interface EngineOptions {
  store: Store;
  clock?: Clock;
  /** Take a snapshot after this many log records (and at close). */
  snapshotEveryRecords?: number;
  /** A snapshot at close makes the next start fast; a throwaway in-memory DAO skips it. */
  snapshotOnClose?: boolean;
  /** Called when the writer hits a bug or a storage failure; it then reloads from the log. */
  onFault?: (error: unknown) => void;
  /**
   * Threads that check command signatures off the writer's thread (a server sets this; 0 or
   * unset checks them in line, which is what tools and tests want).
   */
  verifyThreads?: number;
}

export type SubmitOutcome<R = unknown> = { ok: true; seq: number | undefined; result: R } | { ok: false; code: string; message: string };

interface Prepared {
  batch: Queued[];
  unit: CommitUnit;
  outcomes: SubmitOutcome[];
  /** apply threw: a bug; the batch is rejected and the state reloaded. */
  failed: boolean;
  commit: Promise<void> | undefined;
  startedAt: number;
}

interface Queued {
  principal: Principal;
  envelope: CommandEnvelope;
  /** Its signature was checked against the actor's key (no command changes a key once set). */
  signed: boolean;
  weight: number;
  enqueuedAt: number;
  resolve: (outcome: SubmitOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * The single writer of one DAO. `submit` validates and authenticates a command and queues
 * it; the writer loop takes what is queued, applies each command to the in-memory state,
 * writes all log records and projection rows in one transaction, and only then resolves
 * every promise of the batch.
 */
export class Engine {
  readonly metrics: EngineMetrics = createMetrics();
  private queue: Queued[] = [];
  private queuedItems = 0;
  private draining = false;
  private closed = false;
  private recordsSinceSnapshot = 0;
  private idle: Array<() => void> = [];
  private readonly verifier: SignatureVerifier;
  /** Signed commands whose signature is being checked: close waits for them. */
  private readonly verifying = new Set<Promise<unknown>>();

  private constructor(
    readonly store: Store,
    private current: EngineState,
    private lastSeq: number,
    private lastHash: string,
    private lastTimeMs: number,
    private readonly clock: Clock,
    private readonly options: EngineOptions,
  ) {
    this.verifier = options.verifyThreads ? new VerifyPool(options.verifyThreads) : inlineVerifier;
  }

  static async open(options: EngineOptions): Promise<Engine> {
    const loaded = await loadState(options.store);
    return new Engine(options.store, loaded.state, loaded.seq, loaded.hash, loaded.timeMs, options.clock ?? systemClock, options);
  }

  /** The committed state (plus the batch being written). Read it; never mutate it. */
  get state(): EngineState {
    return this.current;
  }

  get head(): { seq: number; hash: string } {
    return { seq: this.lastSeq, hash: this.lastHash };
  }

  get daoId(): string {
    return this.store.daoId;
  }

  /** The time of the last committed log record (0 for an empty log). */
  get headTimeMs(): number {
    return this.lastTimeMs;
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  /**
   * Resolves once the command is durable (or rejected); throws (or, while its signature is
   * checked on another thread, rejects with) PolityError for bad input.
   */
  submit<R = unknown>(principal: Principal, envelope: CommandEnvelope): Promise<SubmitOutcome<R>> {
    if (this.closed) return Promise.reject(new PolityError('engine_closed', 'the engine is shutting down'));
    const definition = findCommand(envelope.type);
    validatePayload(envelope.type, envelope.payload);
    const actor = this.authenticate(principal, envelope);
    const weight = definition.weight ? definition.weight(envelope.payload as never) : 1;
    this.checkRoom(weight);
    if (envelope.signature === undefined) return this.enqueue<R>({ principal, envelope, weight, signed: false });
    const verdict = this.verifier.verify(this.signatureCheck(actor, envelope, envelope.signature));
    const queued = { principal, envelope, weight, signed: true };
    if (typeof verdict === 'boolean') {
      if (!verdict) throw signatureMismatch();
      return this.enqueue<R>(queued);
    }
    const pending = verdict.then((valid) => {
      if (!valid) throw signatureMismatch();
      this.checkRoom(weight);
      return this.enqueue<R>(queued);
    });
    this.verifying.add(pending);
    const forget = () => this.verifying.delete(pending);
    pending.then(forget, forget);
    return pending;
  }

  private checkRoom(weight: number): void {
    if (this.queuedItems + weight > queueItemsMax) throw new PolityError('overloaded', 'the write queue is full; retry later');
  }

  private enqueue<R>(item: Omit<Queued, 'enqueuedAt' | 'resolve' | 'reject'>): Promise<SubmitOutcome<R>> {
    return new Promise<SubmitOutcome<R>>((resolve, reject) => {
      this.queue.push({ ...item, enqueuedAt: performance.now(), resolve: resolve as (o: SubmitOutcome) => void, reject });
      this.queuedItems += item.weight;
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /** The actor, once its API token (if any) is valid and covers the command. */
  private authenticate(principal: Principal, envelope: CommandEnvelope): Actor {
    const access = this.current.access;
    const actor = access.actors.get(principal.actorId);
    if (!actor) throw new PolityError('unauthenticated', `unknown actor ${principal.actorId}`);
    if (principal.tokenId !== undefined) {
      const token = access.tokens.get(principal.tokenId);
      if (!token || token.revoked || token.actorId !== actor.id) throw new PolityError('unauthenticated', 'the API token is not valid');
      if (!scopeAllows(token.scopes, envelope.type)) throw new PolityError('forbidden', `the token's scopes do not cover ${envelope.type}`);
    }
    return actor;
  }

  private signatureCheck(actor: Actor, envelope: CommandEnvelope, signature: string): SignatureCheck {
    if (!actor.publicKey) throw new PolityError('signature_invalid', `actor ${actor.id} has no public key to check a signature against`);
    return { publicKey: actor.publicKey, text: signedText(this.daoId, actor.id, envelope.type, envelope.payload), signature };
  }

  /**
   * The writer loop, pipelined: while one group commit is in flight, the next batch is
   * applied in memory; its commit starts only when the previous one is durable, and each
   * batch is acknowledged only after its own commit.
   */
  private async drain(): Promise<void> {
    let inFlight: Prepared | undefined;
    while (this.queue.length > 0 || inFlight) {
      // A store that commits synchronously has nothing to overlap: acknowledge first, so
      // the next batch also holds what clients send in answer to those acknowledgements.
      if (inFlight && !this.store.overlapsCommits) {
        if (!(await this.settle(inFlight))) await this.recover([inFlight]);
        inFlight = undefined;
        await yieldToEventLoop(); // lets network input and answering clients queue up
        continue;
      }
      const next = this.queue.length > 0 ? this.prepare(this.takeBatch()) : undefined;
      const committed = inFlight ? await this.settle(inFlight) : true;
      if (!committed || next?.failed) {
        // A bug or a storage failure: nothing after the last durable commit is acknowledged.
        // Start again from what is durable, so memory never runs ahead of the log.
        await this.recover([committed ? undefined : inFlight, next].filter((prepared) => prepared !== undefined));
        inFlight = undefined;
        continue;
      }
      inFlight = next ? this.startCommit(next) : undefined;
    }
    this.draining = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private prepare(batch: Queued[]): Prepared {
    try {
      return { batch, ...this.applyBatch(batch), failed: false, commit: undefined, startedAt: 0 };
    } catch (error) {
      this.options.onFault?.(error);
      return { batch, unit: { records: [], rows: [] }, outcomes: [], failed: true, commit: undefined, startedAt: 0 };
    }
  }

  private startCommit(prepared: Prepared): Prepared {
    prepared.startedAt = performance.now();
    prepared.commit = prepared.unit.records.length > 0 ? this.store.commit(prepared.unit) : Promise.resolve();
    return prepared;
  }

  /** Waits for a batch's commit; acknowledges it if durable, rejects it otherwise. */
  private async settle(prepared: Prepared): Promise<boolean> {
    try {
      await prepared.commit;
    } catch (error) {
      this.options.onFault?.(error);
      return false; // the caller rejects the batch once memory is back to what is durable
    }
    const done = performance.now();
    this.metrics.commits += 1;
    this.metrics.commitSecondsTotal += (done - prepared.startedAt) / 1000;
    for (const [index, item] of prepared.batch.entries()) {
      observeLatency(this.metrics, done - item.enqueuedAt);
      item.resolve(prepared.outcomes[index] as SubmitOutcome);
    }
    return true;
  }

  /**
   * Reloads from the log, then rejects the batches that were not committed: a client that
   * reads or retries after its error sees none of the failed batch.
   */
  private async recover(failed: Prepared[]): Promise<void> {
    try {
      await this.reload();
    } finally {
      for (const prepared of failed) this.rejectBatch(prepared.batch);
    }
  }

  private rejectBatch(batch: Queued[]): void {
    for (const item of batch) item.reject(new PolityError('internal_error', 'the command was not committed; retry it'));
  }

  private takeBatch(): Queued[] {
    let items = 0;
    let count = 0;
    while (count < this.queue.length) {
      const weight = this.queue[count]?.weight ?? 0;
      if (count > 0 && items + weight > commitItemsMax) break;
      items += weight;
      count += 1;
    }
    this.queuedItems -= items;
    return this.queue.splice(0, count);
  }

  private applyBatch(batch: Queued[]): { unit: CommitUnit; outcomes: SubmitOutcome[] } {
    const state = this.current;
    const projections = new Projections(this.daoId);
    const records: EncodedRecord[] = [];
    const outcomes: SubmitOutcome[] = [];
    for (const item of batch) {
      const seq = this.lastSeq + 1;
      const timeMs = Math.max(this.clock.nowMs(), this.lastTimeMs);
      const ctx: CommandContext = { ...item.principal, seq, timeMs, daoId: this.daoId };
      if (item.signed) ctx.signed = true;
      const outcome = findCommand(item.envelope.type).apply(state, item.envelope.payload as never, ctx);
      if (!outcome.ok) {
        this.metrics.commandsRejected += 1;
        outcomes.push({ ok: false, code: outcome.code, message: outcome.message });
        continue;
      }
      this.metrics.commandsAccepted += 1;
      this.metrics.ledgerItems += item.weight;
      if (outcome.events.length === 0) {
        outcomes.push({ ok: true, seq: undefined, result: outcome.result }); // nothing changed: nothing to log
        continue;
      }
      for (const event of outcome.events) {
        evolve(state, event, ctx);
        projections.collect(event, state);
      }
      projections.endRecord(seq, timeMs, state);
      records.push(this.seal(ctx, item.envelope, outcome.events));
      outcomes.push({ ok: true, seq, result: outcome.result });
    }
    const unit: CommitUnit = { records, rows: projections.rows(state) };
    this.recordsSinceSnapshot += records.length;
    if (this.recordsSinceSnapshot >= (this.options.snapshotEveryRecords ?? 100_000)) {
      unit.snapshot = { seq: this.lastSeq, hash: this.lastHash, stateJson: encodeSnapshot(state) };
      this.recordsSinceSnapshot = 0;
    }
    return { unit, outcomes };
  }

  /** Numbers, chains and encodes one record; advances the head. */
  private seal(ctx: CommandContext, envelope: CommandEnvelope, events: LogRecord['events']): EncodedRecord {
    const body = {
      seq: ctx.seq,
      timeMs: ctx.timeMs,
      daoId: ctx.daoId,
      actorId: ctx.actorId,
      command: envelope,
      events,
      ...(ctx.tokenId ? { tokenId: ctx.tokenId } : {}),
    };
    const bodyJson = encodeBody(body);
    const hash = chainHash(this.lastHash, bodyJson);
    const record: LogRecord = { ...body, prevHash: this.lastHash, hash };
    assert(ctx.seq === this.lastSeq + 1, 'sequence numbers are dense');
    this.lastSeq = ctx.seq;
    this.lastHash = hash;
    this.lastTimeMs = ctx.timeMs;
    return { record, bodyJson };
  }

  private async reload(): Promise<void> {
    const loaded = await loadState(this.store);
    this.current = loaded.state;
    this.lastSeq = loaded.seq;
    this.lastHash = loaded.hash;
    this.lastTimeMs = loaded.timeMs;
    this.recordsSinceSnapshot = 0;
  }

  /** Resolves when everything queued so far is committed. */
  flush(): Promise<void> {
    if (!this.draining && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Writes a snapshot of the current state, so the next start replays less. */
  async snapshot(): Promise<void> {
    await this.flush();
    if (this.lastSeq === 0) return;
    const latest = await this.store.latestSnapshot();
    if (latest?.seq === this.lastSeq) return;
    await this.store.commit({ records: [], rows: [], snapshot: { seq: this.lastSeq, hash: this.lastHash, stateJson: encodeSnapshot(this.current) } });
    this.recordsSinceSnapshot = 0;
  }

  /** Stops taking commands, commits what is queued (signatures being checked included), snapshots. The caller closes the store. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.verifying]);
    await this.verifier.close();
    await this.flush();
    if (this.options.snapshotOnClose !== false) await this.snapshot();
  }
}

function signatureMismatch(): PolityError {
  return new PolityError('signature_invalid', 'the signature does not match the command');
}

export { genesisHash };

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
