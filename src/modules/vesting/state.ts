/** The vesting module's slice of the engine state. */
// biome-ignore lint/complexity/noBannedTypes: filled in as the module grows
export type VestingState = {};

export function createVestingState(): VestingState {
  return {};
}
