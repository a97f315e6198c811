import fc from 'fast-check';
import { expect, it } from 'vitest';
import { type Backend, forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { checkLedgerInvariants } from '../../engine/invariants.ts';
import { loadState } from '../../engine/replay.ts';
import { formatAmount, parseAmount } from '../../kernel/amount.ts';
import { daySeconds } from '../../kernel/rates.ts';
import { availableUnits, balanceUnits } from '../../ledger/state.ts';
import { accruedRewardUnits, activeStakes, type ClaimResult, fullRewardUnits, totalStakedUnits, type UnstakeResult } from './index.ts';
import { penaltyUnits, rewardBurnUnits } from './rewards.ts';
import { type Staker, StakingWorld } from './test-world.ts';

/*
 * Random stakes, claims, unstakes, clock advances, pool top-ups and withdrawals and changes of
 * the exit rule through a real Engine. After every command: the pool never promises more than
 * it holds (its reservations are exactly the unpaid rewards of the open stakes and within its
 * balance), the vault holds exactly the open principal, supply changes only by the burns the
 * rules call for, no balance goes negative, and each claim pays exactly what accrued.
 * Reproduce a failure with POLITY_TEST_SEED=<seed> (printed at the start and on failure);
 * POLITY_TEST_RUNS=<n> searches longer.
 */
const seed = Number(process.env.POLITY_TEST_SEED ?? 20_260_320);
const runs = process.env.POLITY_TEST_RUNS === undefined ? undefined : Number(process.env.POLITY_TEST_RUNS);
const budget = { sqlite: { numRuns: 30, ops: 40 }, postgres: { numRuns: 6, ops: 30 } } as const;
const decimals = 6;
const scale = 10n ** BigInt(decimals);

const tiers = [
  { id: 'week', durationSeconds: 7 * daySeconds, apyPercent: '3', minimum: '10', ppm: 30_000n, burnPpm: 0n },
  { id: 'month', durationSeconds: 30 * daySeconds, apyPercent: '12.5', minimum: '100', rewardBurnPercent: '5', ppm: 125_000n, burnPpm: 50_000n },
  { id: 'quarter', durationSeconds: 90 * daySeconds, apyPercent: '18', minimum: '1000', rewardBurnPercent: '33.3333', ppm: 180_000n, burnPpm: 333_333n },
] as const;
const penalties = [undefined, '0', '2.5', '10', '100'] as const;

type Op =
  | { kind: 'stake'; who: number; tier: number; whole: number; micro: number }
  | { kind: 'claim'; pick: number; stranger: boolean }
  | { kind: 'unstake'; pick: number }
  | { kind: 'advance'; seconds: number }
  | { kind: 'fund'; whole: number }
  | { kind: 'drain'; percent: number }
  | { kind: 'exit'; penalty: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('stake' as const), who: fc.nat(2), tier: fc.nat(2), whole: fc.nat(4000), micro: fc.nat(999_999) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('claim' as const), pick: fc.nat(), stranger: fc.nat(9).map((n) => n === 0) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('unstake' as const), pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('advance' as const), seconds: fc.oneof(fc.constant(1), fc.nat(3600), fc.nat(40 * daySeconds)) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fund' as const), whole: fc.nat(500) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drain' as const), percent: fc.integer({ min: 1, max: 100 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('exit' as const), penalty: fc.nat(penalties.length - 1) }) },
);

/** What the histories exercised, so a generator that drifted into trivia shows up. */
const coverage = new Map<string, number>();
const seen = (what: string): void => void coverage.set(what, (coverage.get(what) ?? 0) + 1);

interface Model {
  mintedUnits: bigint;
  burnedUnits: bigint;
  penaltyPpm: bigint | undefined;
  stakeIds: string[];
}

class Run {
  private readonly model: Model;

  constructor(
    private readonly s: StakingWorld,
    private readonly stakers: Staker[],
    private readonly sink: string,
    mintedUnits: bigint,
  ) {
    this.model = { mintedUnits, burnedUnits: 0n, penaltyPpm: undefined, stakeIds: [] };
  }

  private get w(): LedgerWorld {
    return this.s.w;
  }

  async step(op: Op): Promise<void> {
    if (op.kind === 'stake') await this.stake(op);
    else if (op.kind === 'claim') await this.claim(op);
    else if (op.kind === 'unstake') await this.unstake(op);
    else if (op.kind === 'advance') this.s.advanceSeconds(op.seconds);
    else if (op.kind === 'fund') await this.fund(op.whole);
    else if (op.kind === 'drain') await this.drain(op.percent);
    else await this.exit(op.penalty);
    this.checkInvariants(JSON.stringify(op));
  }

  private async stake(op: Extract<Op, { kind: 'stake' }>): Promise<void> {
    const staker = this.stakers[op.who] as Staker;
    const tier = tiers[op.tier] as (typeof tiers)[number];
    const amount = `${op.whole}.${String(op.micro).padStart(decimals, '0')}`;
    const units = parseAmount(amount, { decimals });
    const id = this.w.id('stake');
    const outcome = await this.w.submit('staking.stake', { id, tier: tier.id, from: staker.account, amount }, staker.principal);
    seen(`stake ${outcome.ok ? 'accepted' : outcome.code}`);
    if (!outcome.ok) {
      expect(['below_tier_minimum', 'insufficient_funds', 'reward_pool_insufficient', 'amount_invalid']).toContain(outcome.code);
      if (outcome.code === 'below_tier_minimum') expect(units < BigInt(tier.minimum) * scale).toBe(true);
      return;
    }
    this.model.stakeIds.push(id);
    expect(this.s.staking.stakes.get(id)?.rewardUnits).toBe(fullRewardUnits(units, tier.ppm, tier.durationSeconds));
  }

  private pick(index: number): string | undefined {
    return this.model.stakeIds.length === 0 ? undefined : this.model.stakeIds[index % this.model.stakeIds.length];
  }

  private ownerOf(id: string): Staker {
    const stake = this.s.staking.stakes.get(id);
    return this.stakers.find((staker) => staker.principal.actorId === stake?.ownerId) as Staker;
  }

  private async claim(op: Extract<Op, { kind: 'claim' }>): Promise<void> {
    const id = this.pick(op.pick);
    if (id === undefined) return;
    const before = this.s.staking.stakes.get(id);
    if (!before) throw new Error(`no stake ${id}`);
    const by = op.stranger ? (this.stakers[(this.stakers.indexOf(this.ownerOf(id)) + 1) % this.stakers.length] as Staker) : this.ownerOf(id);
    const outcome = await this.w.submit<ClaimResult>('staking.claim', { stake: id }, by.principal);
    seen(`claim ${outcome.ok ? 'accepted' : outcome.code}`);
    if (op.stranger) return void expect(outcome).toMatchObject({ ok: false, code: 'not_stake_owner' });
    if (!outcome.ok) {
      expect(['nothing_to_claim', 'stake_closed']).toContain(outcome.code);
      return;
    }
    const owed = accruedRewardUnits(before, this.w.clock.nowMs()) - before.paidUnits;
    expect(this.s.staking.stakes.get(id)?.paidUnits).toBe(before.paidUnits + owed);
    this.model.burnedUnits += rewardBurnUnits(owed, this.burnPpmOf(before.tierId));
  }

  private async unstake(op: Extract<Op, { kind: 'unstake' }>): Promise<void> {
    const id = this.pick(op.pick);
    if (id === undefined) return;
    const before = this.s.staking.stakes.get(id);
    if (!before) throw new Error(`no stake ${id}`);
    const owner = this.ownerOf(id);
    const accountBefore = this.w.balance(owner.account);
    const outcome = await this.w.submit<UnstakeResult>('staking.unstake', { stake: id }, owner.principal);
    if (!outcome.ok) {
      seen(`unstake ${outcome.code}`);
      expect(['stake_locked', 'stake_closed']).toContain(outcome.code);
      if (outcome.code === 'stake_locked') expect(this.model.penaltyPpm).toBeUndefined();
      return;
    }
    const early = this.w.clock.nowMs() < before.maturityMs;
    seen(`unstake ${early ? 'early' : 'mature'}`);
    const penalty = early ? penaltyUnits(before.units, this.model.penaltyPpm ?? 0n) : 0n;
    const owed = early ? 0n : before.rewardUnits - before.paidUnits;
    const burned = rewardBurnUnits(owed, this.burnPpmOf(before.tierId));
    expect(this.w.balance(owner.account) - accountBefore).toBe(before.units - penalty + owed - burned);
    this.model.burnedUnits += penalty + burned;
  }

  private burnPpmOf(tierId: string): bigint {
    return tiers.find((tier) => tier.id === tierId)?.burnPpm ?? 0n;
  }

  private async fund(whole: number): Promise<void> {
    if (whole === 0) return;
    await this.w.mint(this.s.setup.asset, this.s.setup.pool, String(whole));
    this.model.mintedUnits += BigInt(whole) * scale;
  }

  /** Someone spends from the pool: only what its reservations leave free can go. */
  private async drain(percent: number): Promise<void> {
    const free = availableUnits(this.w.accountState(this.s.setup.pool));
    const units = (free * BigInt(percent)) / 100n;
    if (units === 0n) return;
    const over = await this.w.transfer({ id: this.w.id('over'), from: this.s.setup.pool, to: this.sink, amount: formatAmount(free + 1n, decimals) });
    expect(over).toBe('insufficient_funds');
    expect(await this.w.transfer({ id: this.w.id('drain'), from: this.s.setup.pool, to: this.sink, amount: formatAmount(units, decimals) })).toBe('created');
  }

  private async exit(index: number): Promise<void> {
    const penalty = penalties[index];
    const earlyExit = penalty === undefined ? { kind: 'rejected' } : { kind: 'penalty', penaltyPercent: penalty };
    await this.w.ok('staking.configure', { asset: this.s.setup.asset, rewardsFrom: this.s.setup.pool, earlyExit });
    this.model.penaltyPpm = penalty === undefined ? undefined : parseAmount(penalty, { decimals: 4, allowZero: true });
  }

  checkInvariants(after: string): void {
    const state = this.w.engine.state;
    const staking = this.s.staking;
    expect(checkLedgerInvariants(state, this.w.engine.head.seq), after).toEqual([]);
    const pool = this.w.accountState(this.s.setup.pool);
    const active = activeStakes(staking);
    const unpaid = active.reduce((sum, stake) => sum + stake.rewardUnits - stake.paidUnits, 0n);
    expect(pool.debitsPendingUnits, `reservations after ${after}`).toBe(unpaid);
    expect(pool.debitsPendingUnits <= balanceUnits(pool), `the pool promises more than it holds after ${after}`).toBe(true);
    for (const stake of active) {
      const reservation = stake.reservationId === undefined ? undefined : state.ledger.transfers.get(stake.reservationId);
      expect(reservation?.amountUnits ?? 0n, `reservation of ${stake.id}`).toBe(stake.rewardUnits - stake.paidUnits);
      if (reservation) expect(reservation.status).toBe('pending');
    }
    const principal = active.reduce((sum, stake) => sum + stake.units, 0n);
    expect(totalStakedUnits(staking)).toBe(principal);
    expect(this.w.balance(this.s.setup.vault)).toBe(principal);
    const asset = this.w.assetState(this.s.setup.asset);
    expect({ minted: asset.mintedUnits, burned: asset.burnedUnits }, `supply after ${after}`).toEqual({
      minted: this.model.mintedUnits,
      burned: this.model.burnedUnits,
    });
    let held = 0n;
    for (const account of state.ledger.accounts.values()) {
      if (account.assetId !== asset.id || account.system !== undefined) continue;
      expect(balanceUnits(account) >= 0n && availableUnits(account) >= 0n, `account ${account.id} after ${after}`).toBe(true);
      held += balanceUnits(account);
    }
    expect(held).toBe(this.model.mintedUnits - this.model.burnedUnits);
  }
}

async function scenario(backend: Backend, poolWhole: number, ops: Op[]): Promise<void> {
  const w = await LedgerWorld.open(backend);
  try {
    const s = await StakingWorld.create(w, { poolFunds: String(poolWhole), decimals, tiers: tiers.map(({ ppm: _ppm, burnPpm: _burn, ...tier }) => tier) });
    const stakers = [await s.staker('20000'), await s.staker('20000'), await s.staker('3000')];
    const sink = await w.account(s.setup.asset);
    const minted = (BigInt(poolWhole) + 43_000n) * scale;
    const run = new Run(s, stakers, sink, minted);
    run.checkInvariants('setup');
    for (const op of ops) await run.step(op);
    await w.engine.flush();
    expect((await loadState(w.dao.store)).state.modules.staking, 'replayed staking state').toEqual(s.staking);
  } finally {
    await w.close();
  }
}

forEachBackend((backend) => {
  const { numRuns, ops } = budget[backend.name];
  it(`random staking histories keep the pool solvent and value conserved (seed ${seed})`, async () => {
    console.info(`staking property test: ${backend.name}, seed ${seed} (POLITY_TEST_SEED=${seed} reproduces it)`);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 400 }),
        fc.array(opArb, { minLength: Math.floor(ops / 2), maxLength: ops, size: 'max' }),
        (poolWhole, history) => scenario(backend, poolWhole, history),
      ),
      { seed, numRuns: runs ?? numRuns, endOnFailure: process.env.POLITY_TEST_SHRINK !== '1' },
    );
    console.info(`staking property coverage (${backend.name}): ${JSON.stringify(Object.fromEntries([...coverage].sort()))}`);
    // The SQLite leg runs enough histories to reach every outcome that matters; the shorter
    // PostgreSQL leg checks the same rules on the other store and only reports its coverage.
    if (backend.name === 'sqlite') {
      for (const what of ['stake accepted', 'stake reward_pool_insufficient', 'claim accepted', 'unstake mature', 'unstake early']) {
        expect(coverage.get(what) ?? 0, what).toBeGreaterThan(0);
      }
    }
    coverage.clear();
  });
});
