import { expect, it } from 'vitest';
import * as voting from './index.ts';

/** The governance module and the CLI build on these names: changing the list is a deliberate act. */
it('freezes the public exports of the voting library', () => {
  expect(Object.keys(voting).sort()).toEqual([
    'RunningTally',
    'apportion',
    'ballotTypes',
    'ballotsMax',
    'basicChoices',
    'chamberDecimals',
    'chamberScale',
    'choiceCountReason',
    'choicesMax',
    'combineChambers',
    'isqrtFloorFast',
    'parseTallyFile',
    'tally',
    'tallyView',
    'validateBallot',
    'validateChoice',
    'votingMethods',
  ]);
  expect(Object.keys(voting.votingMethods)).toEqual([...voting.ballotTypes]);
});
