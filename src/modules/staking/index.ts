/** The staking module: the only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { claim } from './commands/claim.ts';
import { configureStaking } from './commands/configure.ts';
import { createTier } from './commands/create-tier.ts';
import { stake } from './commands/stake.ts';
import { unstake } from './commands/unstake.ts';
import { evolveStaking, type StakingEvent, stakingEventTypes } from './events.ts';
import { createStakingState, type StakingState } from './state.ts';

export type { ClaimResult } from './commands/claim.ts';
export type { ConfigureStakingResult } from './commands/configure.ts';
export type { CreateTierResult } from './commands/create-tier.ts';
export type { StakeResult } from './commands/stake.ts';
export type { UnstakeResult } from './commands/unstake.ts';
export type { StakeClosed, StakeOpened, StakeRewarded, StakingConfigured, StakingEvent, TierCreated } from './events.ts';
export { stakingVaultAccountId } from './ids.ts';
export {
  activeStakes,
  type CommitteeEligibility,
  committeeEligibility,
  findStake,
  type StakingBenefits,
  stakedUnitsOf,
  stakingBenefits,
  stakingConfig,
  stakingTier,
  totalStakedUnits,
  voteRequiresStake,
} from './queries.ts';
export { accruedRewardUnits, fullRewardUnits } from './rewards.ts';
export type { Committee, EarlyExit, Stake, StakeStatus, StakingConfig, StakingState, Tier, TierBenefits } from './state.ts';

export const stakingModule: DomainModule<StakingState, StakingEvent> = {
  name: 'staking',
  createState: createStakingState,
  eventTypes: stakingEventTypes,
  evolve: evolveStaking,
  commands: [configureStaking, createTier, stake, claim, unstake],
};
