import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { formatAmount } from '../../../kernel/amount.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import type { TreasuryBurned } from '../events.ts';
import { checkOutflow, checkOutflowLimit } from '../outflow.ts';
import { TreasuryBurnSchema } from '../schema.ts';
import { burnTransferId, treasuryBurnAction } from '../state.ts';

export type TreasuryBurnPayload = Static<typeof TreasuryBurnSchema>;
export interface TreasuryBurnResult {
  id: string;
  fund: string;
  amount: string;
  status: 'burned' | 'exists';
}

/**
 * Burns out of a fund: the units leave the supply for good. Needs `treasury.burn` on
 * `fund:<id>`. A burn counts against the fund's spending limit like a spend: the limit bounds
 * how fast a fund can be emptied, whatever the holder of the permission does with it.
 */
export const burn: CommandDefinition<EngineState, TreasuryBurnPayload, TreasuryBurnResult> = {
  type: 'treasury.burn',
  schema: TreasuryBurnSchema,
  apply(state, payload, ctx) {
    const transferId = burnTransferId(payload.id);
    const checked = checkOutflow(state, ctx, {
      action: treasuryBurnAction,
      fundId: payload.fund,
      amount: payload.amount,
      transferId,
      matches: (previous, fund, units) => previous.kind === 'burn' && previous.fromId === fund.accountId && previous.amountUnits === units,
      existsCode: 'burn_exists',
    });
    if ('code' in checked) return checked;
    const { fund, asset, units } = checked;
    const result = { id: payload.id, fund: fund.id, amount: formatAmount(units, asset.decimals) };
    if (checked.repeated) return accepted([], { ...result, status: 'exists' });
    const limitProblem = checkOutflowLimit(fund, asset, { units, nowMs: ctx.timeMs });
    if (limitProblem) return limitProblem;
    const moves = new LedgerMoves(state, ctx);
    const problem = moves.burn({ id: transferId, fromId: fund.accountId, units });
    if (problem) return rejected(problem.code, problem.message);
    const event: TreasuryBurned = { type: 'treasury_burned', burnId: payload.id, fundId: fund.id, assetId: fund.assetId, amountUnits: units };
    moves.note(event);
    return accepted(moves.events, { ...result, status: 'burned' });
  },
};
