import type { Static } from '@sinclair/typebox';
import { can, systemActorId } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, type Rejected, rejected } from '../../../engine/types.ts';
import { canonicalJson } from '../../../kernel/canonical-json.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import type { Account, Asset } from '../../../ledger/state.ts';
import type { StakingConfigured } from '../events.ts';
import { stakingVaultAccountId } from '../ids.ts';
import { isRejected, parsePercent, parseUnits } from '../parse.ts';
import { ConfigureStakingSchema } from '../schema.ts';
import type { Committee, EarlyExit, StakingConfig, StakingState } from '../state.ts';

export type ConfigureStakingPayload = Static<typeof ConfigureStakingSchema>;

export interface ConfigureStakingResult {
  assetId: string;
  vaultId: string;
  status: 'configured' | 'exists';
}

/**
 * Names the staking asset, the account that funds rewards and the exit rules, and opens the
 * vault `@staking.<asset>`. It may be repeated to change settings; the asset is fixed once a
 * stake exists. Stakes already open keep drawing their reward from the account that reserved
 * it; the exit rules in force at exit time apply to every stake.
 */
export const configureStaking: CommandDefinition<EngineState, ConfigureStakingPayload, ConfigureStakingResult> = {
  type: 'staking.configure',
  schema: ConfigureStakingSchema,
  weight: () => 1,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, 'economy.admin', ['staking:config'])) return rejected('not_authorized', `${ctx.actorId} may not configure staking`);
    const asset = state.ledger.assets.get(payload.asset);
    if (!asset) return rejected('asset_not_found', `no asset ${payload.asset}`);
    if (asset.kind !== 'fungible') return rejected('asset_not_fungible', `${asset.id} is not a fungible token`);
    const staking = state.modules.staking;
    if (staking.config && staking.config.assetId !== asset.id && staking.stakes.size > 0) {
      return rejected('asset_locked', `stakes of ${staking.config.assetId} exist: the staking asset can no longer change`);
    }
    const config = buildConfig(state, payload, asset);
    if (isRejected(config)) return config;
    const result = { assetId: asset.id, vaultId: config.vaultId };
    if (staking.config && canonicalJson(staking.config) === canonicalJson(config)) return accepted([], { ...result, status: 'exists' as const });
    const moves = new LedgerMoves(state, ctx);
    const problem = moves.ensureAccount({ id: config.vaultId, assetId: asset.id, ownerId: systemActorId, allowOverdraft: false });
    if (problem) return rejected(problem.code, problem.message);
    const event: StakingConfigured = { type: 'staking_configured', config };
    moves.note(event);
    return accepted(moves.events, { ...result, status: 'configured' as const });
  },
};

function buildConfig(state: EngineState, payload: ConfigureStakingPayload, asset: Asset): StakingConfig | Rejected {
  const vaultId = stakingVaultAccountId(asset.id);
  const pool = state.ledger.accounts.get(payload.rewardsFrom);
  const poolProblem = checkPool(pool, payload.rewardsFrom, asset, vaultId);
  if (poolProblem) return poolProblem;
  const earlyExit = parseEarlyExit(payload.earlyExit);
  if (isRejected(earlyExit)) return earlyExit;
  const committees = parseCommittees(payload.committees ?? [], asset.decimals);
  if (isRejected(committees)) return committees;
  const tierProblem = checkTierMinimums(state.modules.staking, asset.decimals);
  if (tierProblem) return tierProblem;
  return {
    assetId: asset.id,
    decimals: asset.decimals,
    vaultId,
    rewardsFromId: payload.rewardsFrom,
    earlyExit,
    voteRequiresStake: payload.voteRequiresStake === true,
    committees,
  };
}

function checkPool(pool: Account | undefined, poolId: string, asset: Asset, vaultId: string): Rejected | undefined {
  if (!pool) return rejected('account_not_found', `no account ${poolId}`);
  if (pool.assetId !== asset.id) return rejected('asset_mismatch', `${pool.id} holds ${pool.assetId}, not ${asset.id}`);
  // The vault holds principal, not rewards; issuance and burn accounts cannot pay anyone.
  if (pool.id === vaultId || pool.system !== undefined) return rejected('rewards_from_invalid', `${pool.id} cannot fund staking rewards`);
  return undefined;
}

function parseEarlyExit(earlyExit: ConfigureStakingPayload['earlyExit']): EarlyExit | Rejected {
  if (earlyExit.kind === 'rejected') return { kind: 'rejected' };
  const penaltyPpm = parsePercent(earlyExit.penaltyPercent, 'earlyExit.penaltyPercent');
  return isRejected(penaltyPpm) ? penaltyPpm : { kind: 'penalty', penaltyPpm };
}

function parseCommittees(items: NonNullable<ConfigureStakingPayload['committees']>, decimals: number): Committee[] | Rejected {
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) return rejected('committee_duplicate', `committee ${item.id} is listed twice`);
    ids.add(item.id);
  }
  const committees: Committee[] = [];
  for (const item of items) {
    const minimumUnits = parseUnits(item.minimum, decimals, `committee ${item.id} minimum`);
    if (isRejected(minimumUnits)) return minimumUnits;
    committees.push({ id: item.id, minimumUnits, requiresIdentity: item.requiresIdentity === true });
  }
  return committees;
}

/** A new asset may have fewer decimals: every tier minimum must still be exact in it. */
function checkTierMinimums(staking: StakingState, decimals: number): Rejected | undefined {
  for (const tier of staking.tiers.values()) {
    const units = parseUnits(tier.minimum, decimals, `tier ${tier.id} minimum`);
    if (isRejected(units)) return units;
  }
  return undefined;
}
