import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { chamberedCategory, delegatingChamberMembers } from '../../../test/support/chambers.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { type KeyPair, signedText, signText } from '../../access/signature.ts';
import { type BallotType, tally } from '../voting/index.ts';
import { type Proposal, proposalStatus } from './index.ts';
import { chamberBallot, countedBallot } from './live-tally.ts';
import { chamberOutcome } from './outcome.ts';

const hourMs = 3_600_000;

/**
 * The live tally a proposal keeps between reads (running for additive types, the last
 * recount for the others) must be tally() of its ballots as they count now, through vote
 * changes and delegators taking their power back from a delegate who already voted. The
 * status is read after every ballot, so each change reaches a tally that is already kept.
 */
forEachBackend((backend) => {
  let w: LedgerWorld;
  const keys = new Map<string, KeyPair>();

  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
    const asset = await w.asset({ supply: 'fixed', maxSupply: '1000000', decimals: 0 });
    await w.ok('economy.configure', { governanceToken: asset });
    await w.ok('power.track', { asset });
    const holdings: Record<string, string> = { alice: '400', bob: '300', carol: '200', dave: '100' };
    for (const [member, amount] of Object.entries(holdings)) keys.set(member, await w.keyedMember(member, asset, amount));
    // carol delegates all to bob; dave splits between alice and bob.
    await w.ok('power.delegate', { delegations: [{ delegate: 'bob', percent: '100' }] }, { actorId: 'carol' });
    await w.ok(
      'power.delegate',
      {
        delegations: [
          { delegate: 'alice', percent: '50' },
          { delegate: 'bob', percent: '50' },
        ],
      },
      { actorId: 'dave' },
    );
    await w.ok('governance.set_category', {
      id: 'live',
      discussionSeconds: 0,
      votingSeconds: 86_400,
      timelockSeconds: 0,
      gracePeriodSeconds: 86_400,
      quorumPercent: '1',
      supportPercent: '50',
      strategy: { kind: 'token', asset },
      voteChanging: true,
    });
  });
  afterAll(() => w.close());

  async function openVote(id: string, ballotType: BallotType, choices: string[]): Promise<void> {
    await w.ok('governance.create', { id, title: id, body: '', category: 'live', ballotType, choices }, { actorId: 'alice' });
    await w.ok('governance.submit', { proposal: id }, { actorId: 'alice' });
    w.clock.advanceMs(hourMs);
    await w.ok('governance.start_voting', { proposal: id });
  }

  async function vote(voter: string, proposal: string, choice: unknown): Promise<void> {
    w.clock.advanceMs(1000);
    const pair = keys.get(voter) as KeyPair;
    const snapshotSeq = w.engine.state.modules.governance.proposals.get(proposal)?.snapshot?.seq ?? -1;
    const payload = { proposal, choice, snapshotSeq, castAtMs: w.clock.nowMs() };
    const signature = signText(pair, signedText(w.engine.daoId, voter, 'governance.vote', payload));
    const outcome = await w.engine.submit({ actorId: voter }, { type: 'governance.vote', payload, signature });
    if (!outcome.ok) expect.fail(`${voter}'s vote was rejected: ${outcome.code} ${outcome.message}`);
  }

  function expectLiveEqualsRecount(proposal: string): void {
    const stored = w.engine.state.modules.governance.proposals.get(proposal);
    if (!stored) throw new Error(`no proposal ${proposal}`);
    const recount = tally(stored.ballotType, stored.choices.length, [...stored.ballots.values()].map(countedBallot));
    expect(proposalStatus(w.engine.state, proposal, w.clock.nowMs())?.tally).toEqual(recount);
  }

  // Each type: bob (300 + carol's 200 + half of dave's 100), alice (400 + 50), then carol and
  // dave vote directly (taking power back from bob and alice), then bob changes his vote.
  const weights = [{ '1': 3, '2': 1 }, { '3': 5 }, { '2': 2, '4': 2 }, { '1': 1 }, { '4': 7, '2': 1 }];
  const rankings = [
    [1, 2, 3, 4],
    [3, 1, 2, 4],
    [2, 3, 4, 1],
    [4, 1, 2, 3],
    [4, 3, 2, 1],
  ];
  const cases: [BallotType, unknown[]][] = [
    ['approval', [[1, 2], [3], [2], [], [4, 1]]],
    ['weighted', weights],
    ['quadratic', weights],
    // bob spends 540 of his 550: once carol and dave take 250 back he is over (credits_exceed_power) until he
    // changes; alice spends 400 of her 450 and keeps 400.
    ['quadratic-credits', [{ '1': '500', '2': 40 }, { '3': '400' }, { '2': 200 }, { '1': '100' }, { '4': 300 }]],
    ['ranked-choice', rankings],
    ['copeland', rankings],
  ];

  describe.each(cases)('%s', (type, [bobFirst, alice, carol, dave, bobChanged]) => {
    it('equals the recount after every ballot', async () => {
      const id = `live-${type}`;
      await openVote(id, type, ['A', 'B', 'C', 'D']);
      expectLiveEqualsRecount(id);
      const steps: [string, unknown][] = [
        ['bob', bobFirst],
        ['alice', alice],
        ['carol', carol],
        ['dave', dave],
        ['bob', bobChanged],
      ];
      for (const [voter, choice] of steps) {
        await vote(voter, id, choice);
        expectLiveEqualsRecount(id);
      }
      const ballots = w.engine.state.modules.governance.proposals.get(id)?.ballots;
      expect(ballots?.get('bob')?.powerUnits).toBe(300n); // carol's 200 and dave's 50 taken back
      expect(ballots?.get('alice')?.powerUnits).toBe(400n);
      if (type === 'quadratic-credits') {
        // Before bob's change his 540 credits exceeded his 300: the recount refused it, and so did the live tally.
        expect(proposalStatus(w.engine.state, id, w.clock.nowMs())?.tally?.invalid).toEqual([]);
      }
    });
  });

  it('a chambered vote keeps each chamber equal to its recount', async () => {
    // venture (weight 60, receipts): v1 60, v2 40 (v2 delegates to v1); governance (weight 40):
    // g1 50, g2 30, g3 20 (g3 delegates to g1).
    const assets = await delegatingChamberMembers(w, keys);
    await w.ok('governance.set_category', chamberedCategory('chambered', assets, { voteChanging: true }));
    const id = 'live-chambers';
    await w.ok('governance.create', { id, title: id, body: '', category: 'chambered' }, { actorId: 'g1' });
    await w.ok('governance.submit', { proposal: id }, { actorId: 'g1' });
    await w.ok('governance.start_voting', { proposal: id });
    const expectChambersEqualRecount = (): void => {
      const stored = w.engine.state.modules.governance.proposals.get(id) as Proposal;
      proposalStatus(w.engine.state, id, w.clock.nowMs()); // a read, so the next ballot reaches kept tallies
      const recounts = ['venture', 'governance'].map((chamber) =>
        tally(
          'basic',
          3,
          [...stored.ballots.values()].map((ballot) => chamberBallot(ballot, chamber)).filter((ballot) => ballot.power > 0n),
        ),
      );
      expect(chamberOutcome(stored).chambers.map((chamber) => chamber.tally)).toEqual(recounts);
    };
    expectChambersEqualRecount();
    const steps: [string, number][] = [
      ['v1', 1],
      ['g1', 1],
      ['g2', 2],
      ['v2', 2], // takes 40 back from v1 in the venture chamber
      ['g3', 3], // takes 20 back from g1 in the governance chamber
      ['g2', 1], // changes
    ];
    for (const [voter, choice] of steps) {
      await vote(voter, id, choice);
      expectChambersEqualRecount();
    }
    const stored = w.engine.state.modules.governance.proposals.get(id) as Proposal;
    expect(chamberOutcome(stored).chambers.map((chamber) => chamber.tally.scores)).toEqual([
      [60n, 40n, 0n],
      [80n, 0n, 20n],
    ]);
  });

  it('a quadratic-credits ballot over the power after a take-back is refused by both', async () => {
    const id = 'live-over';
    await openVote(id, 'quadratic-credits', ['A', 'B']);
    await vote('bob', id, { '1': '540' });
    expectLiveEqualsRecount(id);
    await vote('carol', id, { '2': '100' });
    expectLiveEqualsRecount(id);
    expect(proposalStatus(w.engine.state, id, w.clock.nowMs())?.tally?.invalid).toEqual([{ voter: 'bob', reason: 'credits_exceed_power' }]);
  });
});
