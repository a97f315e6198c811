import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvCell, csvField, toCsv } from './csv.ts';

const seed = Number(process.env.POLITY_TEST_SEED ?? 20_260_101);

/** A strict RFC 4180 reader, to check that what toCsv writes reads back the same. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const char = text[i] ?? '';
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') [field, i] = [`${field}"`, i + 2];
      else if (char === '"') [quoted, i] = [false, i + 1];
      else [field, i] = [field + char, i + 1];
    } else if (char === '"' && field === '') [quoted, i] = [true, i + 1];
    else if (char === ',') [record, field, i] = [[...record, field], '', i + 1];
    else if (char === '\r' && text[i + 1] === '\n') {
      records.push([...record, field]);
      [record, field, i] = [[], '', i + 2];
    } else if (char === '"' || char === '\r' || char === '\n') throw new Error(`bare ${JSON.stringify(char)} at ${i}`);
    else [field, i] = [field + char, i + 1];
  }
  if (quoted || field !== '' || record.length > 0) throw new Error('the last record lacks its CRLF');
  return records;
}

describe('toCsv', () => {
  it.each<[CsvCell, string]>([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    [' spaced ', ' spaced '],
    [12.5, '12.5'],
    [-3, '-3'],
    [123456789012345678901234567890n, '123456789012345678901234567890'],
  ])('field row %#', (cell, text) => {
    expect(csvField(cell)).toBe(text);
  });

  it('writes a header and rows with CRLF line ends, the last one too', () => {
    expect(
      toCsv(
        ['day', 'supply', 'note'],
        [
          [0, 1000n, 'genesis'],
          [1, 1001n, 'mint, then "burn"'],
        ],
      ),
    ).toBe('day,supply,note\r\n0,1000,genesis\r\n1,1001,"mint, then ""burn"""\r\n');
    expect(toCsv(['only'], [])).toBe('only\r\n');
  });

  it('rejects a row with another number of fields than the header', () => {
    expect(() => toCsv(['a', 'b'], [[1]])).toThrow(/row 1 has 1 fields/);
  });

  it(`property: what toCsv writes parses back to the same fields (seed ${seed})`, () => {
    const cell = fc.oneof(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', 'é') }), fc.integer(), fc.bigInt());
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 6 }), (width, rows) => {
        const header = Array.from({ length: width }, (_, index) => `c${index}`);
        const cut = rows.map((row) => row.slice(0, width));
        expect(parseCsv(toCsv(header, cut))).toEqual([header, ...cut.map((row) => row.map(String))]);
      }),
      { seed, numRuns: 300 },
    );
  });
});
