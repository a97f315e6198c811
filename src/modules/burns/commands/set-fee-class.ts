import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, type Rejected, rejected } from '../../../engine/types.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import { percentToPpm, ppmToPercent, ppmWhole } from '../../../kernel/rates.ts';
import { revenuePolicy } from '../../revenue/index.ts';
import type { BurnsFeeClassSet, FeeClassSpec } from '../events.ts';
import { feeClassesMax } from '../limits.ts';
import { SetFeeClassSchema } from '../schema.ts';
import type { FeeClass, RateRange } from '../state.ts';

export type SetFeeClassPayload = Static<typeof SetFeeClassSchema>;
export interface SetFeeClassResult {
  class: string;
  status: 'set' | 'unchanged';
}

interface Rates {
  burnPpm: bigint;
  stakersPpm: bigint;
  range: RateRange | undefined;
}

/**
 * Sets how fees of one class are divided: the burn rate (a share of the fee), an optional
 * share for stakers through a revenue policy, and the rest to the treasury. A class's range
 * documents the band its burn rate must stay in (BTT compute: 1-3 %); once given it stays
 * until a new range replaces it, so a later rate change cannot leave the band by omission.
 * The asset of a class is fixed once set: its running totals are in that asset.
 */
export const setFeeClass: CommandDefinition<EngineState, SetFeeClassPayload, SetFeeClassResult> = {
  type: 'burns.set_fee_class',
  schema: SetFeeClassSchema,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, 'economy.admin', [`fee_class:${payload.class}`, 'burns:config', 'economy:config'])) {
      return rejected('not_authorized', `${ctx.actorId} may not configure fee classes`);
    }
    const asset = state.ledger.assets.get(payload.asset);
    if (!asset) return rejected('asset_not_found', `no asset ${payload.asset}`);
    if (asset.kind !== 'fungible') return rejected('asset_not_fungible', `${asset.id} is not a fungible token`);
    const existing = state.modules.burns.feeClasses.get(payload.class);
    const rates = parseRates(payload, existing);
    if ('code' in rates) return rates;
    const policyProblem = checkPolicy(state, payload, asset.id, rates.stakersPpm);
    if (policyProblem) return policyProblem;
    if (existing && existing.assetId !== asset.id)
      return rejected('fee_class_asset_fixed', `fee class ${existing.id} is in ${existing.assetId}; it cannot change asset`);
    if (!existing && state.modules.burns.feeClasses.size >= feeClassesMax)
      return rejected('fee_classes_max_reached', `a DAO has at most ${feeClassesMax} fee classes`);
    const spec: FeeClassSpec = {
      id: payload.class,
      assetId: asset.id,
      burnPercent: ppmToPercent(rates.burnPpm),
      stakersPercent: ppmToPercent(rates.stakersPpm),
    };
    if (payload.stakersPolicy !== undefined) spec.stakersPolicyId = payload.stakersPolicy;
    if (rates.range) spec.range = { minPercent: ppmToPercent(rates.range.minPpm), maxPercent: ppmToPercent(rates.range.maxPpm) };
    if (existing && sameClass(existing, rates, payload.stakersPolicy)) return accepted([], { class: payload.class, status: 'unchanged' });
    const event: BurnsFeeClassSet = { type: 'burns_fee_class_set', feeClass: spec };
    return accepted([event], { class: payload.class, status: 'set' });
  },
};

/** percent_invalid, range_invalid, rate_out_of_range, percent_sum_invalid, in that order. */
function parseRates(payload: SetFeeClassPayload, existing: FeeClass | undefined): Rates | Rejected {
  let burnPpm: bigint;
  let stakersPpm: bigint;
  let range: RateRange | undefined;
  try {
    burnPpm = percentToPpm(payload.burnPercent);
    stakersPpm = percentToPpm(payload.stakersPercent ?? '0');
    range = payload.range ? { minPpm: percentToPpm(payload.range.minPercent), maxPpm: percentToPpm(payload.range.maxPercent) } : existing?.range;
  } catch (error) {
    if (isPolityError(error)) return rejected('percent_invalid', error.message);
    throw error;
  }
  if (range && range.minPpm > range.maxPpm) return rejected('range_invalid', `the range starts at ${ppmToPercent(range.minPpm)} % and ends below it`);
  if (range && (burnPpm < range.minPpm || burnPpm > range.maxPpm)) {
    return rejected(
      'rate_out_of_range',
      `a burn rate of ${ppmToPercent(burnPpm)} % is outside the class's range ${ppmToPercent(range.minPpm)}-${ppmToPercent(range.maxPpm)} %`,
    );
  }
  if (burnPpm + stakersPpm > ppmWhole) return rejected('percent_sum_invalid', 'the burn and stakers shares add up to more than the whole fee');
  return { burnPpm, stakersPpm, range };
}

/** stakers_policy_required, stakers_policy_not_found, stakers_policy_asset_mismatch. */
function checkPolicy(state: EngineState, payload: SetFeeClassPayload, assetId: string, stakersPpm: bigint): Rejected | undefined {
  if (payload.stakersPolicy === undefined) {
    return stakersPpm > 0n ? rejected('stakers_policy_required', 'a stakers share needs the revenue policy that pays it (stakersPolicy)') : undefined;
  }
  const policy = revenuePolicy(state.modules.revenue, payload.stakersPolicy);
  if (!policy) return rejected('stakers_policy_not_found', `no revenue policy ${payload.stakersPolicy}`);
  if (policy.assetId !== assetId) return rejected('stakers_policy_asset_mismatch', `revenue policy ${policy.id} shares ${policy.assetId}, not ${assetId}`);
  return undefined;
}

function sameClass(existing: FeeClass, rates: Rates, stakersPolicy: string | undefined): boolean {
  return (
    existing.burnPpm === rates.burnPpm &&
    existing.stakersPpm === rates.stakersPpm &&
    existing.stakersPolicyId === stakersPolicy &&
    existing.range?.minPpm === rates.range?.minPpm &&
    existing.range?.maxPpm === rates.range?.maxPpm
  );
}
