import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, type Outcome, type Rejected, rejected } from '../../../engine/types.ts';
import { formatAmount, parseAmount } from '../../../kernel/amount.ts';
import { assert } from '../../../kernel/assert.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import type { Asset } from '../../../ledger/state.ts';
import type { MultisigTransactionProposed } from '../events.ts';
import { executeTransaction } from '../execute.ts';
import { pendingTransactionsPerSetMax, transactionMemoLengthMax } from '../limits.ts';
import { transactionStatusAt } from '../queries.ts';
import { ProposeSchema } from '../schema.ts';
import { isExpired, type MultisigTransaction, type MultisigTransactionStatus, type SignerSet } from '../state.ts';

export type ProposePayload = Static<typeof ProposeSchema>;
export interface ProposeResult {
  id: string;
  amount: string;
  /** `executed` when the proposer's approval alone meets the threshold (1 of N). */
  status: 'pending' | 'executed' | 'exists';
  /** The transaction's status now, for `exists`. */
  transactionStatus: MultisigTransactionStatus;
  approvals: number;
  threshold: number;
  expiresAtMs: number;
}

/**
 * A signer proposes paying `amount` from one of the set's funds; the proposal counts as the
 * proposer's approval. Amounts above the set's `maxAmount` are refused: larger spends go
 * through a governance proposal. A set with a threshold of 1 pays at once.
 */
export const propose: CommandDefinition<EngineState, ProposePayload, ProposeResult> = {
  type: 'multisig.propose',
  schema: ProposeSchema,
  apply(state, payload, ctx) {
    assert(payload.memo === undefined || payload.memo.length <= transactionMemoLengthMax, 'the schema bounds the memo');
    const multisig = state.modules.multisig;
    const set = multisig.sets.get(payload.set);
    if (!set) return rejected('set_not_found', `no signer set ${payload.set}`);
    if (!set.signers.includes(ctx.actorId)) return rejected('not_a_signer', `${ctx.actorId} is not a signer of ${set.id}`);
    const previous = multisig.transactions.get(payload.id);
    if (previous) return repeated(state, previous, payload, ctx);
    const allowed = set.funds.find((fund) => fund.fundId === payload.fund);
    if (!allowed) return rejected('fund_not_allowed', `set ${set.id} may not pay from fund ${payload.fund}`);
    const fund = state.modules.treasury.funds.get(allowed.fundId);
    const asset = fund && state.ledger.assets.get(fund.assetId);
    assert(asset !== undefined, `fund ${allowed.fundId} of set ${set.id} exists`);
    const units = parseUnits(payload.amount, asset);
    if (typeof units !== 'bigint') return units;
    if (units > allowed.maxAmountUnits) {
      const limit = formatAmount(allowed.maxAmountUnits, asset.decimals);
      return rejected(
        'above_multisig_limit',
        `set ${set.id} pays at most ${limit} from ${allowed.fundId} per transaction; propose a larger spend to governance`,
      );
    }
    const expiredIds = set.pendingIds.filter((id) => isExpiredId(state, id, ctx.timeMs));
    if (set.pendingIds.length - expiredIds.length >= pendingTransactionsPerSetMax) {
      return rejected('pending_transactions_max_reached', `set ${set.id} has ${pendingTransactionsPerSetMax} pending transactions`);
    }
    const recipient = state.ledger.accounts.get(payload.to);
    if (!recipient) return rejected('credit_account_not_found', `no account ${payload.to}`);
    if (recipient.assetId !== asset.id)
      return rejected('asset_mismatch', `${recipient.id} holds ${recipient.assetId}, fund ${allowed.fundId} holds ${asset.id}`);
    return record(state, ctx, { payload, set, asset, units, expiredIds });
  },
};

function parseUnits(amount: string, asset: Asset): bigint | Rejected {
  try {
    return parseAmount(amount, { decimals: asset.decimals, allowZero: false });
  } catch (error) {
    if (isPolityError(error)) return rejected('amount_invalid', error.message);
    throw error;
  }
}

function isExpiredId(state: EngineState, id: string, atMs: number): boolean {
  const transaction = state.modules.multisig.transactions.get(id);
  assert(transaction !== undefined, `pending transaction ${id} exists`);
  return isExpired(transaction, atMs);
}

/** The same proposal again (same proposer, set, fund, recipient, amount and memo) is `exists`. */
function repeated(state: EngineState, previous: MultisigTransaction, payload: ProposePayload, ctx: CommandContext): Outcome<ProposeResult> {
  const fund = state.modules.treasury.funds.get(previous.fundId);
  const asset = fund && state.ledger.assets.get(fund.assetId);
  assert(asset !== undefined, `fund ${previous.fundId} of transaction ${previous.id} exists`);
  const units = parseUnits(payload.amount, asset);
  const same =
    previous.proposerId === ctx.actorId &&
    previous.setId === payload.set &&
    previous.fundId === payload.fund &&
    previous.toAccountId === payload.to &&
    previous.amountUnits === units &&
    previous.memo === payload.memo;
  if (!same) return rejected('transaction_exists', `transaction ${previous.id} exists with other fields`);
  const set = state.modules.multisig.sets.get(previous.setId);
  assert(set !== undefined, `set ${previous.setId} exists`);
  return accepted([], {
    ...summary(previous, set, asset),
    status: 'exists',
    transactionStatus: transactionStatusAt(previous, ctx.timeMs),
  });
}

function summary(
  transaction: Pick<MultisigTransaction, 'id' | 'amountUnits' | 'expiresAtMs'> & { approvals: readonly string[] },
  set: SignerSet,
  asset: Asset,
) {
  return {
    id: transaction.id,
    amount: formatAmount(transaction.amountUnits, asset.decimals),
    approvals: transaction.approvals.length,
    threshold: set.threshold,
    expiresAtMs: transaction.expiresAtMs,
  };
}

interface NewTransaction {
  payload: ProposePayload;
  set: SignerSet;
  asset: Asset;
  units: bigint;
  expiredIds: string[];
}

function record(state: EngineState, ctx: CommandContext, fresh: NewTransaction): Outcome<ProposeResult> {
  const { payload, set, asset, units, expiredIds } = fresh;
  const event: MultisigTransactionProposed = {
    type: 'multisig_transaction_proposed',
    transaction: {
      id: payload.id,
      setId: set.id,
      setRevision: set.revision,
      fundId: payload.fund,
      toAccountId: payload.to,
      amountUnits: units,
      proposerId: ctx.actorId,
      expiresAtMs: ctx.timeMs + set.ttlSeconds * 1000,
    },
    expiredIds,
  };
  if (payload.memo !== undefined) event.transaction.memo = payload.memo;
  const moves = new LedgerMoves(state, ctx);
  moves.note(event);
  const base = summary({ ...event.transaction, approvals: [ctx.actorId] }, set, asset);
  if (set.threshold > 1) return accepted(moves.events, { ...base, status: 'pending', transactionStatus: 'pending' });
  const payment = { id: payload.id, fundId: payload.fund, toAccountId: payload.to, amountUnits: units, memo: payload.memo };
  const problem = executeTransaction(state, moves, payment, ctx);
  if (problem) return rejected(problem.code, problem.message);
  return accepted(moves.events, { ...base, status: 'executed', transactionStatus: 'executed' });
}
