/** The identity module's slice of the engine state. */
// biome-ignore lint/complexity/noBannedTypes: filled in as the module grows
export type IdentityState = {};

export function createIdentityState(): IdentityState {
  return {};
}
