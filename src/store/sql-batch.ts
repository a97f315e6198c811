import type { TableRows } from './types.ts';

/** Builds one multi-row upsert; `placeholder(i)` renders the i-th (0-based) parameter. */
export function upsertSql(rows: Pick<TableRows, 'table' | 'key' | 'columns'>, rowCount: number, placeholder: (index: number) => string): string {
  const { table, key, columns } = rows;
  const values: string[] = [];
  let index = 0;
  for (let row = 0; row < rowCount; row += 1) {
    const cells: string[] = [];
    for (let column = 0; column < columns.length; column += 1) cells.push(placeholder(index++));
    values.push(`(${cells.join(',')})`);
  }
  const updates = columns.filter((column) => !key.includes(column)).map((column) => `${column} = excluded.${column}`);
  const conflict = updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING';
  return `INSERT INTO ${table} (${columns.join(',')}) VALUES ${values.join(',')} ON CONFLICT (${key.join(',')}) ${conflict}`;
}

/** Splits rows into chunks that stay under a statement's parameter limit. */
export function* chunks(rows: unknown[][], columnCount: number, parametersMax: number): Generator<unknown[][]> {
  const size = Math.max(1, Math.floor(parametersMax / columnCount));
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

export const logColumns = ['dao_id', 'seq', 'time_ms', 'actor_id', 'command_type', 'body_json', 'prev_hash', 'hash'];
