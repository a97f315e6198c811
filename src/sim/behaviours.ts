import { parseAmount } from '../kernel/amount.ts';
import { monthSeconds, ppmWhole, yearSeconds } from '../kernel/rates.ts';
import { emissionPools, poolRewardsAccountId } from '../modules/emission/index.ts';
import { claimableUnits } from '../modules/revenue/index.ts';
import { accruedRewardUnits, activeStakes, type Tier } from '../modules/staking/index.ts';
import { fundAccountId } from '../modules/treasury/index.ts';
import { releasableUnits, vestingGrants } from '../modules/vesting/index.ts';
import type { SimParams } from './params.ts';
import type { SimWorld } from './world.ts';

/** Miners scored per distribution: the emission module's limit per command. */
const minersPerDistribution = 1_000;
/** Recipients of a beneficiary's monthly sale: buyers drawn from the holders. */
const buyersPerSale = 8;

/**
 * What people do in one step of the simulation. Every action is an ordinary command; the
 * engine decides, exactly as in production, and a refusal (a pool that cannot cover a stake,
 * say) is counted, not hidden. Randomness comes only from the world's seeded generator.
 */
export class Behaviours {
  private stakeCounter = 0;
  private transferCounter = 0;
  private attested = 0;
  private burnsTriggered = 0;
  private readonly fundOpeningUnits = new Map<string, bigint>();
  private readonly miners: string[];

  constructor(
    private readonly world: SimWorld,
    private readonly params: SimParams,
  ) {
    const minerCount = Math.max(1, Math.floor((world.holders.length * params.minerSharePpm) / 1_000_000));
    this.miners = world.holders.slice(0, Math.min(minerCount, minersPerDistribution));
  }

  /** Runs one step ending at the world's current time; `step` counts from 1. */
  step(step: number): void {
    const world = this.world;
    const elapsedSeconds = Math.floor((world.nowMs - (world.engine.state.modules.economy.genesisMs ?? world.nowMs)) / 1000);
    const stepsPerMonth = Math.max(1, Math.round(monthSeconds / this.params.stepSeconds));
    if (step === 1) this.recordFundOpenings();
    this.triggerMilestones(elapsedSeconds);
    if (step % stepsPerMonth === 0) {
      this.claimVesting();
      this.sellVested();
    }
    if (step % Math.max(1, Math.round((this.params.miningIntervalDays * 86_400) / this.params.stepSeconds)) === 0) this.mine();
    this.spendFunds();
    this.chargeFees(elapsedSeconds);
    this.unstakeMatured();
    this.claimRewards();
    this.stake();
  }

  private nextId(prefix: string): string {
    this.transferCounter += 1;
    return `${prefix}${this.transferCounter}`;
  }

  /** How many of `count` candidates act, drawn so that the expected number is count * chance. */
  private draws(count: number, chancePpm: number): number {
    const expected = count * chancePpm;
    const whole = Math.floor(expected / 1_000_000);
    return whole + (this.world.rng.nextInt(1_000_000) < expected % 1_000_000 ? 1 : 0);
  }

  private recordFundOpenings(): void {
    for (const fund of this.world.config.treasury.funds) this.fundOpeningUnits.set(fund.id, this.world.balance(fundAccountId(fund.id)));
  }

  private triggerMilestones(elapsedSeconds: number): void {
    const months = Math.floor(elapsedSeconds / monthSeconds);
    const milestoneGrants = vestingGrants(this.world.engine.state.modules.vesting).filter((grant) => grant.schedule.kind === 'milestones');
    while (this.attested < this.params.milestoneMonths.length && months >= (this.params.milestoneMonths[this.attested] ?? Infinity)) {
      for (const grant of milestoneGrants) {
        const tranche = grant.schedule.kind === 'milestones' ? grant.schedule.tranches[this.attested] : undefined;
        if (tranche) this.world.submit('vesting.attest', { id: grant.id, milestone: tranche.milestone });
      }
      this.attested += 1;
    }
    const burns = this.world.config.burns.milestones;
    while (this.burnsTriggered < burns.length && months >= (this.params.burnMonths[this.burnsTriggered] ?? Infinity)) {
      const burn = burns[this.burnsTriggered];
      if (burn) this.world.submit('burns.milestone', { id: burn.id });
      this.burnsTriggered += 1;
    }
  }

  private claimVesting(): void {
    for (const grant of vestingGrants(this.world.engine.state.modules.vesting)) {
      if (releasableUnits(grant, this.world.nowMs) > 0n) this.world.submit('vesting.claim', { id: grant.id });
    }
  }

  /** Beneficiaries sell part of what they hold to holders: how vested tokens reach the market. */
  private sellVested(): void {
    const world = this.world;
    for (const allocation of world.config.allocations) {
      if (allocation.to.kind !== 'account') continue;
      const from = allocation.to.account;
      const units = (world.balance(from) * BigInt(this.params.beneficiarySellSharePpm)) / ppmWhole / BigInt(buyersPerSale);
      if (units <= 0n) continue;
      const transfers = Array.from({ length: buyersPerSale }, () => ({
        id: this.nextId('sale'),
        from,
        to: world.rng.pick(world.holders),
        amount: world.amount(units),
      }));
      world.submit('ledger.create_transfers', { transfers }, { actorId: allocation.to.owner });
    }
  }

  private mine(): void {
    const world = this.world;
    for (const pool of emissionPools(world.engine.state.modules.emission)) {
      world.submit('emission.emit', { pool: pool.id });
      if (world.balance(poolRewardsAccountId(pool.id)) <= 0n) continue;
      const factors = pool.factors.map((factor) => factor.name);
      const contributions = this.miners.map((account) => ({
        account,
        scores: Object.fromEntries(factors.map((factor) => [factor, String(1 + world.rng.nextInt(100))])),
      }));
      world.submit('emission.distribute', { id: this.nextId(`mine-${pool.id}-`), pool: pool.id, contributions });
    }
  }

  /** Discretionary funds reach circulation at an assumed yearly rate, as grants to holders. */
  private spendFunds(): void {
    const world = this.world;
    const stepsPerYear = yearSeconds / this.params.stepSeconds;
    for (const [fund, ratePpm] of Object.entries(this.params.fundSpendPerYearPpm)) {
      const opening = this.fundOpeningUnits.get(fund);
      if (opening === undefined || opening <= 0n) continue;
      const units = (opening * BigInt(ratePpm)) / ppmWhole / BigInt(Math.max(1, Math.round(stepsPerYear)));
      const available = world.balance(fundAccountId(fund));
      const spend = units < available ? units : available;
      if (spend > 0n)
        world.submit('treasury.spend', { id: this.nextId(`spend-${fund}-`), fund, to: world.rng.pick(world.holders), amount: world.amount(spend) });
    }
  }

  /** Marketplace fees grow by a yearly rate; each class's share is paid by a random holder. */
  private chargeFees(elapsedSeconds: number): void {
    const world = this.world;
    const stepsPerDay = 86_400 / this.params.stepSeconds;
    // Demand is the simulation's input, not a ledger amount: a float is fine here; it is
    // turned into whole tokens before it reaches any command.
    const growth = (1 + this.params.feeGrowthPerYearPpm / 1_000_000) ** (elapsedSeconds / yearSeconds);
    const tokensPerStep = Math.round((this.params.feesPerDayTokens * growth) / stepsPerDay);
    const one = 10n ** BigInt(world.decimals);
    for (const fee of world.config.burns.fees) {
      const share = this.params.feeMixPpm[fee.class] ?? 0;
      const units = (BigInt(tokensPerStep) * one * BigInt(share)) / ppmWhole;
      if (units <= 0n) continue;
      const payer = world.rng.pick(world.holders);
      if (world.balance(payer) < units) continue;
      world.submit('burns.charge_fee', { id: this.nextId('fee'), class: fee.class, from: payer, amount: world.amount(units) }, { actorId: payer });
    }
  }

  private unstakeMatured(): void {
    const world = this.world;
    for (const stake of activeStakes(world.engine.state.modules.staking)) {
      if (stake.maturityMs <= world.nowMs) world.submit('staking.unstake', { stake: stake.id }, { actorId: stake.ownerId });
    }
  }

  /** Stakers who have something to claim claim it; matured stakes are being unstaked instead. */
  private claimRewards(): void {
    const world = this.world;
    const state = world.engine.state;
    const stakes = activeStakes(state.modules.staking).filter((stake) => stake.maturityMs > world.nowMs);
    const claimed = new Set<string>();
    for (let n = this.draws(stakes.length, this.params.claimChancePerDayPpm); n > 0; n -= 1) {
      const stake = world.rng.pick(stakes);
      if (claimed.has(stake.id)) continue;
      claimed.add(stake.id);
      if (accruedRewardUnits(stake, world.nowMs) > stake.paidUnits) world.submit('staking.claim', { stake: stake.id }, { actorId: stake.ownerId });
      for (const policy of world.config.revenue.policies) {
        if (claimableUnits(state.modules.revenue, policy.id, stake.ownerId, world.nowMs) > 0n) {
          world.submit('revenue.claim', { policy: policy.id, to: stake.accountId }, { actorId: stake.ownerId });
        }
      }
    }
  }

  /** A holder who stakes picks the longest tier whose minimum the stake meets. */
  private stake(): void {
    const world = this.world;
    const tiers = [...world.engine.state.modules.staking.tiers.values()]
      .sort((a: Tier, b: Tier) => b.durationSeconds - a.durationSeconds)
      .map((tier) => ({ id: tier.id, minimumUnits: parseAmount(tier.minimum, { decimals: world.decimals }) }));
    for (let n = this.draws(world.holders.length, this.params.stakeChancePerDayPpm); n > 0; n -= 1) {
      const holder = world.rng.pick(world.holders);
      const units = (world.balance(holder) * BigInt(this.params.stakeSharePpm)) / ppmWhole;
      const tier = tiers.find((candidate) => candidate.minimumUnits <= units);
      if (!tier || units <= 0n) continue;
      this.stakeCounter += 1;
      world.submit('staking.stake', { id: `s${this.stakeCounter}`, tier: tier.id, from: holder, amount: world.amount(units) }, { actorId: holder });
    }
  }
}
