import type { Kysely } from 'kysely';
import { parseUnits } from '../kernel/amount.ts';
import type { Database } from '../store/schema.ts';

/** An account's posted balance as a checkpoint recorded it after one log record. */
export interface BalanceCheckpoint {
  seq: number;
  timeMs: number;
  balanceUnits: bigint;
}

/** The account's balance after log record `seq` (the latest checkpoint at or before it). */
export function balanceAtSeq(db: Kysely<Database>, daoId: string, accountId: string, seq: number): Promise<BalanceCheckpoint | undefined> {
  return latestCheckpoint(db, { daoId, accountId, column: 'seq', bound: seq });
}

/** The account's balance at `timeMs`: after every log record sequenced at or before that time. */
export function balanceAtTime(db: Kysely<Database>, daoId: string, accountId: string, timeMs: number): Promise<BalanceCheckpoint | undefined> {
  return latestCheckpoint(db, { daoId, accountId, column: 'time_ms', bound: timeMs });
}

interface CheckpointBound {
  daoId: string;
  accountId: string;
  column: 'seq' | 'time_ms';
  bound: number;
}

/**
 * Sequenced time never goes backwards, so the latest checkpoint by seq that satisfies
 * either bound is also the latest by time; ordering by the primary key keeps it one index probe.
 */
async function latestCheckpoint(db: Kysely<Database>, where: CheckpointBound): Promise<BalanceCheckpoint | undefined> {
  const row = await db
    .selectFrom('balance_checkpoints')
    .select(['seq', 'time_ms', 'balance'])
    .where('dao_id', '=', where.daoId)
    .where('account_id', '=', where.accountId)
    .where(where.column, '<=', where.bound)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  // PostgreSQL returns bigint and NUMERIC columns as strings; SQLite returns numbers and TEXT.
  return row ? { seq: Number(row.seq), timeMs: Number(row.time_ms), balanceUnits: parseUnits(String(row.balance)) } : undefined;
}
