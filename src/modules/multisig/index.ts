/** The multisig module: M-of-N signer sets paying from treasury funds below a limit. The only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { approve } from './commands/approve.ts';
import { propose } from './commands/propose.ts';
import { reject } from './commands/reject.ts';
import { setSigners } from './commands/set-signers.ts';
import { evolveMultisig, type MultisigEvent, multisigEventTypes } from './events.ts';
import { createMultisigState, type MultisigState } from './state.ts';

export type { ApprovePayload, ApproveResult } from './commands/approve.ts';
export type { ProposePayload, ProposeResult } from './commands/propose.ts';
export type { RejectPayload, RejectResult } from './commands/reject.ts';
export type { SetSignersPayload, SetSignersResult } from './commands/set-signers.ts';
export type {
  ClosedTransaction,
  MultisigEvent,
  MultisigSignersSet,
  MultisigTransactionApproved,
  MultisigTransactionExecuted,
  MultisigTransactionProposed,
  MultisigTransactionRejected,
} from './events.ts';
export {
  type MultisigTransactionView,
  multisigTransaction,
  multisigTransactions,
  type SignerSetView,
  signerSet,
  signerSets,
  transactionStatusAt,
} from './queries.ts';
export {
  type MultisigState,
  type MultisigTransaction,
  type MultisigTransactionStatus,
  multisigAdminAction,
  multisigResource,
  multisigSpendId,
  type SignerSet,
  type SignerSetFund,
} from './state.ts';

export const multisigModule: DomainModule<MultisigState, MultisigEvent> = {
  name: 'multisig',
  createState: createMultisigState,
  eventTypes: multisigEventTypes,
  evolve: evolveMultisig,
  commands: [setSigners, propose, approve, reject],
};
