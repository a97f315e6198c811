import type { EngineState } from '../../engine/state.ts';
import { type CommandContext, type Rejected, rejected } from '../../engine/types.ts';
import { assert } from '../../kernel/assert.ts';
import { isExpired, type MultisigTransaction, type SignerSet } from './state.ts';

export interface OpenTransaction {
  transaction: MultisigTransaction;
  set: SignerSet;
}

/**
 * The checks of multisig.approve and multisig.reject, in order: transaction_not_found,
 * not_a_signer, transaction_closed, transaction_expired, already_approved, already_rejected.
 */
export function checkOpenTransaction(state: EngineState, id: string, ctx: CommandContext): OpenTransaction | Rejected {
  const multisig = state.modules.multisig;
  const transaction = multisig.transactions.get(id);
  if (!transaction) return rejected('transaction_not_found', `no multisig transaction ${id}`);
  const set = multisig.sets.get(transaction.setId);
  assert(set !== undefined, `set ${transaction.setId} of transaction ${id} exists`);
  if (!set.signers.includes(ctx.actorId)) return rejected('not_a_signer', `${ctx.actorId} is not a signer of ${set.id}`);
  if (transaction.status !== 'pending') return rejected('transaction_closed', `transaction ${id} is ${transaction.status}`);
  // A set change closes its pending transactions, so a pending one was made under the current signers.
  assert(transaction.setRevision === set.revision, `pending transaction ${id} belongs to the current revision of ${set.id}`);
  if (isExpired(transaction, ctx.timeMs)) return rejected('transaction_expired', `transaction ${id} expired at ${transaction.expiresAtMs}`);
  if (transaction.approvals.includes(ctx.actorId)) return rejected('already_approved', `${ctx.actorId} approved transaction ${id}`);
  if (transaction.rejections.includes(ctx.actorId)) return rejected('already_rejected', `${ctx.actorId} rejected transaction ${id}`);
  return { transaction, set };
}
