import type { TableRows } from './types.ts';

/** `ON CONFLICT` clause of an upsert: every non-key column takes the new row's value. */
function conflictClause(rows: Pick<TableRows, 'key' | 'columns'>): string {
  const updates = rows.columns.filter((column) => !rows.key.includes(column)).map((column) => `${column} = excluded.${column}`);
  return ` ON CONFLICT (${rows.key.join(', ')}) ${updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING'}`;
}

/** One multi-row INSERT (an upsert if asked) with `?` placeholders, for SQLite. */
export function valuesInsertSql(rows: Pick<TableRows, 'table' | 'key' | 'columns'>, rowCount: number, upsert: boolean): string {
  const row = `(${rows.columns.map(() => '?').join(',')})`;
  const insert = `INSERT INTO ${rows.table} (${rows.columns.join(',')}) VALUES ${Array.from({ length: rowCount }, () => row).join(',')}`;
  return upsert ? insert + conflictClause(rows) : insert;
}

/** Splits rows into chunks that stay under a statement's parameter limit. */
export function* chunks(rows: unknown[][], columnCount: number, parametersMax: number): Generator<unknown[][]> {
  const size = Math.max(1, Math.floor(parametersMax / columnCount));
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

export const logColumns = ['dao_id', 'seq', 'time_ms', 'actor_id', 'command_type', 'body_json', 'prev_hash', 'hash'];

/** One-row UPDATE for `update` rows (key columns last): SQLite runs it once per row. */
export function updateSql(rows: Pick<TableRows, 'table' | 'key' | 'columns'>): string {
  const sets = rows.columns.filter((column) => !rows.key.includes(column)).map((column) => `${column} = ?`);
  const where = rows.key.map((column) => `${column} = ?`);
  return `UPDATE ${rows.table} SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`;
}

/** PostgreSQL type of each projection column, by name: names mean one thing everywhere. */
const amountColumns = new Set(['amount', 'minted', 'burned', 'max_supply', 'overdraft_limit', 'max_balance', 'balance', 'posted', 'cap_amount']);
const bigintColumns = new Set(['seq', 'time_ms', 'created_seq', 'resolved_seq', 'expires_at_ms']);
const integerColumns = new Set([
  'decimals',
  'transferable',
  'allow_overdraft',
  'closed',
  'pending',
  'timeout_seconds',
  'revoked',
  'active',
  'cap_period_seconds',
]);

export function pgType(column: string): string {
  if (amountColumns.has(column)) return 'numeric';
  if (bigintColumns.has(column)) return 'bigint';
  if (integerColumns.has(column)) return 'integer';
  return 'text';
}

function unnestSource(columns: string[]): string {
  return `unnest(${columns.map((column, index) => `$${index + 1}::${pgType(column)}[]`).join(', ')}) AS v(${columns.join(', ')})`;
}

/** INSERT (or upsert) of any number of rows, one array parameter per column. */
export function unnestInsertSql(rows: Pick<TableRows, 'table' | 'key' | 'columns'>, upsert: boolean): string {
  const insert = `INSERT INTO ${rows.table} (${rows.columns.join(', ')}) SELECT * FROM ${unnestSource(rows.columns)}`;
  return upsert ? insert + conflictClause(rows) : insert;
}

/** UPDATE of existing rows (key columns last), one array parameter per column. */
export function unnestUpdateSql(rows: Pick<TableRows, 'table' | 'key' | 'columns'>): string {
  const { table, key, columns } = rows;
  const sets = columns.filter((column) => !key.includes(column)).map((column) => `${column} = v.${column}`);
  const where = key.map((column) => `t.${column} = v.${column}`);
  return `UPDATE ${table} AS t SET ${sets.join(', ')} FROM ${unnestSource(columns)} WHERE ${where.join(' AND ')}`;
}
