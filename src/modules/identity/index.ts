/** The identity module: soulbound identity tokens (BIDs). The only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { configureIdentity } from './commands/configure.ts';
import { issueIdentity } from './commands/issue.ts';
import { revokeIdentity } from './commands/revoke.ts';
import { evolveIdentity, type IdentityEvent, identityEventTypes } from './events.ts';
import { createIdentityState, type IdentityState } from './state.ts';

export type { ConfigureIdentityPayload } from './commands/configure.ts';
export type { IssueIdentityPayload, IssueIdentityResult } from './commands/issue.ts';
export type { RevokeIdentityPayload } from './commands/revoke.ts';
export type { IdentityConfigured, IdentityEvent, IdentityIssued, IdentityRevoked } from './events.ts';
export { hasIdentity, type IdentityHolder, type IdentityOf, identityClassId, identityHolders, identityOf, identityToken } from './queries.ts';
export { type IdentityState, type IdentityToken, identityAccountId, identityResource, identityVerifyAction } from './state.ts';

export const identityModule: DomainModule<IdentityState, IdentityEvent> = {
  name: 'identity',
  createState: createIdentityState,
  eventTypes: identityEventTypes,
  evolve: evolveIdentity,
  commands: [configureIdentity, issueIdentity, revokeIdentity],
};
