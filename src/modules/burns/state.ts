/** The burns module's slice of the engine state. */
// biome-ignore lint/complexity/noBannedTypes: filled in as the module grows
export type BurnsState = {};

export function createBurnsState(): BurnsState {
  return {};
}
