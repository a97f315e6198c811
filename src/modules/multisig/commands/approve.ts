import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import type { MultisigTransactionApproved } from '../events.ts';
import { executeTransaction } from '../execute.ts';
import { TransactionRefSchema } from '../schema.ts';
import { checkOpenTransaction } from '../transaction-checks.ts';

export type ApprovePayload = Static<typeof TransactionRefSchema>;
export interface ApproveResult {
  id: string;
  status: 'pending' | 'executed';
  approvals: number;
  threshold: number;
}

/**
 * Another signer approves a pending transaction. The approval that meets the threshold pays
 * the fund out in the same command, through the treasury's spend path; if the treasury or the
 * ledger refuses the payment (the fund's rolling limit, say), the approval is refused with it
 * and the transaction stays pending, to be approved again once the payment can go through.
 */
export const approve: CommandDefinition<EngineState, ApprovePayload, ApproveResult> = {
  type: 'multisig.approve',
  schema: TransactionRefSchema,
  apply(state, payload, ctx) {
    const open = checkOpenTransaction(state, payload.id, ctx);
    if ('code' in open) return open;
    const { transaction, set } = open;
    const moves = new LedgerMoves(state, ctx);
    const event: MultisigTransactionApproved = { type: 'multisig_transaction_approved', transactionId: transaction.id, signerId: ctx.actorId };
    moves.note(event);
    const approvals = transaction.approvals.length + 1;
    const result = { id: transaction.id, approvals, threshold: set.threshold };
    if (approvals < set.threshold) return accepted(moves.events, { ...result, status: 'pending' });
    const problem = executeTransaction(state, moves, transaction, ctx);
    if (problem) return rejected(problem.code, problem.message);
    return accepted(moves.events, { ...result, status: 'executed' });
  },
};
