import { expect, it } from 'vitest';
import { describe as describeLines } from './output.ts';

it('describes nested results by indentation, list items in order as "- item"', () => {
  const proposal = {
    id: 'rank',
    choices: ['A', 'B'],
    tags: [],
    state: { tally: { scores: ['0', '3000'], invalid: [{ voter: 'e', reason: 'ranking_incomplete' }] } },
    ballots: [{ voter: 'a', choice: [2, 1] }],
  };
  expect(describeLines(proposal)).toEqual([
    'id: rank',
    'choices:',
    '  - A',
    '  - B',
    'tags: []',
    'state:',
    '  tally:',
    '    scores:',
    '      - 0',
    '      - 3000',
    '    invalid:',
    '      - voter: e',
    '        reason: ranking_incomplete',
    'ballots:',
    '  - voter: a',
    '    choice:',
    '      - 2',
    '      - 1',
  ]);
  expect(describeLines([[1, 2], []])).toEqual(['- - 1', '  - 2', '- []']);
});
