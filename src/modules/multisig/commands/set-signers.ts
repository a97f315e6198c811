import type { Static } from '@sinclair/typebox';
import { can, systemActorId } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, type Rejected, rejected } from '../../../engine/types.ts';
import { parseAmount } from '../../../kernel/amount.ts';
import { assert } from '../../../kernel/assert.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import type { ClosedTransaction, MultisigSignersSet } from '../events.ts';
import { fundsPerSetMax, signerSetsMax, signersMax, transactionTtlSecondsDefault } from '../limits.ts';
import { SetSignersSchema } from '../schema.ts';
import { isExpired, multisigAdminAction, multisigResource, type SignerSet, type SignerSetFund } from '../state.ts';

export type SetSignersPayload = Static<typeof SetSignersSchema>;
export interface SetSignersResult {
  id: string;
  revision: number;
  status: 'set' | 'unchanged';
  /** Pending transactions the change closed (cancelled, or expired if their time had run out). */
  closed: ClosedTransaction[];
}

/**
 * Creates or replaces a signer set: who signs, how many must approve, which funds it may pay
 * from and how much one transaction may take. Only holders of `multisig.admin` on
 * `multisig:<id>` may: governance (its executor runs as the system actor) and the bootstrap
 * admin, so signers never change their own set. A change cancels the set's pending
 * transactions: approvals given to the old signers and threshold do not count for the new.
 */
export const setSigners: CommandDefinition<EngineState, SetSignersPayload, SetSignersResult> = {
  type: 'multisig.set_signers',
  schema: SetSignersSchema,
  apply(state, payload, ctx) {
    assert(payload.signers.length <= signersMax && payload.funds.length <= fundsPerSetMax, 'the schema bounds signers and funds');
    assert(new Set(payload.signers).size === payload.signers.length && new Set(payload.funds).size === payload.funds.length, 'the schema keeps items unique');
    const resource = multisigResource(payload.id);
    if (!can(state.access, ctx.actorId, multisigAdminAction, [resource]))
      return rejected('not_authorized', `${ctx.actorId} lacks ${multisigAdminAction} on ${resource}`);
    if (payload.threshold > payload.signers.length) {
      return rejected('threshold_invalid', `a threshold of ${payload.threshold} cannot be met by ${payload.signers.length} signers`);
    }
    for (const signerId of payload.signers) {
      const actor = state.access.actors.get(signerId);
      if (!actor || actor.id === systemActorId) return rejected('signer_not_found', `no actor ${signerId} to sign`);
    }
    const funds = parseFunds(state, payload);
    if (!Array.isArray(funds)) return funds;
    const existing = state.modules.multisig.sets.get(payload.id);
    if (!existing && state.modules.multisig.sets.size >= signerSetsMax)
      return rejected('signer_sets_max_reached', `a DAO holds at most ${signerSetsMax} signer sets`);
    const next = { signers: payload.signers, threshold: payload.threshold, funds, ttlSeconds: payload.ttlSeconds ?? transactionTtlSecondsDefault };
    if (existing && sameSet(existing, next)) return accepted([], { id: payload.id, revision: existing.revision, status: 'unchanged', closed: [] });
    const event: MultisigSignersSet = {
      type: 'multisig_signers_set',
      set: { id: payload.id, ...next },
      revision: (existing?.revision ?? 0) + 1,
      closed: existing ? closePending(state, existing, ctx) : [],
    };
    return accepted([event], { id: payload.id, revision: event.revision, status: 'set', closed: event.closed });
  },
};

/**
 * Every fund must exist (fund_not_found, checked for all first); then `maxAmount` is read in
 * each fund's own asset, so one figure suits funds of different decimals (amount_invalid).
 */
function parseFunds(state: EngineState, payload: SetSignersPayload): SignerSetFund[] | Rejected {
  const missing = payload.funds.find((fundId) => !state.modules.treasury.funds.has(fundId));
  if (missing !== undefined) return rejected('fund_not_found', `no fund ${missing}`);
  const funds: SignerSetFund[] = [];
  for (const fundId of payload.funds) {
    const fund = state.modules.treasury.funds.get(fundId);
    const asset = fund && state.ledger.assets.get(fund.assetId);
    assert(asset !== undefined, `fund ${fundId} names an asset`);
    try {
      funds.push({ fundId, maxAmountUnits: parseAmount(payload.maxAmount, { decimals: asset.decimals, allowZero: false }) });
    } catch (error) {
      if (isPolityError(error)) return rejected('amount_invalid', `maxAmount in ${asset.id} (fund ${fundId}): ${error.message}`);
      throw error;
    }
  }
  return funds;
}

function sameSet(set: SignerSet, next: Pick<SignerSet, 'signers' | 'threshold' | 'funds' | 'ttlSeconds'>): boolean {
  return (
    set.threshold === next.threshold &&
    set.ttlSeconds === next.ttlSeconds &&
    set.signers.length === next.signers.length &&
    set.signers.every((signer, index) => signer === next.signers[index]) &&
    set.funds.length === next.funds.length &&
    set.funds.every((fund, index) => fund.fundId === next.funds[index]?.fundId && fund.maxAmountUnits === next.funds[index]?.maxAmountUnits)
  );
}

function closePending(state: EngineState, set: SignerSet, ctx: CommandContext): ClosedTransaction[] {
  return set.pendingIds.map((transactionId) => {
    const transaction = state.modules.multisig.transactions.get(transactionId);
    assert(transaction !== undefined, `pending transaction ${transactionId} exists`);
    return { transactionId, status: isExpired(transaction, ctx.timeMs) ? 'expired' : 'cancelled' };
  });
}
