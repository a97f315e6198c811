/** The emission module: the only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { type EmissionEvent, evolveEmission, emissionEventTypes } from './events.ts';
import { createEmissionState, type EmissionState } from './state.ts';

export type { EmissionState } from './state.ts';

export const emissionModule: DomainModule<EmissionState, EmissionEvent> = {
  name: 'emission',
  createState: createEmissionState,
  eventTypes: emissionEventTypes,
  evolve: evolveEmission,
  commands: [],
};
