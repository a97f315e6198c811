import { sql } from 'kysely';
import { systemActorId } from '../access/state.ts';
import { sha256Hex } from '../kernel/hash.ts';
import { balanceUnits } from '../ledger/state.ts';
import type { Store, TableRows } from '../store/types.ts';
import type { Finding } from './invariants.ts';
import { Projections } from './projections.ts';
import type { EngineState } from './state.ts';
import type { DomainEvent, LogRecordBody } from './types.ts';

/** Rows read per query when scanning a projection table. */
const scanPageRows = 5_000;
/** Accounts whose balance history is re-derived in full to name the first bad checkpoint. */
const suspectAccountsMax = 16;

export interface FindingSink {
  add(seq: number, problem: string): void;
}

/** Sees every evolved event of a replay, then the end of each record. */
export interface ReplayObserver {
  collect(event: DomainEvent, state: EngineState): void;
  endRecord(seq: number, timeMs: number, state: EngineState): void;
}

interface ExpectedTable {
  columns: string[];
  key: string[];
  /** JSON of each row's cells as strings (or null), in `columns` order, by key. */
  rows: Map<string, string>;
}

interface Checkpoint {
  seq: number;
  timeMs: string;
  balance: string;
}

/** An account's balance history as a count and a running hash: memory per account, not per row. */
interface History {
  count: number;
  digest: string;
}

/**
 * Follows a replay with the writer's own projection code, run once per record, and keeps
 * which record last wrote each row (so a wrong row can be blamed on it), every grant ever
 * written (the table keeps revoked ones), and each account's balance checkpoints folded
 * into a running hash. With `watch` it keeps the full checkpoint list of a few accounts
 * instead, to name the first one that differs.
 */
export class ProjectionTracker implements ReplayObserver {
  readonly lastWrites = new Map<string, number>();
  readonly grants = new Map<string, [string, string, string]>();
  readonly histories = new Map<string, History>();
  readonly watched = new Map<string, Checkpoint[]>();
  private projections: Projections;

  constructor(
    private readonly daoId: string,
    private readonly watch?: ReadonlySet<string>,
  ) {
    this.projections = new Projections(daoId);
  }

  collect(event: DomainEvent, state: EngineState): void {
    this.projections.collect(event, state);
  }

  endRecord(seq: number, timeMs: number, state: EngineState): void {
    this.projections.endRecord(seq, timeMs, state);
    for (const rows of this.projections.rows(state)) {
      if (rows.table === 'balance_checkpoints') this.absorbCheckpoints(rows.rows);
      else if (!this.watch) this.absorbWrites(rows, seq);
    }
    this.projections = new Projections(this.daoId);
  }

  private absorbCheckpoints(rows: unknown[][]): void {
    for (const [, accountId, seq, timeMs, balance] of rows) {
      const id = String(accountId);
      const checkpoint: Checkpoint = { seq: Number(seq), timeMs: String(timeMs), balance: String(balance) };
      if (!this.watch) {
        const history = this.histories.get(id) ?? { count: 0, digest: '' };
        this.histories.set(id, { count: history.count + 1, digest: foldCheckpoint(history.digest, checkpoint) });
      } else if (this.watch.has(id)) {
        const list = this.watched.get(id) ?? [];
        list.push(checkpoint);
        this.watched.set(id, list);
      }
    }
  }

  private absorbWrites(rows: TableRows, seq: number): void {
    const key = rows.key.filter((column) => column !== 'dao_id');
    for (const row of rows.rows) {
      const named = nameCells(rows.columns, row);
      this.lastWrites.set(`${rows.table}\u0000${keyOf(key, named)}`, seq);
      if (rows.table === 'grants') this.grants.set(keyOf(key, named), [named.actor_id ?? '', named.action ?? '', named.resource ?? '']);
    }
  }
}

/**
 * What the entity tables must hold: a row for every entity of the final state, encoded by
 * the writer's projection code. Rows come from the state, not from what was written along
 * the way, so a write the writer forgot still shows as a stale row.
 */
function expectedTables(daoId: string, state: EngineState, grants: ReadonlyMap<string, [string, string, string]>): Map<string, ExpectedTable> {
  const projections = new Projections(daoId);
  const { assets, accounts, transfers } = state.ledger;
  for (const asset of assets.values()) projections.collect({ type: 'asset_created', asset } as DomainEvent, state);
  for (const account of accounts.values()) projections.collect({ type: 'account_created', account } as DomainEvent, state);
  for (const transfer of transfers.values()) projections.collect({ type: 'transfer_created', transfer } as DomainEvent, state);
  for (const actor of state.access.actors.values()) if (actor.id !== systemActorId) projections.collect({ type: 'actor_created', actor } as DomainEvent, state);
  for (const token of state.access.tokens.values()) projections.collect({ type: 'token_created', token } as DomainEvent, state);
  for (const [actorId, action, resource] of grants.values()) projections.collect({ type: 'grant_added', actorId, action, resource } as DomainEvent, state);
  const tables = new Map<string, ExpectedTable>();
  for (const rows of projections.rows(state)) {
    const key = rows.key.filter((column) => column !== 'dao_id');
    const table: ExpectedTable = { columns: rows.columns, key, rows: new Map() };
    for (const row of rows.rows) table.rows.set(keyOf(key, nameCells(rows.columns, row)), JSON.stringify(row.map(cell)));
    tables.set(rows.table, table);
  }
  return tables;
}

function foldCheckpoint(digest: string, checkpoint: Checkpoint): string {
  return sha256Hex(`${digest}|${checkpoint.seq}|${checkpoint.timeMs}|${checkpoint.balance}`);
}

/** A cell as the comparison sees it: numbers, bigints and numeric strings all become text. */
function cell(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}

function nameCells(columns: string[], row: unknown[]): Record<string, string | null> {
  const named: Record<string, string | null> = {};
  for (const [index, column] of columns.entries()) named[column] = cell(row[index]);
  return named;
}

function keyOf(key: string[], named: Record<string, string | null>): string {
  return key.map((column) => named[column] ?? '').join(' / ');
}

/** The projection tables compared row by row, with their keys (dao_id left out). */
const entityTables: { table: string; key: string[] }[] = [
  { table: 'assets', key: ['id'] },
  { table: 'accounts', key: ['id'] },
  { table: 'transfers', key: ['id'] },
  { table: 'nft_tokens', key: ['asset_id', 'token_id'] },
  { table: 'actors', key: ['id'] },
  { table: 'api_tokens', key: ['id'] },
  { table: 'grants', key: ['actor_id', 'action', 'resource'] },
];

/** Where a wrong row is blamed: the last record that wrote it, else the head. */
interface Blame {
  tracker: ProjectionTracker;
  headSeq: number;
}

function blamed(blame: Blame, table: string, key: string): number {
  return blame.tracker.lastWrites.get(`${table}\u0000${key}`) ?? blame.headSeq;
}

/**
 * Compares every projection table with what the replay says it must hold. Returns the
 * accounts whose balance history differs: naming the first bad checkpoint of those takes a
 * second replay (see `pinpointCheckpoints`).
 */
export async function compareProjections(
  store: Store,
  tracker: ProjectionTracker,
  state: EngineState,
  headSeq: number,
  findings: FindingSink,
): Promise<string[]> {
  const projectedSeq = await projectionHead(store);
  if (projectedSeq > headSeq) {
    // Every row comparison would only repeat this: the tables are ahead of the log.
    findings.add(headSeq + 1, `the projections hold rows written at seq ${projectedSeq}, past the end of the log: records after seq ${headSeq} are gone`);
    return [];
  }
  const expectedByTable = expectedTables(store.daoId, state, tracker.grants);
  const blame: Blame = { tracker, headSeq };
  for (const { table, key } of entityTables) {
    const expected = expectedByTable.get(table) ?? { columns: [], key, rows: new Map<string, string>() };
    for await (const page of scanTable(store, table, key)) {
      for (const row of page) compareRow(table, expected, row, blame, findings);
    }
    for (const key of expected.rows.keys()) findings.add(blamed(blame, table, key), `${table} row ${key} is missing`);
  }
  return compareHistories(store, tracker, state, findings);
}

function compareRow(table: string, expected: ExpectedTable, row: Record<string, unknown>, blame: Blame, findings: FindingSink): void {
  const named: Record<string, string | null> = {};
  for (const [column, value] of Object.entries(row)) named[column] = cell(value);
  const key = keyOf(expected.key, named);
  const wanted = expected.rows.get(key);
  if (wanted === undefined) {
    // A stray row without a seq of its own is blamed past the head: no record wrote it.
    findings.add(recordedSeq(named) ?? blame.headSeq + 1, `${table} row ${key} is not in the state re-derived from the log`);
    return;
  }
  expected.rows.delete(key);
  const cells = JSON.parse(wanted) as (string | null)[];
  for (const [index, column] of expected.columns.entries()) {
    const found = named[column] ?? null;
    if (found !== cells[index]) {
      findings.add(blamed(blame, table, key), `${table} row ${key}: ${column} is ${found ?? 'null'}, the log says ${cells[index] ?? 'null'}`);
      return;
    }
  }
}

/** Columns that name the record that wrote a row, by table. */
const seqColumns: [string, string][] = [
  ['balance_checkpoints', 'seq'],
  ['transfers', 'seq'],
  ['transfers', 'resolved_seq'],
  ['accounts', 'created_seq'],
  ['assets', 'created_seq'],
  ['actors', 'created_seq'],
  ['api_tokens', 'created_seq'],
];

/** The latest seq any projection row claims to come from (0 when the tables are empty). */
async function projectionHead(store: Store): Promise<number> {
  let latest = 0;
  for (const [table, column] of seqColumns) {
    const query = sql<{ latest: unknown }>`select max(${sql.ref(column)}) as latest from ${sql.table(table)} where dao_id = ${store.daoId}`;
    const { rows } = await query.execute(store.db);
    latest = Math.max(latest, Number(rows[0]?.latest ?? 0));
  }
  return latest;
}

/** The latest record a stray row claims to come from. */
function recordedSeq(named: Record<string, string | null>): number | undefined {
  const seqs = ['seq', 'resolved_seq', 'created_seq'].map((column) => named[column]).filter((value) => value !== null && value !== undefined);
  return seqs.length > 0 ? Math.max(...seqs.map(Number)) : undefined;
}

/** All rows of one table for this DAO, in key order, a page at a time (keyset paging). */
async function* scanTable(store: Store, table: string, key: string[]): AsyncGenerator<Record<string, unknown>[]> {
  const keyList = sql.join(key.map((column) => sql.ref(column)));
  let after: unknown[] | undefined;
  for (;;) {
    const from = after ? sql`and (${keyList}) > (${sql.join(after)})` : sql``;
    const query = sql<
      Record<string, unknown>
    >`select * from ${sql.table(table)} where dao_id = ${store.daoId} ${from} order by ${keyList} limit ${scanPageRows}`;
    const { rows } = await query.execute(store.db);
    if (rows.length > 0) yield rows;
    if (rows.length < scanPageRows) return;
    const last = rows[rows.length - 1] as Record<string, unknown>;
    after = key.map((column) => last[column]);
  }
}

interface AccountScan {
  id: string;
  history: History;
  first: Checkpoint;
  last: Checkpoint;
}

/**
 * Streams the checkpoints in (account, seq) order and folds each account's as the tracker
 * did. Each account's latest checkpoint must also be its balance in the final state.
 */
async function compareHistories(store: Store, tracker: ProjectionTracker, state: EngineState, findings: FindingSink): Promise<string[]> {
  const expected = new Map(tracker.histories);
  const suspects = new Set<string>();
  let current: AccountScan | undefined;
  const finish = (scan: AccountScan | undefined): void => {
    if (!scan) return;
    const wanted = expected.get(scan.id);
    expected.delete(scan.id);
    if (!wanted) findings.add(scan.first.seq, `balance checkpoints of ${scan.id}, an account the log never touched`);
    else if (wanted.count !== scan.history.count || wanted.digest !== scan.history.digest) suspects.add(scan.id);
    checkLatestBalance(state, scan, findings);
  };
  for await (const page of scanTable(store, 'balance_checkpoints', ['account_id', 'seq'])) {
    for (const row of page) {
      const id = String(row.account_id);
      const checkpoint: Checkpoint = { seq: Number(row.seq), timeMs: String(row.time_ms), balance: String(row.balance) };
      if (current?.id !== id) {
        finish(current);
        current = { id, history: { count: 0, digest: '' }, first: checkpoint, last: checkpoint };
      }
      current.history = { count: current.history.count + 1, digest: foldCheckpoint(current.history.digest, checkpoint) };
      current.last = checkpoint;
    }
  }
  finish(current);
  for (const id of expected.keys()) suspects.add(id);
  return [...suspects].slice(0, suspectAccountsMax);
}

function checkLatestBalance(state: EngineState, scan: AccountScan, findings: FindingSink): void {
  const account = state.ledger.accounts.get(scan.id);
  if (!account) return; // reported above as an account the log never touched
  const balance = balanceUnits(account).toString();
  if (scan.last.balance !== balance || scan.last.seq !== account.updatedSeq) {
    const problem = `account ${scan.id}: the latest balance checkpoint says ${scan.last.balance} at seq ${scan.last.seq}, the log gives ${balance} at seq ${account.updatedSeq}`;
    findings.add(Math.max(scan.last.seq, account.updatedSeq), problem);
  }
}

/** After a second replay that watched `suspects`: names the first checkpoint of each that differs. */
export async function pinpointCheckpoints(store: Store, watched: ReadonlyMap<string, Checkpoint[]>, suspects: string[], findings: FindingSink): Promise<void> {
  for (const id of suspects) {
    const rows = await store.db
      .selectFrom('balance_checkpoints')
      .select(['seq', 'time_ms', 'balance'])
      .where('dao_id', '=', store.daoId)
      .where('account_id', '=', id)
      .orderBy('seq')
      .execute();
    const found = rows.map((row) => ({ seq: Number(row.seq), timeMs: String(row.time_ms), balance: String(row.balance) }));
    const difference = firstDifference(watched.get(id) ?? [], found);
    if (difference) findings.add(difference.seq, `balance checkpoint of account ${id} at seq ${difference.seq}: ${difference.problem}`);
  }
}

function firstDifference(expected: Checkpoint[], found: Checkpoint[]): Finding | undefined {
  for (let index = 0; index < Math.max(expected.length, found.length); index += 1) {
    const want = expected[index];
    const have = found[index];
    if (!have) return want && { seq: want.seq, problem: 'missing' };
    if (!want) return { seq: have.seq, problem: 'not written by any log record' };
    if (want.seq !== have.seq) return { seq: Math.min(want.seq, have.seq), problem: want.seq < have.seq ? 'missing' : 'not written by this log record' };
    if (want.balance !== have.balance) return { seq: want.seq, problem: `balance is ${have.balance}, the log says ${want.balance}` };
    if (want.timeMs !== have.timeMs) return { seq: want.seq, problem: `time is ${have.timeMs}, the log says ${want.timeMs}` };
  }
  return undefined;
}

/** The log table's own columns (seq, time, actor, command type) must match the bodies. */
export async function checkLogColumns(store: Store, records: LogRecordBody[], findings: FindingSink): Promise<void> {
  const first = records[0];
  const last = records[records.length - 1];
  if (!first || !last) return;
  const rows = await store.db
    .selectFrom('log')
    .select(['seq', 'time_ms', 'actor_id', 'command_type'])
    .where('dao_id', '=', store.daoId)
    .where('seq', '>=', first.seq)
    .where('seq', '<=', last.seq)
    .orderBy('seq')
    .execute();
  for (const [index, record] of records.entries()) {
    const row = rows[index];
    const found = row && [Number(row.seq), Number(row.time_ms), row.actor_id, row.command_type];
    const wanted = [record.seq, record.timeMs, record.actorId, record.command.type];
    if (!found || found.some((value, at) => value !== wanted[at])) {
      findings.add(
        record.seq,
        `the log row's columns (seq, time_ms, actor_id, command_type) are ${JSON.stringify(found)}, its body says ${JSON.stringify(wanted)}`,
      );
    }
  }
}
