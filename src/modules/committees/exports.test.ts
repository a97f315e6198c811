import { expect, it } from 'vitest';
import * as committees from './index.ts';

/** Governance, the multisig and the API build on these names: changing the list is a deliberate act. */
it('freezes the public exports of the committees module', () => {
  expect(Object.keys(committees).sort()).toEqual([
    'committee',
    'committeeList',
    'committeeMembers',
    'committeeResource',
    'committeeRoles',
    'committeesAdminAction',
    'committeesModule',
    'election',
    'electionBallots',
    'holdsRole',
    'openElectionOf',
    'roleHolders',
    'seatEligibility',
  ]);
  expect(committees.committeesModule.commands.map((command) => command.type)).toEqual([
    'committees.create',
    'committees.open_election',
    'committees.stand',
    'committees.vote',
    'committees.close_election',
    'committees.assign_role',
    'committees.remove_role',
  ]);
});
