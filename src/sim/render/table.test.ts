import { describe, expect, it } from 'vitest';
import { renderTable } from './table.ts';

describe('renderTable', () => {
  it('aligns numbers right and text left by default, with a dashed rule', () => {
    const text = renderTable(
      ['holder', 'units', 'share'],
      [
        ['alice', 1_200_000n, '40 %'],
        ['bob', 35, '1.2 %'],
      ],
    );
    expect(text).toBe(['holder    units  share', '------  -------  -----', 'alice   1200000  40 %', 'bob          35  1.2 %'].join('\n'));
  });

  it('takes an alignment per column and a gap', () => {
    const text = renderTable(['a', 'b'], [['x', 'long']], { align: ['right', 'right'], gap: ' | ' });
    expect(text).toBe(['a |    b', '- | ----', 'x | long'].join('\n'));
  });

  it('counts code points, keeps each cell on one line, leaves no trailing spaces', () => {
    const text = renderTable(
      ['name', 'note'],
      [
        ['Zoë', 'two\nlines'],
        ['Ann', ''],
      ],
    );
    expect(text).toBe(['name  note', '----  ---------', 'Zoë   two lines', 'Ann'].join('\n'));
  });

  it('an empty table is its header and rule', () => {
    expect(renderTable(['day', 'supply'], [])).toBe('day  supply\n---  ------');
  });

  it('rejects a row of the wrong width', () => {
    expect(() => renderTable(['a', 'b'], [['x']])).toThrow(/row 1 has 1 cells/);
  });
});
