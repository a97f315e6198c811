/** The treasury module's slice of the engine state. */
// biome-ignore lint/complexity/noBannedTypes: filled in as the module grows
export type TreasuryState = {};

export function createTreasuryState(): TreasuryState {
  return {};
}
