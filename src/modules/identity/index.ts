/** The identity module: the only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { type IdentityEvent, evolveIdentity, identityEventTypes } from './events.ts';
import { createIdentityState, type IdentityState } from './state.ts';

export type { IdentityState } from './state.ts';

export const identityModule: DomainModule<IdentityState, IdentityEvent> = {
  name: 'identity',
  createState: createIdentityState,
  eventTypes: identityEventTypes,
  evolve: evolveIdentity,
  commands: [],
};
