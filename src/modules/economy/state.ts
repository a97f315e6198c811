/** The economy module's slice of the engine state. */
// biome-ignore lint/complexity/noBannedTypes: filled in as the module grows
export type EconomyState = {};

export function createEconomyState(): EconomyState {
  return {};
}
