import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { formatAmount, parseAmount } from '../../../kernel/amount.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import { chargeFee } from '../fee.ts';
import { ChargeFeeSchema } from '../schema.ts';
import type { FeeParts } from '../state.ts';

export type ChargeFeePayload = Static<typeof ChargeFeeSchema>;
/** Decimal strings in the fee's asset. `charged` = `burned` + `stakers` + `treasury`. */
export interface ChargeFeeResult {
  id: string;
  charged: string;
  discount: string;
  burned: string;
  stakers: string;
  treasury: string;
  status: 'charged' | 'exists';
}

/**
 * The caller pays a fee of `amount` from its own account, less its staking fee discount; the
 * class's share is burned, the stakers' share goes to the class's revenue policy and the rest
 * to the treasury, all in this one command. A retry with the same id and body returns the
 * first result (even if rates or the discount changed since); another body is charge_exists.
 */
export const chargeFeeCommand: CommandDefinition<EngineState, ChargeFeePayload, ChargeFeeResult> = {
  type: 'burns.charge_fee',
  schema: ChargeFeeSchema,
  // The collect, the burn, the stakers' deposit and its dust, and the treasury's income shares.
  weight: () => 6,
  apply(state, payload, ctx) {
    const feeClass = state.modules.burns.feeClasses.get(payload.class);
    if (!feeClass) return rejected('fee_class_not_found', `no fee class ${payload.class}`);
    const from = state.ledger.accounts.get(payload.from);
    if (!from) return rejected('debit_account_not_found', `no account ${payload.from}`);
    if (from.assetId !== feeClass.assetId)
      return rejected('asset_mismatch', `fees of class ${feeClass.id} are paid in ${feeClass.assetId}, not ${from.assetId}`);
    const asset = state.ledger.assets.get(feeClass.assetId);
    if (!asset) throw new Error(`fee class ${feeClass.id} names a missing asset`);
    let amountUnits: bigint;
    try {
      amountUnits = parseAmount(payload.amount, { decimals: asset.decimals, allowZero: false });
    } catch (error) {
      if (isPolityError(error)) return rejected('amount_invalid', error.message);
      throw error;
    }
    const result = (parts: FeeParts, status: ChargeFeeResult['status']): ChargeFeeResult => ({
      id: payload.id,
      charged: formatAmount(parts.chargedUnits, asset.decimals),
      discount: formatAmount(parts.discountUnits, asset.decimals),
      burned: formatAmount(parts.burnedUnits, asset.decimals),
      stakers: formatAmount(parts.stakersUnits, asset.decimals),
      treasury: formatAmount(parts.treasuryUnits, asset.decimals),
      status,
    });
    const previous = state.modules.burns.charges.get(payload.id);
    if (previous) {
      const same = previous.feeClass === feeClass.id && previous.fromAccountId === from.id && previous.amountUnits === amountUnits;
      return same ? accepted([], result(previous, 'exists')) : rejected('charge_exists', `fee charge ${payload.id} exists with other fields`);
    }
    const moves = new LedgerMoves(state, ctx);
    const input = { chargeId: payload.id, feeClass: feeClass.id, fromAccountId: from.id, amountUnits, payerId: ctx.actorId, atMs: ctx.timeMs };
    const parts = chargeFee(state, moves, input);
    if ('code' in parts) return rejected(parts.code, parts.message);
    return accepted(moves.events, result(parts, 'charged'));
  },
};
