import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { BenchDatabase, Synchronous } from './db.ts';
import { GcWatch, type LatencySummary, round, summarize } from './stats.ts';
import { accountId, type TransferItem } from './workload.ts';

/**
 * The naive way to run a ledger on the same database: one SQL transaction per transfer
 * that reads both balances, checks funds in the application, updates both balances and
 * inserts the transfer row. Its own tables (bench_naive_*) in the same file / schema.
 */
export interface NaiveResult {
  variant: string;
  /** `full`: durable at commit like the engine's default (SQLite FULL, PostgreSQL synchronous_commit on). */
  durability: 'full' | 'normal';
  connections: number;
  transfers: number;
  created: number;
  rejected: number;
  seconds: number;
  transfersPerSecond: number;
  /** Per transaction, ms. */
  latencyMs: LatencySummary;
  gc: { pauses: number; totalMs: number; maxMs: number };
}

/** Base units per token unit: the engine's asset has 2 decimals. */
const scale = 100n;
const accountBalanceUnits = 100_000n * scale;

export function runNaiveSqlite(db: BenchDatabase, accounts: number, items: TransferItem[], maxSeconds: number, synchronous: Synchronous): NaiveResult {
  const file = db.sqlite?.file;
  if (!file) throw new Error('the SQLite baseline needs a SQLite bench database');
  const sqlite = new BetterSqlite3(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${synchronous}`);
    sqlite.pragma('busy_timeout = 5000');
    const suffix = synchronous;
    const accountsTable = `bench_naive_accounts_${suffix}`;
    const transfersTable = `bench_naive_transfers_${suffix}`;
    sqlite.exec(`CREATE TABLE ${accountsTable} (id TEXT PRIMARY KEY, balance TEXT NOT NULL)`);
    sqlite.exec(
      `CREATE TABLE ${transfersTable} (id TEXT PRIMARY KEY, from_id TEXT NOT NULL, to_id TEXT NOT NULL, amount TEXT NOT NULL, time_ms INTEGER NOT NULL)`,
    );
    const insertAccount = sqlite.prepare(`INSERT INTO ${accountsTable} (id, balance) VALUES (?, ?)`);
    sqlite.transaction(() => {
      for (let index = 0; index < accounts; index += 1) insertAccount.run(accountId(index), accountBalanceUnits.toString());
    })();
    const readBalance = sqlite.prepare(`SELECT balance FROM ${accountsTable} WHERE id = ?`).pluck();
    const writeBalance = sqlite.prepare(`UPDATE ${accountsTable} SET balance = ? WHERE id = ?`);
    const insertTransfer = sqlite.prepare(`INSERT INTO ${transfersTable} (id, from_id, to_id, amount, time_ms) VALUES (?, ?, ?, ?, ?)`);
    const transfer = sqlite.transaction((item: TransferItem): boolean => {
      const from = readBalance.get(item.from) as string | undefined;
      const to = readBalance.get(item.to) as string | undefined;
      if (from === undefined || to === undefined) return false;
      const amount = BigInt(item.amount) * scale;
      if (BigInt(from) < amount) return false;
      writeBalance.run((BigInt(from) - amount).toString(), item.from);
      writeBalance.run((BigInt(to) + amount).toString(), item.to);
      insertTransfer.run(item.id, item.from, item.to, amount.toString(), Date.now());
      return true;
    });
    // Warm-up: statements prepared and pages cached, not timed.
    for (const item of items.slice(0, 200)) transfer.immediate({ ...item, id: `warm-${item.id}` });
    const gc = new GcWatch();
    const latencies: number[] = [];
    let created = 0;
    let rejected = 0;
    const started = performance.now();
    const deadline = started + maxSeconds * 1000;
    for (const item of items) {
      const t0 = performance.now();
      if (transfer.immediate(item)) created += 1;
      else rejected += 1;
      const t1 = performance.now();
      latencies.push(t1 - t0);
      if (t1 > deadline) break;
    }
    const wallMs = performance.now() - started;
    return {
      variant: `sqlite synchronous=${synchronous.toUpperCase()}`,
      durability: synchronous,
      connections: 1,
      transfers: created + rejected,
      created,
      rejected,
      seconds: round(wallMs / 1000, 3),
      transfersPerSecond: Math.round(created / (wallMs / 1000)),
      latencyMs: summarize(latencies),
      gc: gc.stop(),
    };
  } finally {
    sqlite.close();
  }
}

export async function runNaivePostgres(
  db: BenchDatabase,
  accounts: number,
  items: TransferItem[],
  maxSeconds: number,
  connections: number,
): Promise<NaiveResult> {
  const target = db.postgres;
  if (!target) throw new Error('the PostgreSQL baseline needs a PostgreSQL bench database');
  const suffix = `c${connections}`;
  const accountsTable = `bench_naive_accounts_${suffix}`;
  const transfersTable = `bench_naive_transfers_${suffix}`;
  const pool = new pg.Pool({ connectionString: target.url, max: connections, options: `-c search_path=${target.schema}` });
  try {
    await pool.query(`CREATE TABLE ${accountsTable} (id text PRIMARY KEY, balance numeric(78,0) NOT NULL)`);
    await pool.query(
      `CREATE TABLE ${transfersTable} (id text PRIMARY KEY, from_id text NOT NULL, to_id text NOT NULL, amount numeric(78,0) NOT NULL, time_ms bigint NOT NULL)`,
    );
    const ids = Array.from({ length: accounts }, (_, index) => accountId(index));
    await pool.query(`INSERT INTO ${accountsTable} (id, balance) SELECT id, $2::numeric FROM unnest($1::text[]) AS v(id)`, [
      ids,
      accountBalanceUnits.toString(),
    ]);
    await pool.query(`ANALYZE ${accountsTable}`);
    const read = `SELECT balance FROM ${accountsTable} WHERE id = $1 FOR UPDATE`;
    const write = `UPDATE ${accountsTable} SET balance = $1 WHERE id = $2`;
    const insert = `INSERT INTO ${transfersTable} (id, from_id, to_id, amount, time_ms) VALUES ($1, $2, $3, $4, $5)`;
    const transfer = async (client: pg.PoolClient, item: TransferItem): Promise<boolean> => {
      await client.query('BEGIN');
      try {
        // Lock in id order, so concurrent transactions never deadlock.
        const [first, second] = item.from < item.to ? [item.from, item.to] : [item.to, item.from];
        const a = await client.query<{ balance: string }>({ name: `naive_read_${suffix}`, text: read, values: [first] });
        const b = await client.query<{ balance: string }>({ name: `naive_read_${suffix}`, text: read, values: [second] });
        const balances = new Map([
          [first, a.rows[0]?.balance],
          [second, b.rows[0]?.balance],
        ]);
        const from = balances.get(item.from);
        const to = balances.get(item.to);
        const amount = BigInt(item.amount) * scale;
        if (from === undefined || to === undefined || BigInt(from) < amount) {
          await client.query('ROLLBACK');
          return false;
        }
        await client.query({ name: `naive_write_${suffix}`, text: write, values: [(BigInt(from) - amount).toString(), item.from] });
        await client.query({ name: `naive_write_${suffix}`, text: write, values: [(BigInt(to) + amount).toString(), item.to] });
        await client.query({ name: `naive_insert_${suffix}`, text: insert, values: [item.id, item.from, item.to, amount.toString(), Date.now()] });
        await client.query('COMMIT');
        return true;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    };
    const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
    try {
      // Warm-up on every connection: statements prepared, pages cached.
      await Promise.all(
        clients.map(async (client, lane) => {
          for (const item of items.slice(lane * 50, lane * 50 + 50)) await transfer(client, { ...item, id: `warm-${item.id}` });
        }),
      );
      const gc = new GcWatch();
      const latencies: number[] = [];
      let created = 0;
      let rejected = 0;
      let next = 0;
      const started = performance.now();
      const deadline = started + maxSeconds * 1000;
      await Promise.all(
        clients.map(async (client) => {
          while (next < items.length && performance.now() < deadline) {
            const item = items[next++] as TransferItem;
            const t0 = performance.now();
            if (await transfer(client, item)) created += 1;
            else rejected += 1;
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const wallMs = performance.now() - started;
      return {
        variant: `postgres, ${connections} connection${connections === 1 ? '' : 's'}`,
        durability: 'full',
        connections,
        transfers: created + rejected,
        created,
        rejected,
        seconds: round(wallMs / 1000, 3),
        transfersPerSecond: Math.round(created / (wallMs / 1000)),
        latencyMs: summarize(latencies),
        gc: gc.stop(),
      };
    } finally {
      for (const client of clients) client.release();
    }
  } finally {
    await pool.end();
  }
}
