import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { type ChamberAssets, chamberAssets, chamberedCategory, delegatingChamberMembers } from '../../../test/support/chambers.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { type KeyPair, signedText, signText } from '../../access/signature.ts';
import type { SubmitOutcome } from '../../engine/engine.ts';
import { verifyStore } from '../../engine/verify.ts';
import { proposalStatus } from './index.ts';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/**
 * The whole life of a proposal on the real engine: a DAO with a treasury fund and three
 * members, one delegating; a proposal is drafted, amended, discussed, voted on with signed
 * ballots, waits out its timelock and moves the treasury.
 */
forEachBackend((backend) => {
  let w: LedgerWorld;
  let asset: string;
  const keys = new Map<string, KeyPair>();
  const members = ['alice', 'bob', 'carol', 'dave'];

  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
    asset = await w.asset({ supply: 'fixed', maxSupply: '1000000', decimals: 0 });
    await w.ok('economy.configure', { governanceToken: asset });
    await w.ok('power.track', { asset });
    await w.ok('treasury.create_fund', { id: 'dao', asset, initial: { amount: '100000' } });
    const holdings: Record<string, string> = { alice: '400', bob: '300', carol: '200', dave: '100' };
    for (const member of members) keys.set(member, await w.keyedMember(member, asset, holdings[member] ?? '0'));
    await w.ok('governance.set_category', {
      id: 'treasury',
      discussionSeconds: 3600,
      votingSeconds: 86_400,
      timelockSeconds: 86_400,
      gracePeriodSeconds: 7 * 86_400,
      quorumPercent: '20',
      supportPercent: '50',
      strategy: { kind: 'token', asset },
      lateQuorumSeconds: 3600,
    });
  });
  afterAll(() => w.close());

  function signedVote(voter: string, payload: Record<string, unknown>): Promise<SubmitOutcome> {
    const pair = keys.get(voter);
    if (!pair) throw new Error(`no key for ${voter}`);
    const signature = signText(pair, signedText(w.engine.daoId, voter, 'governance.vote', payload));
    return w.engine.submit({ actorId: voter }, { type: 'governance.vote', payload, signature });
  }

  async function ballot(voter: string, proposal: string, choice: unknown): Promise<string> {
    const snapshotSeq = w.engine.state.modules.governance.proposals.get(proposal)?.snapshot?.seq ?? -1;
    const outcome = await signedVote(voter, { proposal, choice, snapshotSeq, castAtMs: w.clock.nowMs() });
    return outcome.ok ? 'accepted' : outcome.code;
  }

  const spend = (id: string, amount: string) => ({ type: 'treasury.spend', payload: { id, fund: 'dao', to: 'alice', amount } });

  describe('a proposal from draft to execution', () => {
    it('draft, amend (a numbered revision), comment in threads, submit, discussion', async () => {
      const alice = { actorId: 'alice' };
      await w.ok('governance.create', { id: 'p1', title: 'Grant', body: 'Fund the *docs*.', category: 'treasury', actions: [spend('g1', '500')] }, alice);
      expect(await w.code('governance.amend', { proposal: 'p1', title: 'Grant', body: 'x' }, { actorId: 'bob' })).toBe('not_proposer');
      expect(await w.ok('governance.amend', { proposal: 'p1', title: 'Docs grant', body: 'Fund the docs.', actions: [spend('g1', '1000')] }, alice)).toEqual({
        id: 'p1',
        revision: 2,
      });
      await w.ok('governance.comment', { proposal: 'p1', id: 'c1', text: 'Why 1000?' }, { actorId: 'bob' });
      await w.ok('governance.comment', { proposal: 'p1', id: 'c2', text: 'Two writers.', parent: 'c1' }, alice);
      expect(await w.code('governance.comment', { proposal: 'p1', id: 'c3', text: '?', parent: 'nope' }, alice)).toBe('comment_not_found');
      await w.ok('governance.submit', { proposal: 'p1' }, alice);
      expect(proposalStatus(w.engine.state, 'p1', w.clock.nowMs())?.status).toBe('discussion');
      expect(await w.code('governance.start_voting', { proposal: 'p1' })).toBe('discussion_open');
      const proposal = w.engine.state.modules.governance.proposals.get('p1');
      expect(proposal?.revisions.map((revision) => revision.number)).toEqual([1, 2]);
      expect(proposal?.comments.map((comment) => [comment.id, comment.parentId ?? null])).toEqual([
        ['c1', null],
        ['c2', 'c1'],
      ]);
    });

    it('a delegation made before the snapshot counts; one made after moves nothing', async () => {
      await w.ok('power.delegate', { delegations: [{ delegate: 'bob', percent: '100' }] }, { actorId: 'carol' });
      w.clock.advanceMs(hourMs);
      await w.ok('governance.start_voting', { proposal: 'p1' }, { actorId: 'dave' });
      // After the snapshot: dave delegates to bob. It must not count for this proposal.
      await w.ok('power.delegate', { delegations: [{ delegate: 'bob', percent: '100' }] }, { actorId: 'dave' });
      expect(await ballot('bob', 'p1', 1)).toBe('accepted');
      const bob = w.engine.state.modules.governance.proposals.get('p1')?.ballots.get('bob');
      expect(bob?.powerUnits).toBe(500n); // 300 own + carol's 200; not dave's 100
    });

    it('refuses unsigned, replayed, out-of-window and powerless ballots', async () => {
      const snapshotSeq = w.engine.state.modules.governance.proposals.get('p1')?.snapshot?.seq ?? -1;
      const unsigned = await w.submit('governance.vote', { proposal: 'p1', choice: 1, snapshotSeq, castAtMs: w.clock.nowMs() }, { actorId: 'alice' });
      expect(unsigned).toMatchObject({ ok: false, code: 'signature_required' });
      expect(await ballot('bob', 'p1', 2)).toBe('ballot_replayed'); // same castAtMs as bob's first ballot
      w.clock.advanceMs(1000);
      expect(await ballot('bob', 'p1', 2)).toBe('already_voted'); // vote changing is off in this category
      expect(await ballot('alice', 'p1', 7)).toBe('choice_invalid');
      const wrongReference = await signedVote('alice', { proposal: 'p1', choice: 1, snapshotSeq: snapshotSeq + 1, castAtMs: w.clock.nowMs() });
      expect(wrongReference).toMatchObject({ ok: false, code: 'power_reference_mismatch' });
      await w.ok('access.create_actor', { id: 'erin', kind: 'member', publicKey: (keys.get('alice') as KeyPair).publicKey });
      keys.set('erin', keys.get('alice') as KeyPair);
      expect(await ballot('erin', 'p1', 1)).toBe('no_voting_power');
    });

    it('a delegator who votes directly takes their power back from the delegate', async () => {
      expect(await ballot('carol', 'p1', 2)).toBe('accepted');
      const ballots = w.engine.state.modules.governance.proposals.get('p1')?.ballots;
      expect(ballots?.get('bob')?.powerUnits).toBe(300n);
      expect(ballots?.get('carol')?.powerUnits).toBe(200n);
      expect(await ballot('alice', 'p1', 1)).toBe('accepted');
    });

    it('passes, waits out the timelock, then executes and moves the treasury exactly once', async () => {
      w.clock.advanceMs(dayMs);
      const status = proposalStatus(w.engine.state, 'p1', w.clock.nowMs());
      expect(status?.status).toBe('queued');
      expect(status?.tally?.scores).toEqual([700n, 200n, 0n]); // for: alice 400 + bob 300; against: carol 200
      expect(await w.code('governance.execute', { proposal: 'p1' }, { actorId: 'dave' })).toBe('timelock_pending');
      w.clock.advanceMs(dayMs);
      const before = w.balance('alice');
      expect(await w.ok('governance.execute', { proposal: 'p1' }, { actorId: 'dave' })).toEqual({ id: 'p1', status: 'executed' });
      expect(w.balance('alice') - before).toBe(1000n);
      expect(await w.code('governance.execute', { proposal: 'p1' }, { actorId: 'dave' })).toBe('proposal_not_queued');
      expect(proposalStatus(w.engine.state, 'p1', w.clock.nowMs())?.status).toBe('executed');
    });

    it('a failing action rolls every action back and records the failure', async () => {
      const alice = { actorId: 'alice' };
      await w.ok('governance.create', { id: 'p2', title: 'Two', body: '', category: 'treasury', actions: [spend('g2', '10'), spend('g3', '99999999')] }, alice);
      await w.ok('governance.submit', { proposal: 'p2' }, alice);
      w.clock.advanceMs(hourMs);
      await w.ok('governance.start_voting', { proposal: 'p2' });
      expect(await ballot('alice', 'p2', 1)).toBe('accepted');
      expect(await ballot('bob', 'p2', 1)).toBe('accepted');
      w.clock.advanceMs(2 * dayMs);
      const before = w.balance('alice');
      expect(await w.ok('governance.execute', { proposal: 'p2' })).toMatchObject({ id: 'p2', status: 'failed' });
      expect(w.balance('alice')).toBe(before); // the first spend was rolled back with the second
      expect(w.engine.state.modules.governance.proposals.get('p2')?.failure).toMatchObject({ actionIndex: 1, code: 'insufficient_funds' });
    });

    it('quorum not met defeats; the proposer may cancel before voting; verify replays it all', async () => {
      const dave = { actorId: 'dave' };
      await w.ok('governance.create', { id: 'p3', title: 'Small', body: '', category: 'treasury' }, dave);
      await w.ok('governance.submit', { proposal: 'p3' }, dave);
      w.clock.advanceMs(hourMs);
      await w.ok('governance.start_voting', { proposal: 'p3' });
      expect(await ballot('dave', 'p3', 1)).toBe('accepted'); // 100 of 1,000 eligible: below the 20% quorum
      w.clock.advanceMs(2 * dayMs);
      expect(proposalStatus(w.engine.state, 'p3', w.clock.nowMs())).toMatchObject({ status: 'defeated', reason: 'quorum_not_met' });
      await w.ok('governance.create', { id: 'p4', title: 'Oops', body: '', category: 'treasury' }, dave);
      await w.ok('governance.cancel', { proposal: 'p4' }, dave);
      expect(proposalStatus(w.engine.state, 'p4', w.clock.nowMs())?.status).toBe('cancelled');
      const report = await verifyStore(w.dao.store);
      expect(report.ok, report.problem).toBe(true);
    });
  });

  describe('late quorum and early decision', () => {
    async function openVote(id: string, category: string): Promise<void> {
      const dave = { actorId: 'dave' };
      await w.ok('governance.create', { id, title: id, body: '', category }, dave);
      await w.ok('governance.submit', { proposal: id }, dave);
      w.clock.advanceMs(hourMs);
      await w.ok('governance.start_voting', { proposal: id });
    }

    it('quorum first reached in the last hour moves the deadline to an hour after that moment', async () => {
      await openVote('late', 'treasury');
      const end = w.engine.state.modules.governance.proposals.get('late')?.votingEndsMs ?? 0;
      w.clock.setMs(end - 30 * 60_000); // 30 minutes before the end
      expect(await ballot('alice', 'late', 1)).toBe('accepted'); // 400 of 1,000: quorum (20%) now
      const reachedAt = w.clock.nowMs();
      w.clock.setMs(end + 60_000);
      expect(proposalStatus(w.engine.state, 'late', w.clock.nowMs())).toMatchObject({ status: 'voting', votingEndsMs: reachedAt + hourMs });
      expect(await ballot('bob', 'late', 2)).toBe('accepted'); // still open after the original end
      w.clock.setMs(reachedAt + hourMs);
      expect(await ballot('dave', 'late', 2)).toBe('voting_closed');
      expect(proposalStatus(w.engine.state, 'late', w.clock.nowMs())?.status).toBe('succeeded'); // 400 for, 300 against
    });

    it('an early decision closes the vote once the power not cast cannot change the outcome', async () => {
      await w.ok('governance.set_category', {
        id: 'fast',
        discussionSeconds: 3600,
        votingSeconds: 86_400,
        timelockSeconds: 0,
        gracePeriodSeconds: 86_400,
        quorumPercent: '20',
        supportPercent: '50',
        strategy: { kind: 'token', asset },
        earlyDecision: true,
      });
      await openVote('early', 'fast');
      // Eligible: alice 1,400 (400 + the 1,000 grant of p1), bob 300, carol 200, dave 100.
      expect(w.engine.state.modules.governance.proposals.get('early')?.eligibleUnits).toBe(2000n);
      expect(await ballot('dave', 'early', 1)).toBe('accepted');
      // 100 for, 1,900 not cast: either side could still win.
      expect(w.engine.state.modules.governance.proposals.get('early')?.endedEarly).toBe(false);
      expect(await ballot('alice', 'early', 1)).toBe('accepted');
      // 1,500 for, 500 not cast: even if all 500 voted against, 1,500 / 2,000 >= 50 %.
      const proposal = w.engine.state.modules.governance.proposals.get('early');
      expect(proposal?.endedEarly).toBe(true);
      expect(proposal?.votingEndsMs).toBe(w.clock.nowMs());
      expect(proposalStatus(w.engine.state, 'early', w.clock.nowMs())?.status).toBe('succeeded');
      expect(await ballot('carol', 'early', 2)).toBe('voting_closed');
    });
  });

  describe('chambers: the AI DAO paper, section 5.2', () => {
    it.each([
      ['40M yes / 10M no in the governance chamber', '40000000', '10000000', 72n, 28n],
      ['30 yes / 10 no (the first case)', '30', '10', 70n, 30n],
    ])('venture 60 (40 yes / 20 no) with governance 40 at %s gives %s / %s', async (_name, yes, no, combinedFor, combinedAgainst) => {
      const tag = w.id('x');
      const assets = await chamberAssets(w);
      const { receipts, gov } = assets;
      const holdings: [string, string, string][] = [
        [`inv1${tag}`, receipts, '40'],
        [`inv2${tag}`, receipts, '20'],
        [`h1${tag}`, gov, yes],
        [`h2${tag}`, gov, no],
      ];
      for (const [member, assetId, amount] of holdings) keys.set(member, await w.keyedMember(member, assetId, amount));
      const category = `venture${tag}`;
      await w.ok('governance.set_category', chamberedCategory(category, assets));
      const id = `invest${tag}`;
      await w.ok('governance.create', { id, title: 'Invest', body: '', category }, { actorId: `h1${tag}` });
      await w.ok('governance.submit', { proposal: id }, { actorId: `h1${tag}` });
      await w.ok('governance.start_voting', { proposal: id });
      for (const [member, choice] of [
        [`inv1${tag}`, 1],
        [`inv2${tag}`, 2],
        [`h1${tag}`, 1],
        [`h2${tag}`, 2],
      ] as const) {
        expect(await ballot(member, id, choice)).toBe('accepted');
      }
      const scale = 10n ** 18n; // combined scores are in 10^-18 of a weight unit
      const status = proposalStatus(w.engine.state, id, w.clock.nowMs());
      expect(status?.tally?.scores).toEqual([combinedFor * scale, combinedAgainst * scale, 0n]);
      w.clock.advanceMs(86_400_000);
      expect(proposalStatus(w.engine.state, id, w.clock.nowMs())?.status).toBe('succeeded');
    });
  });

  describe('chambers with delegation, late quorum and early decision', () => {
    // venture chamber (weight 60, deposit receipts): v1 60, v2 40 (v2 delegates to v1);
    // governance chamber (weight 40, tokens): g1 50, g2 30, g3 20 (g3 delegates to g1).
    let assets: ChamberAssets;
    let tag: string;
    const member = (name: string) => `${name}${tag}`;

    beforeAll(async () => {
      tag = w.id('c');
      assets = await delegatingChamberMembers(w, keys, member);
    });

    async function openChamberedVote(id: string, options: Record<string, unknown>): Promise<void> {
      const category = `${id}${tag}`;
      await w.ok('governance.set_category', chamberedCategory(category, assets, options));
      await w.ok('governance.create', { id: `${id}${tag}`, title: id, body: '', category }, { actorId: member('g1') });
      await w.ok('governance.submit', { proposal: `${id}${tag}` }, { actorId: member('g1') });
      await w.ok('governance.start_voting', { proposal: `${id}${tag}` });
    }

    const chamberPowers = (id: string, voter: string) =>
      w.engine.state.modules.governance.proposals
        .get(`${id}${tag}`)
        ?.ballots.get(member(voter))
        ?.chamberPowers?.map((entry) => [entry.chamber, entry.ownUnits, entry.powerUnits]);

    it('a delegate votes the delegators\u2019 power in each chamber; a delegator voting directly takes it back there', async () => {
      await openChamberedVote('deleg', {});
      const id = `deleg${tag}`;
      expect(await ballot(member('v1'), id, 1)).toBe('accepted');
      expect(chamberPowers('deleg', 'v1')).toEqual([
        ['venture', 60n, 100n], // 60 own + v2's 40
        ['governance', 0n, 0n],
      ]);
      expect(await ballot(member('g1'), id, 1)).toBe('accepted');
      expect(chamberPowers('deleg', 'g1')).toEqual([
        ['venture', 0n, 0n],
        ['governance', 50n, 70n], // 50 own + g3's 20
      ]);
      expect(await ballot(member('g2'), id, 2)).toBe('accepted');
      expect(await ballot(member('g3'), id, 2)).toBe('accepted'); // takes its 20 back from g1
      expect(chamberPowers('deleg', 'g1')).toEqual([
        ['venture', 0n, 0n],
        ['governance', 50n, 50n],
      ]);
      // venture: 100 for -> 60 for; governance: 50 for / 50 against -> 20 / 20. Combined 80 / 20.
      const scale = 10n ** 18n;
      expect(proposalStatus(w.engine.state, id, w.clock.nowMs())?.tally?.scores).toEqual([80n * scale, 20n * scale, 0n]);
    });

    it('an early decision in a chambered vote: decided once even all uncast power against cannot defeat it', async () => {
      await openChamberedVote('early', { earlyDecision: true });
      const id = `early${tag}`;
      expect(await ballot(member('v1'), id, 1)).toBe('accepted');
      // Firm (own) power only: venture 60 for, 40 uncast; governance 100 uncast. Worst case
      // 60 * 60/100 + 40 * 0/100 = 36 of 100: not yet decided.
      expect(w.engine.state.modules.governance.proposals.get(id)?.endedEarly).toBe(false);
      expect(await ballot(member('g1'), id, 1)).toBe('accepted');
      // Worst case now 60 * 60/100 + 40 * 50/100 = 56 of 100 > 50 %, and both chambers have their quorum.
      const proposal = w.engine.state.modules.governance.proposals.get(id);
      expect(proposal?.endedEarly).toBe(true);
      expect(proposalStatus(w.engine.state, id, w.clock.nowMs())?.status).toBe('succeeded');
      expect(await ballot(member('g2'), id, 2)).toBe('voting_closed');
    });

    it('late quorum in a chambered vote: the deadline moves once every chamber has its quorum', async () => {
      await openChamberedVote('late', { quorumPercent: '50', lateQuorumSeconds: 3600 });
      const id = `late${tag}`;
      const end = w.engine.state.modules.governance.proposals.get(id)?.votingEndsMs ?? 0;
      w.clock.setMs(end - 30 * 60_000);
      expect(await ballot(member('v1'), id, 1)).toBe('accepted'); // venture 100 of 100; governance none yet
      expect(w.engine.state.modules.governance.proposals.get(id)?.quorumReachedMs).toBeUndefined();
      w.clock.setMs(end - 20 * 60_000);
      expect(await ballot(member('g1'), id, 1)).toBe('accepted'); // governance 70 of 100: both chambers now
      const reachedAt = w.clock.nowMs();
      w.clock.setMs(end + 60_000);
      expect(proposalStatus(w.engine.state, id, w.clock.nowMs())).toMatchObject({ status: 'voting', votingEndsMs: reachedAt + hourMs });
      w.clock.setMs(reachedAt + hourMs);
      expect(proposalStatus(w.engine.state, id, w.clock.nowMs())?.status).toBe('succeeded');
      const report = await verifyStore(w.dao.store);
      expect(report.ok, report.problem).toBe(true);
    });
  });

  describe('other ballot types', () => {
    it('a ranked-choice proposal (no actions) succeeds with its run-off winner; bad rankings are refused', async () => {
      const dave = { actorId: 'dave' };
      expect(
        await w.code(
          'governance.create',
          { id: 'rc0', title: 'Logo', body: '', category: 'treasury', ballotType: 'ranked-choice', choices: ['A', 'B', 'C'], actions: [spend('x', '1')] },
          dave,
        ),
      ).toBe('actions_need_basic_ballot');
      await w.ok('governance.create', { id: 'rc', title: 'Logo', body: '', category: 'treasury', ballotType: 'ranked-choice', choices: ['A', 'B', 'C'] }, dave);
      await w.ok('governance.submit', { proposal: 'rc' }, dave);
      w.clock.advanceMs(hourMs);
      await w.ok('governance.start_voting', { proposal: 'rc' });
      expect(await ballot('alice', 'rc', [1, 2])).toBe('choice_invalid'); // ranked-choice needs a full ranking
      expect(await ballot('alice', 'rc', [2, 1, 3])).toBe('accepted');
      expect(await ballot('bob', 'rc', [1, 3, 2])).toBe('accepted');
      expect(await ballot('carol', 'rc', [3, 1, 2])).toBe('accepted');
      w.clock.advanceMs(2 * dayMs);
      // First preferences: B 1,400 (alice), A 300 (bob), C 200 (carol): B has a majority of 1,900.
      const status = proposalStatus(w.engine.state, 'rc', w.clock.nowMs());
      expect(status).toMatchObject({ status: 'succeeded' });
      expect(status?.tally?.winner).toBe(2);
    });
  });
});
