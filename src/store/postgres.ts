import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { assert } from '../kernel/assert.ts';
import { decodeRecord, logRow } from './log-codec.ts';
import { migrateToLatest } from './migrations.ts';
import type { Database } from './schema.ts';
import { logColumns, unnestInsertSql, unnestUpdateSql } from './sql-batch.ts';
import type { CommitUnit, EncodedRecord, SnapshotRow, Store, TableRows } from './types.ts';

export interface PostgresStoreOptions {
  url: string;
  daoId: string;
  /** A schema to keep the tables in (tests give each run its own); default: the search path. */
  schema?: string;
}

/**
 * The production store. The writer holds one connection of its own for group commits, so
 * a commit never waits behind reads; reads use the pool through Kysely.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const config: pg.PoolConfig = { connectionString: options.url, max: 8 };
  if (options.schema) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
    const setup = new pg.Client({ connectionString: options.url });
    await setup.connect();
    await setup.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
    await setup.end();
    config.options = `-c search_path=${options.schema}`;
  }
  const pool = new pg.Pool(config);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const current = await pool.query<{ schema: string }>('SELECT current_schema() AS schema');
  await migrateToLatest(db as Kysely<unknown>, 'postgres', current.rows[0]?.schema ?? 'public');
  const writer = await pool.connect();
  return new PostgresStore(pool, writer, db, options);
}

class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  readonly daoId: string;
  readonly overlapsCommits = true;
  readonly location: string;

  constructor(
    private readonly pool: pg.Pool,
    private readonly writer: pg.PoolClient,
    readonly db: Kysely<Database>,
    options: PostgresStoreOptions,
  ) {
    this.daoId = options.daoId;
    this.location = redact(options.url) + (options.schema ? ` (schema ${options.schema})` : '');
  }

  async commit(unit: CommitUnit): Promise<void> {
    const client = this.writer;
    await client.query('BEGIN');
    try {
      const log = unit.records.map(({ record, bodyJson }) => logRow(this.daoId, record, bodyJson));
      await this.insert({ table: 'log', key: ['dao_id', 'seq'], columns: logColumns, rows: log }, false);
      for (const rows of unit.rows) await this.insert(rows, true);
      if (unit.snapshot) {
        const { seq, hash, stateJson } = unit.snapshot;
        await client.query('INSERT INTO snapshots (dao_id, seq, hash, state_json) VALUES ($1, $2, $3, $4)', [this.daoId, seq, hash, stateJson]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }

  /**
   * One statement per table whatever the row count: each column travels as one array and
   * `unnest` turns them back into rows, so PostgreSQL parses and plans a short, fixed text
   * (prepared once, by name) instead of a statement with tens of thousands of parameters.
   */
  private async insert(rows: TableRows, upsert: boolean): Promise<void> {
    const columnValues = rows.columns.map((_column, index) => rows.rows.map((row) => row[index] ?? null));
    const text = rows.mode === 'update' ? unnestUpdateSql(rows) : unnestInsertSql(rows, upsert);
    const name = `polity_${rows.table}_${rows.mode ?? (upsert ? 'upsert' : 'insert')}_${rows.columns.length}`;
    const result = await this.writer.query({ name, text, values: columnValues });
    if (rows.mode === 'update') assert(result.rowCount === rows.rows.length, `${rows.table} rows to update exist`);
  }

  async readLog(afterSeq: number, limit: number): Promise<EncodedRecord[]> {
    const result = await this.pool.query<{ body_json: string; prev_hash: string; hash: string }>(
      'SELECT body_json, prev_hash, hash FROM log WHERE dao_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [this.daoId, afterSeq, limit],
    );
    return result.rows.map((row) => ({ record: decodeRecord(row.body_json, row.prev_hash, row.hash), bodyJson: row.body_json }));
  }

  async latestSnapshot(): Promise<SnapshotRow | undefined> {
    const result = await this.pool.query<{ seq: string; hash: string; state_json: string }>(
      'SELECT seq, hash, state_json FROM snapshots WHERE dao_id = $1 ORDER BY seq DESC LIMIT 1',
      [this.daoId],
    );
    const row = result.rows[0];
    return row ? { seq: Number(row.seq), hash: row.hash, stateJson: row.state_json } : undefined;
  }

  async close(): Promise<void> {
    this.writer.release();
    await this.db.destroy(); // ends the pool
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
