import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../engine/state.ts';
import { type CommandDefinition, rejected } from '../../engine/types.ts';
import { BurnSchema } from '../schema.ts';
import { burnAccountId } from '../state.ts';
import type { ItemResult } from './create-transfers.ts';
import { applySingleMovement } from './single-movement.ts';

export type BurnPayload = Static<typeof BurnSchema>;

/** Destroys units (or one NFT) by moving them into the asset's burn account, for good. */
export const burn: CommandDefinition<EngineState, BurnPayload, ItemResult> = {
  type: 'ledger.burn',
  schema: BurnSchema,
  apply(state, payload, ctx) {
    const source = state.ledger.accounts.get(payload.from);
    if (!source) return rejected('debit_account_not_found', `no account ${payload.from}`);
    const { from, ...rest } = payload;
    return applySingleMovement(state, { ...rest, kind: 'burn', fromId: from, toId: burnAccountId(source.assetId) }, ctx);
  },
};
