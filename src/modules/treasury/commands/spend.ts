import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { formatAmount } from '../../../kernel/amount.ts';
import { assert } from '../../../kernel/assert.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import { spendMemoLengthMax } from '../limits.ts';
import { checkOutflow } from '../outflow.ts';
import { SpendSchema } from '../schema.ts';
import { spendFromFund } from '../spend-from-fund.ts';
import { spendTransferId, treasurySpendAction } from '../state.ts';

export type SpendPayload = Static<typeof SpendSchema>;
export interface SpendResult {
  id: string;
  fund: string;
  to: string;
  amount: string;
  status: 'spent' | 'exists';
}

/**
 * Pays out of a fund. Only holders of `treasury.spend` on `fund:<id>` may (governance and the
 * multisig, once they exist); a fund with a spending limit refuses what would take its
 * outflows in the rolling period above the limit. A retry with the same id and body is `exists`.
 * The outflow itself goes through `spendFromFund`, the one path every spend from a fund takes.
 */
export const spend: CommandDefinition<EngineState, SpendPayload, SpendResult> = {
  type: 'treasury.spend',
  schema: SpendSchema,
  apply(state, payload, ctx) {
    assert(payload.memo === undefined || payload.memo.length <= spendMemoLengthMax, 'the schema bounds the memo');
    const transferId = spendTransferId(payload.id);
    const checked = checkOutflow(state, ctx, {
      action: treasurySpendAction,
      fundId: payload.fund,
      amount: payload.amount,
      transferId,
      matches: (previous, fund, units) =>
        previous.kind === 'transfer' &&
        previous.fromId === fund.accountId &&
        previous.toId === payload.to &&
        previous.amountUnits === units &&
        previous.memo === payload.memo,
      existsCode: 'spend_exists',
    });
    if ('code' in checked) return checked;
    const { fund, asset, units } = checked;
    const result = { id: payload.id, fund: fund.id, to: payload.to, amount: formatAmount(units, asset.decimals) };
    if (checked.repeated) return accepted([], { ...result, status: 'exists' });
    const moves = new LedgerMoves(state, ctx);
    const memo = payload.memo === undefined ? {} : { memo: payload.memo };
    const problem = spendFromFund(state, moves, { spendId: payload.id, fundId: fund.id, toAccountId: payload.to, units, atMs: ctx.timeMs, ...memo });
    if (problem) return rejected(problem.code, problem.message);
    return accepted(moves.events, { ...result, status: 'spent' });
  },
};
