import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, type Rejected, rejected } from '../../../engine/types.ts';
import { formatAmount, parseAmount } from '../../../kernel/amount.ts';
import { assert } from '../../../kernel/assert.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import { availableUnits } from '../../../ledger/state.ts';
import type { PoolDistributed } from '../events.ts';
import { contributionsMax } from '../limits.ts';
import { DistributeSchema } from '../schema.ts';
import { weightedShares } from '../shares.ts';
import type { EmissionPool } from '../state.ts';

export type DistributePayload = Static<typeof DistributeSchema>;
type Contribution = DistributePayload['contributions'][number];

export interface Payout {
  account: string;
  amount: string;
  /** The ledger transfer that paid it; absent when the share rounded down to nothing. */
  transferId?: string;
}

export interface DistributeResult {
  id: string;
  pool: string;
  /** Asked for (by default the rewards account's whole available balance). */
  amount: string;
  distributed: string;
  /** Rounding dust left in the rewards account for the next distribution. */
  dust: string;
  payouts: Payout[];
}

/** Who may pay out a pool's rewards: an oracle or a governance executor holds this grant. */
export const distributeAction = 'emission.distribute';

/**
 * Pays contributors out of the pool's rewards account by the weighted formula of
 * `weightedShares` (see shares.ts): each factor's weight split by each contributor's part of
 * that factor's total score, every payout floored, the dust left in the rewards account.
 */
export const distribute: CommandDefinition<EngineState, DistributePayload, DistributeResult> = {
  type: 'emission.distribute',
  schema: DistributeSchema,
  weight: (payload) => payload.contributions.length,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, distributeAction, [`pool:${payload.pool}`])) {
      return rejected('not_authorized', `${ctx.actorId} may not distribute the rewards of pool ${payload.pool}`);
    }
    if (state.modules.emission.distributions.has(payload.id)) return rejected('distribution_exists', `distribution ${payload.id} was made already`);
    const pool = state.modules.emission.pools.get(payload.pool);
    if (!pool) return rejected('pool_not_found', `no emission pool ${payload.pool}`);
    assert(payload.contributions.length <= contributionsMax, 'the schema bounds the contributions');
    const problem = checkContributions(state, pool, payload.contributions);
    if (problem) return problem;
    const amount = distributionAmount(state, pool, payload.amount);
    if (typeof amount !== 'bigint') return amount;
    const shares = weightedShares(amount, new Map(pool.factors.map((factor) => [factor.name, BigInt(factor.weight)])), payload.contributions.map(scoreMap));
    const distributed = shares.reduce((sum, share) => sum + share, 0n);
    if (distributed === 0n) return rejected('nothing_to_distribute', 'no contributor has a share: every weighted score is zero or the amount too small');
    assert(distributed <= amount, 'the shares never add up to more than the amount');
    return pay(state, { ...payload, amount }, pool, shares, ctx);
  },
};

/** Each contribution in order: listed once, known factors, an existing account of the pool's asset. */
function checkContributions(state: EngineState, pool: EmissionPool, contributions: readonly Contribution[]): Rejected | undefined {
  const factors = new Set(pool.factors.map((factor) => factor.name));
  const seen = new Set<string>();
  for (const contribution of contributions) {
    if (seen.has(contribution.account)) return rejected('contribution_duplicate', `account ${contribution.account} is listed twice`);
    seen.add(contribution.account);
    const unknown = Object.keys(contribution.scores).find((name) => !factors.has(name));
    if (unknown !== undefined) return rejected('factor_unknown', `pool ${pool.id} has no factor ${unknown}`);
    const account = state.ledger.accounts.get(contribution.account);
    if (!account) return rejected('account_not_found', `no account ${contribution.account}`);
    if (account.assetId !== pool.assetId) return rejected('asset_mismatch', `${account.id} holds ${account.assetId}, not ${pool.assetId}`);
  }
  return undefined;
}

/** The amount asked for, or the rewards account's whole available balance; never more than it has. */
function distributionAmount(state: EngineState, pool: EmissionPool, amount: string | undefined): bigint | Rejected {
  const asset = state.ledger.assets.get(pool.assetId);
  const rewards = state.ledger.accounts.get(pool.rewardsAccountId);
  assert(asset && rewards, `pool ${pool.id} has its asset and rewards account`);
  const available = availableUnits(rewards);
  let units = available;
  if (amount !== undefined) {
    try {
      units = parseAmount(amount, { decimals: asset.decimals, allowZero: false });
    } catch (error) {
      if (isPolityError(error)) return rejected('amount_invalid', error.message);
      throw error;
    }
  }
  if (units > available) return rejected('insufficient_funds', `${rewards.id} has ${formatAmount(available, asset.decimals)} available`);
  if (units <= 0n) return rejected('nothing_to_distribute', `${rewards.id} has nothing available to distribute`);
  return units;
}

/** Own properties only: a factor named like an Object.prototype member must not read one. */
function scoreMap(contribution: Contribution): Map<string, bigint> {
  return new Map(Object.entries(contribution.scores).map(([name, score]) => [name, BigInt(score)]));
}

interface Distribution {
  id: string;
  amount: bigint;
  contributions: readonly Contribution[];
}

function pay(state: EngineState, distribution: Distribution, pool: EmissionPool, shares: readonly bigint[], ctx: CommandContext) {
  const moves = new LedgerMoves(state, ctx);
  const decimals = state.ledger.assets.get(pool.assetId)?.decimals ?? 0;
  const payouts: Payout[] = [];
  let distributed = 0n;
  let count = 0;
  for (const [index, contribution] of distribution.contributions.entries()) {
    const units = shares[index] ?? 0n;
    const payout: Payout = { account: contribution.account, amount: formatAmount(units, decimals) };
    if (units > 0n) {
      const transferId = `emission:${distribution.id}:${index}`;
      const problem = moves.transfer({ id: transferId, fromId: pool.rewardsAccountId, toId: contribution.account, units });
      if (problem) return rejected(problem.code, `payout to ${contribution.account}: ${problem.message}`);
      payout.transferId = transferId;
      distributed += units;
      count += 1;
    }
    payouts.push(payout);
  }
  const dustUnits = distribution.amount - distributed;
  const event: PoolDistributed = { type: 'pool_distributed', id: distribution.id, pool: pool.id, distributedUnits: distributed, dustUnits, count };
  moves.note(event);
  const format = (units: bigint) => formatAmount(units, decimals);
  return accepted(moves.events, {
    id: distribution.id,
    pool: pool.id,
    amount: format(distribution.amount),
    distributed: format(distributed),
    dust: format(dustUnits),
    payouts,
  });
}
