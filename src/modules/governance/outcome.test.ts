import { describe, expect, it } from 'vitest';
import type { TallyResult } from '../voting/index.ts';
import { decide, effectiveEndMs } from './outcome.ts';
import type { Category, Proposal } from './state.ts';

const category: Category = {
  id: 'c',
  discussionSeconds: 0,
  votingSeconds: 100,
  timelockSeconds: 0,
  gracePeriodSeconds: 100,
  quorumPpm: 200_000n,
  supportPpm: 500_000n,
  ballotType: 'basic',
  strategy: { kind: 'token', asset: 'T' },
  proposerMinPowerUnits: 0n,
  lateQuorumSeconds: 10,
  earlyDecision: false,
  voteChanging: false,
  autoExecute: false,
  actionsMax: 16,
};

function proposal(fields: Partial<Proposal>): Proposal {
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
    eligibleUnits: 1000n,
    ...fields,
  };
}

const result = (scores: bigint[]): TallyResult => ({ type: 'basic', scores, total: scores.reduce((a, b) => a + b, 0n), winner: 1, invalid: [] });

describe('decide: quorum and support, exactly', () => {
  it.each([
    ['below quorum: 199 of 1,000 at 20 %', 199n, [199n, 0n, 0n], { succeeded: false, reason: 'quorum_not_met' }],
    ['quorum exactly: 200 of 1,000', 200n, [200n, 0n, 0n], { succeeded: true }],
    ['a tie at 50 % support fails', 1000n, [500n, 500n, 0n], { succeeded: false, reason: 'threshold_not_met' }],
    ['one unit more passes', 1000n, [501n, 499n, 0n], { succeeded: true }],
    ['abstain counts for quorum, not support', 1000n, [1n, 0n, 999n], { succeeded: true }],
    ['no for votes never passes', 1000n, [0n, 0n, 1000n], { succeeded: false, reason: 'threshold_not_met' }],
  ] as const)('%s', (_name, quorumUnits, scores, expected) => {
    expect(decide(proposal({ quorumUnits }), category, result([...scores]))).toEqual(expected);
  });

  it('a supermajority fixed at voting start wins over the category support', () => {
    const twoThirds = proposal({ quorumUnits: 1000n, supportPpm: 666_667n });
    expect(decide(twoThirds, category, result([666n, 334n, 0n]))).toEqual({ succeeded: false, reason: 'threshold_not_met' });
    expect(decide(twoThirds, category, result([667n, 333n, 0n]))).toEqual({ succeeded: true });
  });

  it('late quorum moves the end only when first reached inside the last window', () => {
    expect(effectiveEndMs(proposal({ votingEndsMs: 100_000, quorumReachedMs: 89_999 }), category)).toBe(100_000);
    expect(effectiveEndMs(proposal({ votingEndsMs: 100_000, quorumReachedMs: 95_000 }), category)).toBe(105_000);
    expect(effectiveEndMs(proposal({ votingEndsMs: 100_000, quorumReachedMs: 95_000, endedEarly: true }), category)).toBe(100_000);
  });
});
