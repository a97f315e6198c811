import type { EngineState } from '../../engine/state.ts';
import { assert } from '../../kernel/assert.ts';
import type { LedgerMoves, MoveRejection } from '../../ledger/moves.ts';
import type { TreasuryBurned, TreasurySpent } from './events.ts';
import { spendMemoLengthMax } from './limits.ts';
import { checkOutflowLimit, type EarlierOutflows } from './outflow.ts';
import { spendTransferId } from './state.ts';

export interface SpendFromFundInput {
  /**
   * Names the spend (`treasury_spent.spendId`) and its transfer `treasury:spend:<spendId>`.
   * It shares treasury.spend's namespace, whose ids are client-chosen: a module gives its own
   * a form no client id has (client ids start with a letter or digit, so `@multisig:t1` is safe).
   */
  spendId: string;
  fundId: string;
  toAccountId: string;
  units: bigint;
  memo?: string;
  /**
   * The command's time (`ctx.timeMs`), where the rolling window ends. LedgerMoves keeps its
   * context to itself, so the caller passes it; it is checked against the transfer's own stamp.
   */
  atMs: number;
}

/**
 * Pays out of a fund for a module that has authorised the payment itself (the multisig once
 * its threshold is met; treasury.spend after its permission check): every check treasury.spend
 * makes on the outflow, in its order: fund_not_found, amount_invalid, spending_limit_exceeded,
 * recent_spends_max_reached (outflows made earlier in the same command count too), then the
 * ledger's codes for the transfer (credit_account_not_found, asset_mismatch,
 * insufficient_funds, ...; `spend_exists` when the spend id was used before). Notes the same
 * `treasury_spent` event. On a rejection the caller discards `moves`.
 */
export function spendFromFund(state: EngineState, moves: LedgerMoves, input: SpendFromFundInput): MoveRejection | undefined {
  assert(input.memo === undefined || input.memo.length <= spendMemoLengthMax, 'callers bound the memo by their schema');
  const fund = state.modules.treasury.funds.get(input.fundId);
  if (!fund) return { code: 'fund_not_found', message: `no fund ${input.fundId}` };
  const asset = state.ledger.assets.get(fund.assetId);
  if (!asset) throw new Error(`fund ${fund.id} names a missing asset`);
  if (input.units <= 0n) return { code: 'amount_invalid', message: 'a spend must be above zero' };
  const limitProblem = checkOutflowLimit(fund, asset, { units: input.units, nowMs: input.atMs, earlier: earlierOutflows(moves, fund.id) });
  if (limitProblem) return { code: limitProblem.code, message: limitProblem.message };
  const transferId = spendTransferId(input.spendId);
  const memo = input.memo === undefined ? {} : { memo: input.memo };
  const problem = moves.transfer({ id: transferId, fromId: fund.accountId, toId: input.toAccountId, units: input.units, ...memo });
  if (problem?.code === 'exists' || problem?.code === 'exists_with_different_fields') {
    return { code: 'spend_exists', message: `spend ${input.spendId} was made before` };
  }
  if (problem) return problem;
  assert(moves.draft.transfer(transferId)?.timeMs === input.atMs, 'spendFromFund is given the time of the command it runs in');
  const event: TreasurySpent = { type: 'treasury_spent', spendId: input.spendId, fundId: fund.id, toId: input.toAccountId, amountUnits: input.units };
  moves.note(event);
  return undefined;
}

/** Spends and burns of the fund already noted in this command: the state does not hold them yet. */
function earlierOutflows(moves: LedgerMoves, fundId: string): EarlierOutflows {
  const earlier: EarlierOutflows = { units: 0n, count: 0 };
  for (const event of moves.events) {
    if (event.type !== 'treasury_spent' && event.type !== 'treasury_burned') continue;
    const outflow = event as TreasurySpent | TreasuryBurned;
    if (outflow.fundId !== fundId) continue;
    earlier.units += outflow.amountUnits;
    earlier.count += 1;
  }
  return earlier;
}
