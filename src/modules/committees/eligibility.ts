import type { EngineState } from '../../engine/state.ts';
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
 * when the staking module's settings name a committee with the same id, its rule applies too:
 * the stricter of both wins (a BID if either asks for one, and each minimum stake met), so
 * neither module can loosen what the other demands. Identity is checked before stake.
 */
export function memberEligibility(engine: EngineState, committee: Committee, actorId: string): Eligibility {
  const identity = hasIdentity(engine.modules.identity, actorId);
  const staking = committeeEligibility(engine.modules.staking, actorId, committee.id, identity);
  if (!identity && (committee.requiresIdentity || staking.reason === 'identity_required')) return { eligible: false, reason: 'identity_required' };
  if (committee.minStakeUnits > 0n && stakedGovernanceUnits(engine, actorId) < committee.minStakeUnits) {
    return { eligible: false, reason: 'below_minimum_stake' };
  }
  if (staking.reason === 'below_committee_minimum') return { eligible: false, reason: 'below_minimum_stake' };
  return { eligible: true };
}
