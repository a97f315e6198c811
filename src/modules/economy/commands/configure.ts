import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import type { EconomyConfigured } from '../events.ts';
import { ConfigureEconomySchema } from '../schema.ts';

export type ConfigureEconomyPayload = Static<typeof ConfigureEconomySchema>;

/**
 * Names the governance token and the genesis time schedules start from. Once set they stay:
 * every schedule and report is read against them. Repeating the same settings is harmless.
 */
export const configureEconomy: CommandDefinition<EngineState, ConfigureEconomyPayload, { status: string }> = {
  type: 'economy.configure',
  schema: ConfigureEconomySchema,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, 'economy.admin', ['economy:config'])) return rejected('not_authorized', `${ctx.actorId} may not configure the economy`);
    const asset = state.ledger.assets.get(payload.governanceToken);
    if (!asset) return rejected('asset_not_found', `no asset ${payload.governanceToken}`);
    if (asset.kind !== 'fungible') return rejected('asset_not_fungible', `${asset.id} is not a fungible token`);
    const economy = state.modules.economy;
    const genesisMs = payload.genesisMs ?? economy.genesisMs ?? ctx.timeMs;
    if (economy.governanceAssetId !== undefined) {
      const same = economy.governanceAssetId === asset.id && economy.genesisMs === genesisMs && economy.name === payload.name;
      return same ? accepted([], { status: 'exists' }) : rejected('economy_configured', 'the economy is configured already with other settings');
    }
    const event: EconomyConfigured = { type: 'economy_configured', governanceAssetId: asset.id, genesisMs };
    if (payload.name !== undefined) event.name = payload.name;
    return accepted([event], { status: 'configured' });
  },
};
