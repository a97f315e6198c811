import type { EngineState } from '../../engine/state.ts';
import type { CommandContext } from '../../engine/types.ts';
import type { LedgerMoves, MoveRejection } from '../../ledger/moves.ts';
import { spendFromFund } from '../treasury/index.ts';
import type { MultisigTransactionExecuted } from './events.ts';
import { multisigSpendId } from './state.ts';

/** What a transaction pays: its fund, recipient, amount and memo. */
export interface TransactionPayment {
  id: string;
  fundId: string;
  toAccountId: string;
  amountUnits: bigint;
  memo?: string | undefined;
}

/**
 * Pays a transaction whose threshold is met, through the treasury's own spend path: the
 * fund's rolling spending limit and the ledger's rules apply exactly as to treasury.spend.
 * The set's approval is the authorisation, so the move runs as the system. Notes
 * `multisig_transaction_executed` after the treasury's events.
 */
export function executeTransaction(state: EngineState, moves: LedgerMoves, payment: TransactionPayment, ctx: CommandContext): MoveRejection | undefined {
  const spendId = multisigSpendId(payment.id);
  const memo = { memo: payment.memo ?? `multisig ${payment.id}` };
  const problem = spendFromFund(state, moves, {
    spendId,
    fundId: payment.fundId,
    toAccountId: payment.toAccountId,
    units: payment.amountUnits,
    atMs: ctx.timeMs,
    ...memo,
  });
  if (problem) return problem;
  const event: MultisigTransactionExecuted = { type: 'multisig_transaction_executed', transactionId: payment.id, spendId, amountUnits: payment.amountUnits };
  moves.note(event);
  return undefined;
}
