import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { signedText, verifyText } from '../access/signature.ts';
import { canonicalJson } from '../kernel/canonical-json.ts';
import { chainHash, genesisHash } from '../kernel/hash.ts';
import { encodeBody } from '../store/log-codec.ts';
import type { EncodedRecord, SnapshotRow, Store } from '../store/types.ts';
import { checkLedgerInvariants } from './invariants.ts';
import { parseLogLine, type ReadRecord, readLogLines } from './log-line.ts';
import { findCommand, validatePayload } from './registry.ts';
import { decodeSnapshot } from './snapshot.ts';
import { createEngineState, type EngineState, evolve } from './state.ts';
import type { CommandContext, LogRecordBody, Outcome } from './types.ts';
import { checkLogColumns, compareProjections, type FindingSink, ProjectionTracker, pinpointCheckpoints, type ReplayObserver } from './verify-projections.ts';

export interface VerifyReport {
  ok: boolean;
  /** Records that checked out, from genesis. */
  records: number;
  /** The last record that checked out (0 and the genesis hash when none did). */
  headSeq: number;
  headHash: string;
  firstBadSeq?: number;
  problem?: string;
}

/** Log records read per page: a record may be large (a batch of 8,190 transfers is ~2 MB). */
const replayPageRecords = 256;

/** The shape of a record body, checked before anything reads into it. */
const BodyCheck = TypeCompiler.Compile(
  Type.Object(
    {
      seq: Type.Integer({ minimum: 1 }),
      timeMs: Type.Integer({ minimum: 0 }),
      daoId: Type.String(),
      actorId: Type.String(),
      tokenId: Type.Optional(Type.String()),
      command: Type.Object({ type: Type.String(), payload: Type.Unknown(), signature: Type.Optional(Type.String()) }, { additionalProperties: false }),
      events: Type.Array(Type.Object({ type: Type.String() })),
    },
    { additionalProperties: false },
  ),
);

/** Keeps the finding with the lowest seq (the first bad record) and counts the rest. */
class Findings implements FindingSink {
  private first: { seq: number; problem: string } | undefined;
  private count = 0;

  add(seq: number, problem: string): void {
    this.count += 1;
    if (!this.first || seq < this.first.seq) this.first = { seq, problem };
  }

  report(replay: Replay): VerifyReport {
    const report: VerifyReport = { ok: this.count === 0, records: replay.records, headSeq: replay.seq, headHash: replay.hash };
    if (!this.first) return report;
    const more = this.count > 1 ? ` (and ${this.count - 1} more problem${this.count > 2 ? 's' : ''})` : '';
    return { ...report, firstBadSeq: this.first.seq, problem: `${this.first.problem}${more}` };
  }
}

/**
 * Replays a log record by record from genesis, trusting nothing in it: each record must
 * continue the hash chain, be canonical, come from a known actor (with a valid signature
 * when signed), and hold exactly the events its command gives when applied again to the
 * state re-derived so far. Only then are its events evolved.
 */
class Replay {
  readonly state: EngineState;
  seq = 0;
  hash = genesisHash;
  timeMs = 0;
  records = 0;

  constructor(
    readonly daoId: string,
    private readonly observer?: ReplayObserver,
  ) {
    this.state = createEngineState(daoId);
  }

  /** Checks one record and, if it holds up, evolves it. Returns what is wrong, if anything. */
  step(read: ReadRecord): string | undefined {
    const problem = this.checkChain(read) ?? this.checkPrincipal(read.body) ?? this.rederive(read.body) ?? this.evolveRecord(read.body);
    if (problem !== undefined) return problem;
    this.seq = read.body.seq;
    this.hash = read.hash;
    this.timeMs = read.body.timeMs;
    this.records += 1;
    return undefined;
  }

  private checkChain(read: ReadRecord): string | undefined {
    const { body } = read;
    if (body.seq !== this.seq + 1) return `expected seq ${this.seq + 1}, found ${String(body.seq)}: a record is missing or out of order`;
    if (!BodyCheck.Check(body)) return `the record is malformed: ${BodyCheck.Errors(body).First()?.path ?? '(body)'} is invalid`;
    if (read.prevHash !== this.hash) return `prevHash ${read.prevHash} does not continue the chain (previous hash ${this.hash})`;
    if (chainHash(read.prevHash, read.bodyJson) !== read.hash) return 'the hash does not match the record: it was changed after it was written';
    if (encodeBody(body) !== read.bodyJson) return 'the record is not in canonical form';
    if (body.daoId !== this.daoId) return `the record belongs to DAO ${body.daoId}, not ${this.daoId}`;
    if (body.timeMs < this.timeMs) return `time goes backwards: ${body.timeMs} after ${this.timeMs}`;
    return undefined;
  }

  /** Who submitted it must exist at that point; a signature must verify against their key then. */
  private checkPrincipal(body: LogRecordBody): string | undefined {
    const actor = this.state.access.actors.get(body.actorId);
    if (!actor) return `actor ${body.actorId} does not exist at this point of the log`;
    if (body.tokenId !== undefined && this.state.access.tokens.get(body.tokenId)?.actorId !== actor.id) {
      return `API token ${body.tokenId} is not a token of ${actor.id}`;
    }
    const { signature, type, payload } = body.command;
    if (signature === undefined) return undefined;
    if (!actor.publicKey) return `the command is signed, but ${actor.id} has no public key`;
    return verifyText(actor.publicKey, signedText(this.daoId, actor.id, type, payload), signature) ? undefined : 'the signature does not match the command';
  }

  private rederive(body: LogRecordBody): string | undefined {
    const { type, payload } = body.command;
    const ctx: CommandContext = { seq: body.seq, timeMs: body.timeMs, daoId: body.daoId, actorId: body.actorId };
    if (body.tokenId !== undefined) ctx.tokenId = body.tokenId;
    if (body.command.signature !== undefined) ctx.signed = true;
    let outcome: Outcome;
    try {
      validatePayload(type, payload);
      outcome = findCommand(type).apply(this.state, payload as never, ctx);
    } catch (error) {
      return `re-applying ${type} fails: ${describe(error)}`;
    }
    if (!outcome.ok) return `re-applying ${type} rejects it: ${outcome.code} (${outcome.message})`;
    if (outcome.events.length === 0) return `re-applying ${type} changes nothing, yet it was logged`;
    if (canonicalJson(outcome.events) !== canonicalJson(body.events)) return `its events differ from those re-applying ${type} gives`;
    return undefined;
  }

  private evolveRecord(body: LogRecordBody): string | undefined {
    try {
      for (const event of body.events) {
        evolve(this.state, event, body);
        this.observer?.collect(event, this.state);
      }
      this.observer?.endRecord(body.seq, body.timeMs, this.state);
      return undefined;
    } catch (error) {
      // The events equal those `apply` gave, so this is an engine bug; report it, stop there.
      return `evolving its events fails: ${describe(error)}`;
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `polity verify` on a database: replays the whole log from genesis (see Replay), checks the
 * latest snapshot against the state at its seq, the ledger invariants against the final
 * state, and every projection table against what the replay says it must hold. Names the
 * first bad seq.
 */
export async function verifyStore(store: Store): Promise<VerifyReport> {
  const findings = new Findings();
  const tracker = new ProjectionTracker(store.daoId);
  const replay = new Replay(store.daoId, tracker);
  const snapshot = await store.latestSnapshot();
  if (!(await replayStore(store, replay, snapshot, findings))) return findings.report(replay);
  if (snapshot && snapshot.seq > replay.seq) findings.add(snapshot.seq, `the latest snapshot is at seq ${snapshot.seq}, past the end of the log`);
  for (const finding of checkLedgerInvariants(replay.state, replay.seq)) findings.add(finding.seq, finding.problem);
  const suspects = await compareProjections(store, tracker, replay.state, replay.seq, findings);
  if (suspects.length > 0) {
    // Balance histories are compared as hashes; a second replay keeps the suspects' in full.
    const watch = new ProjectionTracker(store.daoId, new Set(suspects));
    await replayStore(store, new Replay(store.daoId, watch), undefined, new Findings());
    await pinpointCheckpoints(store, watch.watched, suspects, findings);
  }
  return findings.report(replay);
}

/** Replays the stored log; false when a record fails (the finding is added). */
async function replayStore(store: Store, replay: Replay, snapshot: SnapshotRow | undefined, findings: Findings): Promise<boolean> {
  for (;;) {
    const page = await readPage(store, replay.seq);
    if (typeof page === 'string') {
      findings.add(replay.seq + 1, page);
      return false;
    }
    const verified: LogRecordBody[] = [];
    let intact = true;
    for (const encoded of page.records) {
      const read = toReadRecord(encoded);
      const problem = replay.step(read);
      if (problem !== undefined) {
        findings.add(replay.seq + 1, problem);
        intact = false;
        break;
      }
      verified.push(read.body);
      if (snapshot?.seq === replay.seq) checkSnapshot(snapshot, replay, findings);
    }
    await checkLogColumns(store, verified, findings);
    if (!intact) return false;
    if (page.last) return true;
  }
}

/**
 * The next page of the log. A record whose body is not JSON fails the whole page, so the
 * records are then read one at a time up to it, and it is named.
 */
async function readPage(store: Store, afterSeq: number): Promise<{ records: EncodedRecord[]; last: boolean } | string> {
  try {
    const records = await store.readLog(afterSeq, replayPageRecords);
    return { records, last: records.length < replayPageRecords };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error; // storage failures are not findings
    try {
      const records = await store.readLog(afterSeq, 1);
      return { records, last: records.length === 0 };
    } catch (single) {
      if (!(single instanceof SyntaxError)) throw single;
      return `the record's body is not JSON: ${single.message}`;
    }
  }
}

function toReadRecord(encoded: EncodedRecord): ReadRecord {
  const { prevHash, hash, ...body } = encoded.record;
  return { body, bodyJson: encoded.bodyJson, prevHash, hash };
}

function checkSnapshot(snapshot: SnapshotRow, replay: Replay, findings: Findings): void {
  if (snapshot.hash !== replay.hash) {
    findings.add(snapshot.seq, `the snapshot at seq ${snapshot.seq} has hash ${snapshot.hash}, the log ${replay.hash}`);
    return;
  }
  let stored: string;
  try {
    stored = canonicalState(decodeSnapshot(snapshot.stateJson));
  } catch (error) {
    findings.add(snapshot.seq, `the snapshot at seq ${snapshot.seq} cannot be read: ${describe(error)}`);
    return;
  }
  if (stored !== canonicalState(replay.state)) findings.add(snapshot.seq, `the snapshot at seq ${snapshot.seq} differs from the state the log gives there`);
}

/** `polity verify --log`: the same replay over an exported JSON Lines file (it has no projections). */
export async function verifyLogFile(path: string): Promise<VerifyReport> {
  const findings = new Findings();
  let replay: Replay | undefined;
  for await (const line of readLogLines(path)) {
    const read = parseLogLine(line);
    replay ??= new Replay(typeof read === 'string' ? '' : String(read.body.daoId));
    const problem = typeof read === 'string' ? read : replay.step(read);
    if (problem !== undefined) {
      // An unreadable line has no seq of its own: it stands where the next record should.
      findings.add(replay.seq + 1, problem);
      return findings.report(replay);
    }
  }
  replay ??= new Replay('');
  for (const finding of checkLedgerInvariants(replay.state, replay.seq)) findings.add(finding.seq, finding.problem);
  return findings.report(replay);
}

/**
 * A state as canonical JSON, Maps and Sets in key order: equal states give equal text
 * however they were built (the writer's objects and a replay's may order keys differently).
 */
export function canonicalState(state: EngineState): string {
  const { ledgerWriter: _derived, ...data } = state;
  return canonicalJson(plain(data));
}

function plain(value: unknown): unknown {
  if (value instanceof Map) {
    const entries = [...value].map(([key, item]) => [String(key), plain(item)] as const);
    return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
  if (value instanceof Set) return [...value].map(String).sort();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  return value;
}
