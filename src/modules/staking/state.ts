/** The staking module's slice of the engine state. */
// biome-ignore lint/complexity/noBannedTypes: filled in as the module grows
export type StakingState = {};

export function createStakingState(): StakingState {
  return {};
}
