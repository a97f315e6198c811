import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition } from '../../../engine/types.ts';
import type { MultisigTransactionRejected } from '../events.ts';
import { TransactionRefSchema } from '../schema.ts';
import { thresholdReachable } from '../state.ts';
import { checkOpenTransaction } from '../transaction-checks.ts';

export type RejectPayload = Static<typeof TransactionRefSchema>;
export interface RejectResult {
  id: string;
  /** `rejected` once too few signers are left who have not rejected to meet the threshold. */
  status: 'pending' | 'rejected';
  rejections: number;
  threshold: number;
}

/**
 * A signer rejects a pending transaction. It closes as rejected as soon as the threshold can
 * no longer be reached (with 2 of 3, at the second rejection); until then it may still pass.
 */
export const reject: CommandDefinition<EngineState, RejectPayload, RejectResult> = {
  type: 'multisig.reject',
  schema: TransactionRefSchema,
  apply(state, payload, ctx) {
    const open = checkOpenTransaction(state, payload.id, ctx);
    if ('code' in open) return open;
    const { transaction, set } = open;
    const rejections = transaction.rejections.length + 1;
    const closesTransaction = !thresholdReachable(set, rejections);
    const event: MultisigTransactionRejected = {
      type: 'multisig_transaction_rejected',
      transactionId: transaction.id,
      signerId: ctx.actorId,
      closesTransaction,
    };
    return accepted([event], { id: transaction.id, status: closesTransaction ? 'rejected' : 'pending', rejections, threshold: set.threshold });
  },
};
