import { tableColumnsMax } from './limits.ts';

export type TableCell = string | number | bigint;
export type ColumnAlign = 'left' | 'right';

export interface TableOptions {
  /** Per column; by default numbers and bigints align right and text left. */
  align?: readonly ColumnAlign[];
  /** Between columns; two spaces by default. */
  gap?: string;
}

/**
 * A plain-text table for the terminal: a header, a rule of dashes, then the rows, each
 * column as wide as its widest cell. Widths count code points, so accented names line up.
 * Lines carry no trailing spaces; the text has no final newline.
 */
export function renderTable(header: readonly string[], rows: readonly (readonly TableCell[])[], options: TableOptions = {}): string {
  if (header.length > tableColumnsMax) throw new RangeError(`a table holds at most ${tableColumnsMax} columns, not ${header.length}`);
  rows.forEach((row, index) => {
    if (row.length !== header.length) throw new RangeError(`row ${index + 1} has ${row.length} cells, the header ${header.length}`);
  });
  const head = header.map(cellText);
  const text = rows.map((row) => row.map(cellText));
  const widths = head.map((title, column) => Math.max(width(title), ...text.map((row) => width(row[column] ?? ''))));
  const align = head.map((_title, column) => options.align?.[column] ?? defaultAlign(rows, column));
  const gap = options.gap ?? '  ';
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => pad(cell, widths[column] ?? 0, align[column] ?? 'left'))
      .join(gap)
      .trimEnd();
  return [line(head), line(widths.map((size) => '-'.repeat(size))), ...text.map(line)].join('\n');
}

function cellText(cell: TableCell): string {
  // A cell is one line: a newline inside would break every column after it.
  return (typeof cell === 'string' ? cell : String(cell)).replace(/[\r\n\t]+/g, ' ');
}

function defaultAlign(rows: readonly (readonly TableCell[])[], column: number): ColumnAlign {
  const numeric = rows.length > 0 && rows.every((row) => typeof row[column] === 'number' || typeof row[column] === 'bigint');
  return numeric ? 'right' : 'left';
}

function width(text: string): number {
  return [...text].length;
}

function pad(text: string, size: number, align: ColumnAlign): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return align === 'right' ? fill + text : text + fill;
}
