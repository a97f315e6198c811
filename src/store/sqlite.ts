import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { assert } from '../kernel/assert.ts';
import { decodeRecord, logRow } from './log-codec.ts';
import { migrateToLatest } from './migrations.ts';
import type { Database } from './schema.ts';
import { chunks, logColumns, updateSql, valuesInsertSql } from './sql-batch.ts';
import type { CommitUnit, EncodedRecord, SnapshotRow, Store, TableRows } from './types.ts';

/** SQLite allows 32,766 parameters per statement; stay well under it. */
const parametersPerStatementMax = 16_000;

export interface SqliteStoreOptions {
  file: string;
  daoId: string;
  /** FULL (default) syncs the WAL at every commit; NORMAL survives process crashes only. */
  synchronous?: 'full' | 'normal';
}

/**
 * The embedded store. Commits run synchronously inside one better-sqlite3 transaction with
 * cached multi-row statements: the writer's hot path bypasses the query builder, which
 * serves the reads.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = new BetterSqlite3(options.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous ?? 'full'}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -262144'); // 256 MiB of page cache: accounts and transfers are hot B-trees
  sqlite.pragma('temp_store = memory');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  return new SqliteStore(sqlite, db, options);
}

class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  readonly daoId: string;
  readonly overlapsCommits = false;
  readonly location: string;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly commitTransaction: (unit: CommitUnit) => void;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    readonly db: Kysely<Database>,
    options: SqliteStoreOptions,
  ) {
    this.daoId = options.daoId;
    this.location = options.file;
    this.commitTransaction = sqlite.transaction((unit: CommitUnit) => this.write(unit));
  }

  async commit(unit: CommitUnit): Promise<void> {
    this.commitTransaction(unit);
  }

  private write(unit: CommitUnit): void {
    const log = unit.records.map(({ record, bodyJson }) => logRow(this.daoId, record, bodyJson));
    this.insert({ table: 'log', key: ['dao_id', 'seq'], columns: logColumns, rows: log }, false);
    for (const rows of unit.rows) this.insert(rows, true);
    if (unit.snapshot) {
      const { seq, hash, stateJson } = unit.snapshot;
      this.statement('snapshot', () => 'INSERT INTO snapshots (dao_id, seq, hash, state_json) VALUES (?, ?, ?, ?)').run(this.daoId, seq, hash, stateJson);
    }
  }

  private insert(rows: TableRows, upsert: boolean): void {
    if (rows.mode === 'update') return this.update(rows);
    for (const chunk of chunks(rows.rows, rows.columns.length, parametersPerStatementMax)) {
      const key = `${rows.table}:${rows.columns.length}:${chunk.length}:${upsert}`;
      const statement = this.statement(key, () => valuesInsertSql(rows, chunk.length, upsert));
      statement.run(chunk.flat());
    }
  }

  /** Single-row UPDATEs: SQLite runs a prepared one in microseconds, no conflict handling. */
  private update(rows: TableRows): void {
    const statement = this.statement(`${rows.table}:update`, () => updateSql(rows));
    for (const row of rows.rows) {
      const result = statement.run(row);
      assert(result.changes === 1, `${rows.table} row to update exists`);
    }
  }

  private statement(key: string, text: () => string): BetterSqlite3.Statement {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.sqlite.prepare(text());
      this.statements.set(key, statement);
    }
    return statement;
  }

  async readLog(afterSeq: number, limit: number): Promise<EncodedRecord[]> {
    const rows = this.statement('readLog', () => 'SELECT body_json, prev_hash, hash FROM log WHERE dao_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(
      this.daoId,
      afterSeq,
      limit,
    ) as {
      body_json: string;
      prev_hash: string;
      hash: string;
    }[];
    return rows.map((row) => ({ record: decodeRecord(row.body_json, row.prev_hash, row.hash), bodyJson: row.body_json }));
  }

  async latestSnapshot(): Promise<SnapshotRow | undefined> {
    const row = this.statement('latestSnapshot', () => 'SELECT seq, hash, state_json FROM snapshots WHERE dao_id = ? ORDER BY seq DESC LIMIT 1').get(
      this.daoId,
    ) as { seq: number; hash: string; state_json: string } | undefined;
    return row ? { seq: Number(row.seq), hash: row.hash, stateJson: row.state_json } : undefined;
  }

  async close(): Promise<void> {
    await this.db.destroy(); // closes the better-sqlite3 handle too
  }
}
