import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { formatAmount, parseAmount } from '../../../kernel/amount.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import { moveIncome } from '../income.ts';
import { DepositSchema } from '../schema.ts';
import { depositTransferPrefix, type FundPart } from '../state.ts';

export type DepositPayload = Static<typeof DepositSchema>;
export interface DepositResult {
  id: string;
  /** What each fund received, as decimal strings, in the order of the split. */
  parts: { fund: string; amount: string }[];
  status: 'deposited' | 'exists';
}

/**
 * The caller pays income into the treasury from its own account; it is split among the funds
 * by the asset's income rules (each share is a transfer the ledger checks as the caller's).
 * A retry with the same id and body returns the first split, even if the rules changed since.
 */
export const deposit: CommandDefinition<EngineState, DepositPayload, DepositResult> = {
  type: 'treasury.deposit',
  schema: DepositSchema,
  // One transfer per fund of the split; a reserve and a class list name a few funds each.
  weight: () => 4,
  apply(state, payload, ctx) {
    const from = state.ledger.accounts.get(payload.from);
    if (!from) return rejected('debit_account_not_found', `no account ${payload.from}`);
    const asset = state.ledger.assets.get(from.assetId);
    if (!asset) throw new Error(`account ${from.id} names a missing asset`);
    let units: bigint;
    try {
      units = parseAmount(payload.amount, { decimals: asset.decimals, allowZero: false });
    } catch (error) {
      if (isPolityError(error)) return rejected('amount_invalid', error.message);
      throw error;
    }
    const format = (parts: readonly FundPart[]) => parts.map((part) => ({ fund: part.fundId, amount: formatAmount(part.amountUnits, asset.decimals) }));
    const previous = state.modules.treasury.deposits.get(payload.id);
    if (previous) {
      const same = previous.fromAccountId === from.id && previous.amountUnits === units && previous.incomeClass === payload.class;
      return same
        ? accepted([], { id: payload.id, parts: format(previous.parts), status: 'exists' })
        : rejected('deposit_exists', `deposit ${payload.id} exists with other fields`);
    }
    const moves = new LedgerMoves(state, ctx);
    const input = { transferIdPrefix: depositTransferPrefix(payload.id), fromAccountId: from.id, units, incomeClass: payload.class };
    const parts = moveIncome(state, moves, input, { asCaller: true, depositId: payload.id });
    if (!Array.isArray(parts)) return rejected(parts.code, parts.message);
    return accepted(moves.events, { id: payload.id, parts: format(parts), status: 'deposited' });
  },
};
