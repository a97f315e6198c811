/** The revenue module's slice of the engine state. */
// biome-ignore lint/complexity/noBannedTypes: filled in as the module grows
export type RevenueState = {};

export function createRevenueState(): RevenueState {
  return {};
}
