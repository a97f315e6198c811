import type { EngineState } from '../../engine/state.ts';
import { committeeRule } from '../constitution/index.ts';
import { hasIdentity } from '../identity/index.ts';
import { activeStakes, committeeEligibility } from '../staking/index.ts';
import type { Committee } from './state.ts';

export type IneligibleReason = 'identity_required' | 'below_minimum_stake';
export type Eligibility = { eligible: true } | { eligible: false; reason: IneligibleReason };

/**
 * Units an actor has staked in the governance token. The DAO stakes one asset, but it need not
 * be the governance token: stakes in another asset do not count towards a minimum named in it.
 */
export function stakedGovernanceUnits(engine: EngineState, actorId: string): bigint {
  const assetId = engine.modules.economy.governanceAssetId;
  if (assetId === undefined) return 0n;
  return activeStakes(engine.modules.staking, actorId)
    .filter((stake) => stake.assetId === assetId)
    .reduce((sum, stake) => sum + stake.units, 0n);
}

/**
 * Whether an actor may hold a seat on `committee`, now. The committee's own rule applies, and
 * so do the staking module's settings and the constitution's `committee_eligibility` rule when
 * they name a committee with the same id: the strictest wins (a BID if any asks for one, and
 * every minimum stake met), so no module can loosen what another demands. Identity is checked
 * before stake.
 */
export function memberEligibility(engine: EngineState, committee: Committee, actorId: string): Eligibility {
  const identity = hasIdentity(engine.modules.identity, actorId);
  const staking = committeeEligibility(engine.modules.staking, actorId, committee.id, identity);
  const constitution = committeeRule(engine.modules.constitution, committee.id);
  const needsIdentity = committee.requiresIdentity || staking.reason === 'identity_required' || constitution?.requiresIdentity === true;
  if (!identity && needsIdentity) return { eligible: false, reason: 'identity_required' };
  const minStake = constitution && constitution.minStakeUnits > committee.minStakeUnits ? constitution.minStakeUnits : committee.minStakeUnits;
  if (minStake > 0n && stakedGovernanceUnits(engine, actorId) < minStake) {
    return { eligible: false, reason: 'below_minimum_stake' };
  }
  if (staking.reason === 'below_committee_minimum') return { eligible: false, reason: 'below_minimum_stake' };
  return { eligible: true };
}
