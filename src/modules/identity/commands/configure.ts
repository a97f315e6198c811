import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import type { IdentityConfigured } from '../events.ts';
import { ConfigureIdentitySchema } from '../schema.ts';

export type ConfigureIdentityPayload = Static<typeof ConfigureIdentitySchema>;

/**
 * Names the asset class whose tokens are the BIDs. It must be non-fungible and soulbound, so
 * the ledger itself refuses to move a BID. Once named it stays: identity accounts are keyed
 * by actor alone and hold that one asset. Repeating the same class is harmless.
 */
export const configureIdentity: CommandDefinition<EngineState, ConfigureIdentityPayload, { assetId: string; status: string }> = {
  type: 'identity.configure',
  schema: ConfigureIdentitySchema,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, 'economy.admin', ['identity:config', 'economy:config'])) {
      return rejected('not_authorized', `${ctx.actorId} may not configure identity`);
    }
    const asset = state.ledger.assets.get(payload.asset);
    if (!asset) return rejected('identity_class_invalid', `no asset ${payload.asset}`);
    if (asset.kind !== 'non_fungible' || asset.transferable) {
      return rejected('identity_class_invalid', `${asset.id} must be non-fungible and non-transferable (soulbound)`);
    }
    const current = state.modules.identity.assetId;
    if (current !== undefined) {
      return current === asset.id ? accepted([], { assetId: asset.id, status: 'exists' }) : rejected('identity_configured', `identity uses ${current} already`);
    }
    const event: IdentityConfigured = { type: 'identity_configured', assetId: asset.id };
    return accepted([event], { assetId: asset.id, status: 'configured' });
  },
};
