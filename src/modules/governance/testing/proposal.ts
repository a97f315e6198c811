import type { Proposal } from '../state.ts';

/**
 * A proposal record `p` in its voting period with no ballots yet (basic, For / Against /
 * Abstain unless `fields` say otherwise), for tests and benchmarks that drive the outcome
 * and tally code without going through the engine.
 */
export function votingProposal(fields: Partial<Proposal> = {}): Proposal {
  return {
    id: 'p',
    proposerId: 'a',
    category: 'c',
    title: 't',
    body: '',
    tags: [],
    actions: [],
    choices: ['For', 'Against', 'Abstain'],
    ballotType: 'basic',
    secret: false,
    revisions: [],
    comments: [],
    status: 'voting',
    createdMs: 0,
    ballots: new Map(),
    quorumUnits: 0n,
    ownTotalUnits: 0n,
    ownByChoiceUnits: [0n, 0n, 0n],
    endedEarly: false,
    ...fields,
  };
}
