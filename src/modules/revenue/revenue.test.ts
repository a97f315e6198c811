import { afterEach, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { systemActorId } from '../../access/state.ts';
import { Engine } from '../../engine/engine.ts';
import { checkLedgerInvariants } from '../../engine/invariants.ts';
import { loadState } from '../../engine/replay.ts';
import { decodeSnapshot, encodeSnapshot } from '../../engine/snapshot.ts';
import { type EngineState, evolve } from '../../engine/state.ts';
import type { Principal } from '../../engine/types.ts';
import { canonicalJson } from '../../kernel/canonical-json.ts';
import { LedgerMoves } from '../../ledger/moves.ts';
import { evolveRevenue } from './events.ts';
import {
  accumulatorScale,
  activityPointsMax,
  type ClaimResult,
  type CreatePolicyResult,
  checkRevenueInvariants,
  claimableUnits,
  type DepositResult,
  depositRevenue,
  policiesMax,
  type RevenueDeposited,
  revenueAccountId,
  revenueDustAccountId,
  revenuePolicies,
  revenuePolicy,
} from './index.ts';

const hourSeconds = 3600;
const tierSeconds = 30 * 86_400;
const stateText = (state: EngineState): string => canonicalJson(JSON.parse(encodeSnapshot(state)));

interface Member {
  principal: Principal;
  account: string;
}

/**
 * A DAO with one staking asset (2 decimals unless told), a zero-APY 30-day tier, and a payer
 * account of the admin holding revenue to deposit. Stakes go through the staking module's
 * own commands: revenue follows their `stake_opened` and `stake_closed` events.
 */
class RevenueWorld {
  constructor(
    readonly w: LedgerWorld,
    readonly asset: string,
    readonly payer: string,
  ) {}

  static async open(backend: Parameters<typeof LedgerWorld.open>[0], options: { decimals?: number; payerFunds?: string } = {}): Promise<RevenueWorld> {
    const w = await LedgerWorld.open(backend);
    const asset = await w.asset({ decimals: options.decimals ?? 2, supply: 'mintable' });
    const pool = await w.account(asset);
    await w.ok('staking.configure', { asset, rewardsFrom: pool, earlyExit: { kind: 'rejected' } });
    await w.ok('staking.create_tier', { id: 't30', durationSeconds: tierSeconds, apyPercent: '0', minimum: '0.01' });
    const payer = await w.account(asset);
    await w.mint(asset, payer, options.payerFunds ?? '1000000');
    return new RevenueWorld(w, asset, payer);
  }

  get state(): EngineState {
    return this.w.engine.state;
  }

  async member(funds = '0'): Promise<Member> {
    const principal = await this.w.actor();
    const account = await this.w.account(this.asset, { owner: principal.actorId });
    if (funds !== '0') await this.w.mint(this.asset, account, funds);
    return { principal, account };
  }

  /** A member who stakes `amount` of the asset (minted to it first). */
  async staker(amount: string): Promise<Member> {
    const member = await this.member(amount);
    await this.w.ok('staking.stake', { id: this.w.id('stake'), tier: 't30', from: member.account, amount }, member.principal);
    return member;
  }

  async policy(fields: Record<string, unknown>): Promise<string> {
    const id = this.w.id('policy');
    const result = await this.w.ok<CreatePolicyResult>('revenue.create_policy', { id, asset: this.asset, ...fields });
    expect(result).toEqual({ id, status: 'created', accountId: revenueAccountId(id), dustAccountId: revenueDustAccountId(id) });
    return id;
  }

  deposit(policy: string, amount: string): Promise<DepositResult> {
    return this.w.ok<DepositResult>('revenue.deposit', { id: this.w.id('d'), policy, from: this.payer, amount });
  }

  /** Claims everything for the member; returns the amount claimed ("0" when nothing). */
  async claim(policy: string, member: Member): Promise<string> {
    const outcome = await this.w.submit<ClaimResult>('revenue.claim', { policy, to: member.account }, member.principal);
    if (!outcome.ok) {
      expect(outcome.code).toBe('nothing_to_claim');
      return '0';
    }
    return outcome.result.claimed;
  }

  /** An agent allowed to record activity for the policy. */
  async recorder(policy: string): Promise<Principal> {
    const agent = await this.w.actor();
    await this.w.ok('access.grant', { actorId: agent.actorId, action: 'revenue.activity', resource: `policy:${policy}` });
    return agent;
  }

  claimable(policy: string, member: Member): bigint {
    return claimableUnits(this.state.modules.revenue, policy, member.principal.actorId, this.w.clock.nowMs());
  }

  /** Every revenue and ledger invariant, and each account holding what the policy says. */
  expectConserved(policy: string): void {
    expect(checkRevenueInvariants(this.state)).toEqual([]);
    expect(checkLedgerInvariants(this.state, 0)).toEqual([]);
    const tracked = revenuePolicy(this.state.modules.revenue, policy);
    if (!tracked) expect.fail(`no policy ${policy}`);
    expect(tracked.claimedUnits <= tracked.depositedUnits).toBe(true);
    expect(this.w.balance(tracked.accountId)).toBe(tracked.depositedUnits - tracked.claimedUnits - tracked.dustUnits);
    expect(this.w.balance(tracked.dustAccountId)).toBe(tracked.dustUnits);
    expect(tracked.dustUnits).toBe(tracked.dustScaled / accumulatorScale);
  }
}

forEachBackend((backend) => {
  const opened: RevenueWorld[] = [];
  afterEach(async () => {
    for (const world of opened.splice(0)) await world.w.close();
  });
  async function open(options: { decimals?: number; payerFunds?: string } = {}): Promise<RevenueWorld> {
    const world = await RevenueWorld.open(backend, options);
    opened.push(world);
    return world;
  }

  describe('stake-based sharing', () => {
    it('two stakers 1:3 share a deposit exactly', async () => {
      const r = await open();
      const alice = await r.staker('100');
      const bob = await r.staker('300');
      const policy = await r.policy({ mode: 'stake' });
      expect(await r.deposit(policy, '10')).toMatchObject({ status: 'deposited', amount: '10', stake: '10', activity: '0', dust: '0' });
      expect([r.claimable(policy, alice), r.claimable(policy, bob)]).toEqual([250n, 750n]);
      expect(await r.claim(policy, alice)).toBe('2.5');
      expect(await r.claim(policy, bob)).toBe('7.5');
      expect([r.w.balance(alice.account), r.w.balance(bob.account)]).toEqual([250n, 750n]);
      expect(r.w.balance(revenueAccountId(policy))).toBe(0n);
      expect(await r.claim(policy, alice)).toBe('0');
      r.expectConserved(policy);
    });

    it('a stake opened after a deposit earns only from later deposits; an unstaked member keeps what it earned', async () => {
      const r = await open();
      const alice = await r.staker('100');
      const policy = await r.policy({ mode: 'stake' });
      await r.deposit(policy, '6');
      const bob = await r.staker('200');
      await r.deposit(policy, '6');
      r.w.clock.advanceMs(tierSeconds * 1000);
      const stakeId = [...r.state.modules.staking.stakes.values()].find((stake) => stake.ownerId === alice.principal.actorId)?.id;
      await r.w.ok('staking.unstake', { stake: stakeId }, alice.principal);
      await r.deposit(policy, '6');
      expect(await r.claim(policy, alice)).toBe('8');
      expect(await r.claim(policy, bob)).toBe('10');
      r.expectConserved(policy);
    });

    it('a deposit with nothing staked is carried to the next deposit that finds stakes', async () => {
      const r = await open();
      const policy = await r.policy({ mode: 'stake' });
      await r.deposit(policy, '5');
      expect(revenuePolicy(r.state.modules.revenue, policy)?.stake.carriedUnits).toBe(500n);
      const alice = await r.staker('1');
      expect(r.claimable(policy, alice)).toBe(0n);
      await r.deposit(policy, '1');
      expect(await r.claim(policy, alice)).toBe('6');
      r.expectConserved(policy);
    });

    it('three equal stakers: 33.33 each of 100, the last cent stays owed in thirds until more comes', async () => {
      const r = await open();
      const members = [await r.staker('1'), await r.staker('1'), await r.staker('1')];
      const policy = await r.policy({ mode: 'stake' });
      await r.deposit(policy, '100');
      for (const member of members) expect(await r.claim(policy, member)).toBe('33.33');
      expect(r.w.balance(revenueAccountId(policy))).toBe(1n);
      await r.deposit(policy, '0.03');
      for (const member of members) expect(await r.claim(policy, member)).toBe('0.01');
      r.expectConserved(policy);
    });
  });

  describe('hybrid and activity sharing', () => {
    it('hybrid 70/30: 70 % to stakers 1:3, 30 % to the points of the previous epoch', async () => {
      const r = await open();
      const alice = await r.staker('100');
      const bob = await r.staker('300');
      const carol = await r.member();
      const dave = await r.member();
      const policy = await r.policy({ mode: 'hybrid', stakePercent: '70', epochSeconds: hourSeconds });
      const agent = await r.recorder(policy);
      await r.w.ok('revenue.record_activity', { policy, actor: carol.principal.actorId, points: '2', kind: 'vote' }, agent);
      await r.w.ok('revenue.record_activity', { policy, actor: dave.principal.actorId, points: '1', kind: 'proposal' }, agent);
      r.w.clock.advanceMs(hourSeconds * 1000);
      expect(await r.deposit(policy, '100')).toMatchObject({ stake: '70', activity: '30', dust: '0' });
      expect(await r.claim(policy, alice)).toBe('17.5');
      expect(await r.claim(policy, bob)).toBe('52.5');
      expect(await r.claim(policy, carol)).toBe('20');
      expect(await r.claim(policy, dave)).toBe('10');
      // The split is floor(amount * 70 %) to stakers: 0.01 gives 0 to them and 0.01 to activity.
      expect(await r.deposit(policy, '0.01')).toMatchObject({ stake: '0', activity: '0.01' });
      r.expectConserved(policy);
    });

    it('activity epochs: epoch 0 deposits carry; a point-less epoch carries; points count in their own epoch only', async () => {
      const r = await open();
      const carol = await r.member();
      const dave = await r.member();
      const policy = await r.policy({ mode: 'activity', epochSeconds: hourSeconds });
      const agent = await r.recorder(policy);
      const record = (member: Member, points: string, kind = 'contribution') =>
        r.w.ok('revenue.record_activity', { policy, actor: member.principal.actorId, points, kind }, agent);
      expect(await record(carol, '3')).toEqual({ policy, actorId: carol.principal.actorId, epoch: 0, epochPoints: '3' });
      await r.deposit(policy, '40'); // epoch 0: no closed epoch yet
      expect(revenuePolicy(r.state.modules.revenue, policy)?.activity.carriedUnits).toBe(4000n);
      r.w.clock.advanceMs(hourSeconds * 1000);
      await record(dave, '1'); // counts in epoch 1
      await r.deposit(policy, '20'); // epoch 1: 60 over epoch 0's points (carol only)
      expect([r.claimable(policy, carol), r.claimable(policy, dave)]).toEqual([6000n, 0n]);
      r.w.clock.advanceMs(2 * hourSeconds * 1000);
      await r.deposit(policy, '10'); // epoch 3: epoch 2 had no points, carried
      r.w.clock.advanceMs(hourSeconds * 1000);
      await record(carol, '1'); // epoch 4
      r.w.clock.advanceMs(hourSeconds * 1000);
      await r.deposit(policy, '5'); // epoch 5: 15 over epoch 4 (carol)
      expect(await r.claim(policy, carol)).toBe('75');
      expect(await r.claim(policy, dave)).toBe('0');
      r.expectConserved(policy);
    });
  });

  describe('dust', () => {
    it('dust is tracked, never lost; the dust account holds exactly its whole units', async () => {
      // 67 units staked (a prime above 64, so not a divisor of the scale): a deposit of 1 unit
      // raises the accumulator by floor(S / 67) and leaves S mod 67 scaled units of dust.
      const r = await open();
      const alice = await r.staker('0.67');
      const policy = await r.policy({ mode: 'stake' });
      expect(await r.deposit(policy, '0.01')).toMatchObject({ dust: '0' });
      const tracked = () => revenuePolicy(r.state.modules.revenue, policy);
      expect(tracked()?.dustScaled).toBe(accumulatorScale % 67n);
      expect(r.w.balance(revenueDustAccountId(policy))).toBe(0n);
      // The documented limit: exactly 0.01 is owed, 0.01 less 10^-63 of a cent can be claimed.
      expect(r.claimable(policy, alice)).toBe(0n);
      // Alice, the only staker, is owed all of 1.00 less dust under 10^-60 of a cent: she can claim
      // 0.99 and the last cent stays owed to her in the account, paid once more deposits lift her over it.
      await r.deposit(policy, '0.99');
      expect(await r.claim(policy, alice)).toBe('0.99');
      expect(r.w.balance(revenueAccountId(policy))).toBe(1n);
      r.expectConserved(policy);
    });

    it('several deposits in one command (depositRevenue from another module) see each other; whole dust units move', async () => {
      const r = await open();
      const policy = await r.policy({ mode: 'stake' });
      await r.w.engine.flush();
      // On a copy: 3/4 of the scale plus one staked (no real stake can be that large) makes each
      // 1-unit deposit leave a quarter unit of dust, so the fifth deposit completes a whole unit.
      const state = decodeSnapshot(encodeSnapshot(r.state));
      const ctx = { seq: 1_000_000, timeMs: r.w.clock.nowMs(), daoId: state.daoId, actorId: systemActorId };
      const whale = { type: 'stake_opened' as const, stake: { ownerId: 'whale', assetId: r.asset, units: (accumulatorScale * 3n) / 4n + 1n } };
      evolveRevenue(state.modules.revenue, whale, ctx);
      const moves = new LedgerMoves(state, ctx);
      for (let i = 0; i < 5; i += 1) {
        expect(depositRevenue(state, moves, { policyId: policy, fromAccountId: r.payer, units: 1n, transferId: `fee:${i}` })).toBeUndefined();
      }
      expect(depositRevenue(state, moves, { policyId: 'ghost', fromAccountId: r.payer, units: 1n, transferId: 'fee:x' })).toMatchObject({
        code: 'policy_not_found',
      });
      expect(depositRevenue(state, moves, { policyId: policy, fromAccountId: r.payer, units: 0n, transferId: 'fee:y' })).toMatchObject({
        code: 'amount_invalid',
      });
      const deposits = moves.events.filter((event): event is RevenueDeposited => event.type === 'revenue_deposited');
      expect(deposits.map((event) => event.dustUnits)).toEqual([0n, 0n, 0n, 0n, 1n]);
      // The events evolve as decided (evolve asserts it), and every account matches the state.
      for (const event of moves.events) evolve(state, event, ctx);
      expect(checkRevenueInvariants(state)).toEqual([]);
      expect(state.modules.revenue.policies.get(policy)?.dustUnits).toBe(1n);
      expect(state.ledger.accounts.get(revenueDustAccountId(policy))?.creditsPostedUnits).toBe(1n);
    });
  });

  describe('conservation over a mixed history, and replay', () => {
    it('claims never exceed deposits; accounts match the state; the log and a snapshot rebuild the same state', async () => {
      const r = await open();
      const members = [await r.staker('1'), await r.staker('2.5'), await r.staker('7')];
      const helper = await r.member();
      const policy = await r.policy({ mode: 'hybrid', stakePercent: '33.3333', epochSeconds: hourSeconds });
      const agent = await r.recorder(policy);
      const amounts = ['1', '0.07', '13.13', '0.01', '99.99', '3'];
      for (const [i, amount] of amounts.entries()) {
        await r.w.ok('revenue.record_activity', { policy, actor: helper.principal.actorId, points: String(i + 1), kind: 'vote' }, agent);
        await r.w.ok('revenue.record_activity', { policy, actor: (members[i % 3] as Member).principal.actorId, points: '2', kind: 'proposal' }, agent);
        await r.deposit(policy, amount);
        await r.claim(policy, members[(i + 1) % 3] as Member);
        r.w.clock.advanceMs((hourSeconds * 1000 * 3) / 2);
        r.expectConserved(policy);
      }
      for (const member of [...members, helper]) await r.claim(policy, member);
      r.expectConserved(policy);
      await r.w.engine.flush();
      const before = stateText(r.state);
      const store = await r.w.dao.testStore.reopen();
      try {
        const engine = await Engine.open({ store, clock: r.w.clock });
        expect(stateText(engine.state)).toBe(before);
        await engine.close();
      } finally {
        await store.close();
      }
      await r.w.engine.snapshot();
      expect(stateText((await loadState(r.w.dao.store)).state)).toBe(before);
    });
  });

  describe('commands', () => {
    it('create_policy is idempotent by id; queries list the policies', async () => {
      const r = await open();
      const payload = { id: 'shared', asset: r.asset, mode: 'hybrid', stakePercent: '70', epochSeconds: 60 };
      expect(await r.w.ok('revenue.create_policy', payload)).toMatchObject({ status: 'created' });
      expect(await r.w.ok('revenue.create_policy', payload)).toMatchObject({ status: 'exists', accountId: '@revenue.shared' });
      expect(await r.w.code('revenue.create_policy', { ...payload, stakePercent: '60' })).toBe('policy_exists');
      expect(revenuePolicies(r.state.modules.revenue).map((policy) => [policy.id, policy.mode, policy.stakePpm])).toEqual([['shared', 'hybrid', 700_000]]);
      expect(r.w.accountState('@revenue.shared.dust')).toMatchObject({ ownerId: 'system', assetId: r.asset });
    });

    it('a deposit retried with the same id is exists, with another body deposit_exists', async () => {
      const r = await open();
      const policy = await r.policy({ mode: 'stake' });
      const payload = { id: 'once', policy, from: r.payer, amount: '5' };
      expect(await r.w.ok('revenue.deposit', payload)).toMatchObject({ status: 'deposited' });
      expect(await r.w.ok('revenue.deposit', payload)).toMatchObject({ status: 'exists' });
      expect(await r.w.code('revenue.deposit', { ...payload, amount: '6' })).toBe('deposit_exists');
      expect(r.w.balance(revenueAccountId(policy))).toBe(500n);
    });

    type Row = [string, (ctx: Rows) => Promise<[string, unknown, Principal?]>, string];
    interface Rows {
      r: RevenueWorld;
      policy: string;
      stakeOnly: string;
      member: Member;
      agent: Principal;
    }

    it.each<Row>([
      [
        'create_policy by a member',
        async ({ r, member }) => ['revenue.create_policy', { id: 'x', asset: r.asset, mode: 'stake' }, member.principal],
        'not_authorized',
      ],
      [
        'create_policy with a used id and other terms',
        async ({ r, stakeOnly }) => ['revenue.create_policy', { id: stakeOnly, asset: r.asset, mode: 'activity', epochSeconds: 60 }],
        'policy_exists',
      ],
      ['create_policy of an unknown asset', async () => ['revenue.create_policy', { id: 'x', asset: 'ghost', mode: 'stake' }], 'asset_not_found'],
      [
        'create_policy in a non-fungible asset',
        async ({ r }) => ['revenue.create_policy', { id: 'x', asset: await r.w.asset({ kind: 'non_fungible' }), mode: 'stake' }],
        'asset_not_fungible',
      ],
      [
        'create_policy hybrid without stakePercent',
        async ({ r }) => ['revenue.create_policy', { id: 'x', asset: r.asset, mode: 'hybrid', epochSeconds: 60 }],
        'policy_invalid',
      ],
      [
        'create_policy stake with epochSeconds',
        async ({ r }) => ['revenue.create_policy', { id: 'x', asset: r.asset, mode: 'stake', epochSeconds: 60 }],
        'policy_invalid',
      ],
      [
        'create_policy with a percent above 100',
        async ({ r }) => ['revenue.create_policy', { id: 'x', asset: r.asset, mode: 'hybrid', stakePercent: '100.5', epochSeconds: 60 }],
        'percent_invalid',
      ],
      ['deposit into an unknown policy', async ({ r }) => ['revenue.deposit', { id: 'x', policy: 'ghost', from: r.payer, amount: '1' }], 'policy_not_found'],
      ['deposit of zero', async ({ r, policy }) => ['revenue.deposit', { id: 'x', policy, from: r.payer, amount: '0' }], 'amount_invalid'],
      ['deposit finer than the decimals', async ({ r, policy }) => ['revenue.deposit', { id: 'x', policy, from: r.payer, amount: '0.001' }], 'amount_invalid'],
      [
        'deposit from an account not the caller',
        async ({ r, policy, member }) => ['revenue.deposit', { id: 'x', policy, from: r.payer, amount: '1' }, member.principal],
        'not_authorized',
      ],
      [
        'deposit of more than the account holds',
        async ({ policy, member }) => ['revenue.deposit', { id: 'x', policy, from: member.account, amount: '1' }, member.principal],
        'insufficient_funds',
      ],
      [
        'deposit from an unknown account',
        async ({ policy }) => ['revenue.deposit', { id: 'x', policy, from: 'ghost', amount: '1' }],
        'debit_account_not_found',
      ],
      [
        'deposit from an account of another asset',
        async ({ r, policy }) => ['revenue.deposit', { id: 'x', policy, from: (await r.w.pair()).a, amount: '1' }],
        'asset_mismatch',
      ],
      [
        'record_activity without the permission',
        async ({ policy, member }) => ['revenue.record_activity', { policy, actor: member.principal.actorId, points: '1', kind: 'vote' }, member.principal],
        'not_authorized',
      ],
      [
        'record_activity for an unknown policy',
        async ({ member }) => ['revenue.record_activity', { policy: 'ghost', actor: member.principal.actorId, points: '1', kind: 'vote' }],
        'policy_not_found',
      ],
      [
        'record_activity in a stake-only policy',
        async ({ stakeOnly, member }) => ['revenue.record_activity', { policy: stakeOnly, actor: member.principal.actorId, points: '1', kind: 'vote' }],
        'activity_not_enabled',
      ],
      [
        'record_activity for an unknown actor',
        async ({ policy, agent }) => ['revenue.record_activity', { policy, actor: 'ghost', points: '1', kind: 'vote' }, agent],
        'actor_not_found',
      ],
      [
        'record_activity above the points limit',
        async ({ policy, member, agent }) => [
          'revenue.record_activity',
          { policy, actor: member.principal.actorId, points: String(activityPointsMax + 1n), kind: 'vote' },
          agent,
        ],
        'points_invalid',
      ],
      ['claim from an unknown policy', async ({ member }) => ['revenue.claim', { policy: 'ghost', to: member.account }, member.principal], 'policy_not_found'],
      ['claim into an unknown account', async ({ policy, member }) => ['revenue.claim', { policy, to: 'ghost' }, member.principal], 'account_not_found'],
      [
        'claim into an account of someone else',
        async ({ r, policy, member }) => ['revenue.claim', { policy, to: r.payer }, member.principal],
        'not_authorized',
      ],
      [
        'claim into an account of another asset',
        async ({ r, policy, member }) => [
          'revenue.claim',
          { policy, to: await r.w.account((await r.w.pair()).asset, { owner: member.principal.actorId }) },
          member.principal,
        ],
        'asset_mismatch',
      ],
      ['claim with nothing owed', async ({ policy, member }) => ['revenue.claim', { policy, to: member.account }, member.principal], 'nothing_to_claim'],
    ])('%s -> %s', async (_name, build, expected) => {
      const r = await open();
      const policy = await r.policy({ mode: 'hybrid', stakePercent: '50', epochSeconds: 60 });
      const stakeOnly = await r.policy({ mode: 'stake' });
      const member = await r.member();
      const agent = await r.recorder(policy);
      const [type, payload, principal] = await build({ r, policy, stakeOnly, member, agent });
      const afterSetup = stateText(r.state);
      expect(await r.w.code(type, payload, principal)).toBe(expected);
      // A rejected command changes nothing (setup commands of the row aside).
      expect(stateText(r.state)).toBe(afterSetup);
    });

    it('too_many_policies once a DAO holds policiesMax policies', async () => {
      const r = await open();
      for (let i = 0; i < policiesMax; i += 1) await r.w.ok('revenue.create_policy', { id: `p${i}`, asset: r.asset, mode: 'stake' });
      expect(await r.w.code('revenue.create_policy', { id: 'one-more', asset: r.asset, mode: 'stake' })).toBe('too_many_policies');
    });
  });
});
