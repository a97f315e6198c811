/** The emission module's slice of the engine state. */
// biome-ignore lint/complexity/noBannedTypes: filled in as the module grows
export type EmissionState = {};

export function createEmissionState(): EmissionState {
  return {};
}
