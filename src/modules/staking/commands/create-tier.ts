import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, type Rejected, rejected } from '../../../engine/types.ts';
import { canonicalJson } from '../../../kernel/canonical-json.ts';
import type { TierCreated } from '../events.ts';
import { tiersMax } from '../limits.ts';
import { isRejected, normalizedAmount, parseMultiplier, parsePercent, parseUnits } from '../parse.ts';
import { CreateTierSchema } from '../schema.ts';
import type { Tier, TierBenefits } from '../state.ts';

export type CreateTierPayload = Static<typeof CreateTierSchema>;

export interface CreateTierResult {
  id: string;
  status: 'created' | 'exists';
}

/**
 * Adds a tier: lock duration, yearly rate, minimum stake, burned share of rewards and
 * benefits. Tiers never change once created (a stake's terms are read from its tier), so
 * the same id with the same body is `exists` and with another body `tier_exists`.
 */
export const createTier: CommandDefinition<EngineState, CreateTierPayload, CreateTierResult> = {
  type: 'staking.create_tier',
  schema: CreateTierSchema,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, 'economy.admin', ['staking:config'])) return rejected('not_authorized', `${ctx.actorId} may not create staking tiers`);
    const staking = state.modules.staking;
    if (!staking.config) return rejected('not_configured', 'configure staking (staking.configure) first');
    const tier = buildTier(payload, staking.config.decimals);
    if (isRejected(tier)) return tier;
    const existing = staking.tiers.get(tier.id);
    if (existing) {
      if (canonicalJson(existing) === canonicalJson(tier)) return accepted([], { id: tier.id, status: 'exists' as const });
      return rejected('tier_exists', `tier ${tier.id} exists with other terms`);
    }
    if (staking.tiers.size >= tiersMax) return rejected('tiers_full', `a DAO offers at most ${tiersMax} staking tiers`);
    const event: TierCreated = { type: 'tier_created', tier };
    return accepted([event], { id: tier.id, status: 'created' as const });
  },
};

function buildTier(payload: CreateTierPayload, decimals: number): Tier | Rejected {
  const minimumUnits = parseUnits(payload.minimum, decimals, 'minimum');
  if (isRejected(minimumUnits)) return minimumUnits;
  const apyPpm = parsePercent(payload.apyPercent, 'apyPercent');
  if (isRejected(apyPpm)) return apyPpm;
  const rewardBurnPpm = parsePercent(payload.rewardBurnPercent, 'rewardBurnPercent');
  if (isRejected(rewardBurnPpm)) return rewardBurnPpm;
  const benefits = buildBenefits(payload.benefits ?? {});
  if (isRejected(benefits)) return benefits;
  return { id: payload.id, durationSeconds: payload.durationSeconds, apyPpm, minimum: normalizedAmount(minimumUnits, decimals), rewardBurnPpm, benefits };
}

function buildBenefits(benefits: NonNullable<CreateTierPayload['benefits']>): TierBenefits | Rejected {
  const feeDiscountPpm = parsePercent(benefits.feeDiscountPercent, 'benefits.feeDiscountPercent');
  if (isRejected(feeDiscountPpm)) return feeDiscountPpm;
  const votingMultiplierPpm = parseMultiplier(benefits.votingMultiplier);
  if (isRejected(votingMultiplierPpm)) return votingMultiplierPpm;
  return { votingMultiplierPpm, feeDiscountPpm, computePriority: benefits.computePriority === true, specialAccess: benefits.specialAccess === true };
}
