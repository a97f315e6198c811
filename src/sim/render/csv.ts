/** One CSV field: text, or a number written as JavaScript prints it (bigints exactly). */
export type CsvCell = string | number | bigint;

/**
 * A CSV document as RFC 4180 describes it: CRLF line ends (after the last record too), a
 * field quoted when it holds a comma, a double quote, CR or LF, and quotes inside doubled.
 * Every row must have as many fields as the header.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [csvLine(header)];
  rows.forEach((row, index) => {
    if (row.length !== header.length) throw new RangeError(`row ${index + 1} has ${row.length} fields, the header ${header.length}`);
    lines.push(csvLine(row));
  });
  return `${lines.join('\r\n')}\r\n`;
}

function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvField).join(',');
}

export function csvField(cell: CsvCell): string {
  const text = typeof cell === 'string' ? cell : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
