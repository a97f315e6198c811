/**
 * Test support for the staking tests (not imported by the module): a DAO with a staking
 * token, a funded reward pool, the BTT tiers and helpers that keep a test to one line a step.
 */
import { expect } from 'vitest';
import type { LedgerWorld } from '../../../test/support/ledger-world.ts';
import type { Principal } from '../../engine/types.ts';
import { daySeconds } from '../../kernel/rates.ts';
import type { StakingState } from './index.ts';

export const bttDecimals = 18;
export const btt = 10n ** 18n;

/**
 * The BTT staking tiers. Benefits add up tier by tier, so the 1,095-day tier has them all:
 * compute priority from 90 days, a 20 % fee discount from 180, 1.5x votes from 365.
 */
export const bttTiers = [
  { id: 'btt-30', durationSeconds: 30 * daySeconds, apyPercent: '3', minimum: '1000' },
  { id: 'btt-90', durationSeconds: 90 * daySeconds, apyPercent: '5', minimum: '5000', benefits: { computePriority: true } },
  { id: 'btt-180', durationSeconds: 180 * daySeconds, apyPercent: '8', minimum: '10000', benefits: { computePriority: true, feeDiscountPercent: '20' } },
  {
    id: 'btt-365',
    durationSeconds: 365 * daySeconds,
    apyPercent: '12',
    minimum: '50000',
    benefits: { computePriority: true, feeDiscountPercent: '20', votingMultiplier: '1.5' },
  },
  {
    id: 'btt-1095',
    durationSeconds: 1095 * daySeconds,
    apyPercent: '18',
    minimum: '100000',
    benefits: { computePriority: true, feeDiscountPercent: '20', votingMultiplier: '1.5', specialAccess: true },
  },
] as const;

export interface StakingSetup {
  asset: string;
  pool: string;
  vault: string;
}

export interface Staker {
  principal: Principal;
  account: string;
}

export class StakingWorld {
  constructor(
    readonly w: LedgerWorld,
    readonly setup: StakingSetup,
  ) {}

  /**
   * A fresh staking token (18 decimals unless told) in `w`, with a reward pool holding
   * `poolFunds`, configured with `configure` and the BTT tiers. The DAO allows one staking
   * asset, so each call needs a DAO without stakes.
   */
  static async create(w: LedgerWorld, options: { poolFunds?: string; decimals?: number; configure?: Record<string, unknown>; tiers?: readonly object[] } = {}) {
    const asset = await w.asset({ decimals: options.decimals ?? bttDecimals, supply: 'mintable' });
    const pool = await w.account(asset);
    if (options.poolFunds !== '0') await w.mint(asset, pool, options.poolFunds ?? '1000000');
    const result = await w.ok<{ vaultId: string }>('staking.configure', { asset, rewardsFrom: pool, earlyExit: { kind: 'rejected' }, ...options.configure });
    for (const tier of options.tiers ?? bttTiers) await w.ok('staking.create_tier', tier);
    return new StakingWorld(w, { asset, pool, vault: result.vaultId });
  }

  get staking(): StakingState {
    return this.w.engine.state.modules.staking;
  }

  /** A new member with an account of the staking token holding `funds`. */
  async staker(funds = '1000000'): Promise<Staker> {
    const principal = await this.w.actor();
    const account = await this.w.account(this.setup.asset, { owner: principal.actorId });
    if (funds !== '0') await this.w.mint(this.setup.asset, account, funds);
    return { principal, account };
  }

  /** Opens a stake that must be accepted; returns its id. */
  async stake(staker: Staker, tier: string, amount: string, id = this.w.id('stake')): Promise<string> {
    const outcome = await this.w.submit('staking.stake', { id, tier, from: staker.account, amount }, staker.principal);
    if (!outcome.ok) expect.fail(`staking.stake was rejected: ${outcome.code} ${outcome.message}`);
    return id;
  }

  advanceSeconds(seconds: number): void {
    this.w.clock.advanceMs(seconds * 1000);
  }
}
