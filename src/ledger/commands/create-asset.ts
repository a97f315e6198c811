import type { Static } from '@sinclair/typebox';
import { can } from '../../access/state.ts';
import type { EngineState } from '../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../engine/types.ts';
import { parseAmount } from '../../kernel/amount.ts';
import { canonicalJson } from '../../kernel/canonical-json.ts';
import { isPolityError } from '../../kernel/errors.ts';
import type { AssetCreated } from '../events.ts';
import { CreateAssetSchema } from '../schema.ts';

export type CreateAssetPayload = Static<typeof CreateAssetSchema>;

export const createAsset: CommandDefinition<EngineState, CreateAssetPayload, { id: string; status: string }> = {
  type: 'ledger.create_asset',
  schema: CreateAssetSchema,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, 'ledger.create_asset', ['*'])) return rejected('not_authorized', `${ctx.actorId} may not create assets`);
    const nonFungible = payload.kind === 'non_fungible';
    const decimals = nonFungible ? 0 : (payload.decimals ?? 18);
    if (nonFungible && payload.decimals !== undefined && payload.decimals !== 0) return rejected('decimals_invalid', 'non-fungible assets have 0 decimals');
    const supply = payload.supply ?? 'mintable';
    if (supply === 'fixed' && payload.maxSupply === undefined) return rejected('max_supply_required', 'a fixed supply needs maxSupply');
    const asset: AssetCreated['asset'] = {
      id: payload.id,
      kind: payload.kind,
      symbol: payload.symbol,
      decimals,
      supply,
      transferable: payload.transferable ?? true,
      ownerId: ctx.actorId,
    };
    if (payload.maxSupply !== undefined) {
      try {
        asset.maxSupplyUnits = parseAmount(payload.maxSupply, { decimals, allowZero: false });
      } catch (error) {
        if (isPolityError(error)) return rejected(error.code, error.message);
        throw error;
      }
    }
    const existing = state.ledger.assets.get(payload.id);
    if (existing) {
      const { mintedUnits: _m, burnedUnits: _b, createdSeq: _c, ownerId: _o, ...recorded } = existing;
      const { ownerId: _owner, ...requested } = asset;
      const same = canonicalJson(recorded) === canonicalJson(requested);
      return same
        ? accepted([], { id: payload.id, status: 'exists' })
        : rejected('exists_with_different_fields', `asset ${payload.id} exists with other fields`);
    }
    return accepted([{ type: 'asset_created', asset }], { id: payload.id, status: 'created' });
  },
};
