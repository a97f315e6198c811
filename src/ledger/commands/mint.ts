import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../engine/state.ts';
import { type CommandDefinition, rejected } from '../../engine/types.ts';
import { MintSchema } from '../schema.ts';
import { issuanceAccountId } from '../state.ts';
import type { ItemResult } from './create-transfers.ts';
import { applySingleMovement } from './single-movement.ts';

export type MintPayload = Static<typeof MintSchema>;

/** Creates units (or one NFT) out of the asset's issuance account; needs the ledger.mint grant. */
export const mint: CommandDefinition<EngineState, MintPayload, ItemResult> = {
  type: 'ledger.mint',
  schema: MintSchema,
  apply(state, payload, ctx) {
    if (!state.ledger.assets.has(payload.asset)) return rejected('asset_not_found', `no asset ${payload.asset}`);
    const target = state.ledger.accounts.get(payload.to);
    if (target && target.assetId !== payload.asset) return rejected('asset_mismatch', `${payload.to} holds ${target.assetId}, not ${payload.asset}`);
    const { asset, to, ...rest } = payload;
    return applySingleMovement(state, { ...rest, kind: 'mint', fromId: issuanceAccountId(asset), toId: to }, ctx);
  },
};
