import { systemActorId } from '../../access/state.ts';
import type { EngineState } from '../../engine/state.ts';
import { assert } from '../../kernel/assert.ts';
import type { LedgerMoves, MoveRejection } from '../../ledger/moves.ts';
import { balanceUnits } from '../../ledger/state.ts';
import { depositRevenue } from '../revenue/index.ts';
import { stakingBenefits } from '../staking/index.ts';
import { receiveIncome } from '../treasury/index.ts';
import type { BurnsFeeCharged } from './events.ts';
import { feeSplit } from './fee-split.ts';
import { type FeeClass, type FeeParts, feeCollectorAccountId, feeIncomeClass, feeTransferId } from './state.ts';

export interface ChargeFeeInput {
  /** Unique per charge: the charge's transfers are `burns:fee:<chargeId>:<part>`. */
  chargeId: string;
  feeClass: string;
  fromAccountId: string;
  /** The fee before the payer's staking discount. */
  amountUnits: bigint;
  /**
   * Who pays: the actor of the command being applied. Their staking discount applies and the
   * payment out of `fromAccountId` is their own move, so the ledger checks they may make it.
   */
  payerId: string;
  atMs: number;
}

/** The payer's staking fee discount at `atMs`, in ppm (0 without an active stake of a discount tier). */
export function feeDiscountPpm(state: EngineState, actorId: string, atMs: number): bigint {
  return stakingBenefits(state.modules.staking, actorId, atMs).feeDiscountPpm;
}

/**
 * Charges one fee, for burns.charge_fee and for any module that charges fees: the payer pays
 * the discounted fee into the collector in one move of its own, then the collector burns the
 * class's share, pays the stakers' share into the class's revenue policy and passes the rest
 * to the treasury as income of class `fee.<class>`. Returns the parts, or the first rejection
 * (the caller then discards the moves).
 */
export function chargeFee(state: EngineState, moves: LedgerMoves, input: ChargeFeeInput): FeeParts | MoveRejection {
  const feeClass = state.modules.burns.feeClasses.get(input.feeClass);
  if (!feeClass) return { code: 'fee_class_not_found', message: `no fee class ${input.feeClass}` };
  const from = moves.draft.account(input.fromAccountId);
  if (!from) return { code: 'debit_account_not_found', message: `no account ${input.fromAccountId}` };
  if (from.assetId !== feeClass.assetId)
    return { code: 'asset_mismatch', message: `fees of class ${feeClass.id} are paid in ${feeClass.assetId}, not ${from.assetId}` };
  if (input.amountUnits <= 0n) return { code: 'amount_invalid', message: 'a fee must be above zero' };
  const discountPpm = input.payerId === systemActorId ? 0n : feeDiscountPpm(state, input.payerId, input.atMs);
  const parts = feeSplit(input.amountUnits, { discountPpm, burnPpm: feeClass.burnPpm, stakersPpm: feeClass.stakersPpm });
  const problem = parts.chargedUnits > 0n ? divideFee(state, moves, input, feeClass, parts) : undefined;
  if (problem) return problem;
  const event: BurnsFeeCharged = {
    type: 'burns_fee_charged',
    chargeId: input.chargeId,
    feeClass: feeClass.id,
    assetId: feeClass.assetId,
    payerId: input.payerId,
    fromAccountId: input.fromAccountId,
    ...parts,
  };
  moves.note(event);
  return parts;
}

function divideFee(state: EngineState, moves: LedgerMoves, input: ChargeFeeInput, feeClass: FeeClass, parts: FeeParts): MoveRejection | undefined {
  const collector = feeCollectorAccountId(feeClass.assetId);
  const opened = moves.ensureAccount({ id: collector, assetId: feeClass.assetId, ownerId: systemActorId, allowOverdraft: false });
  if (opened) return opened;
  const collectorAccount = moves.draft.account(collector);
  const before = collectorAccount ? balanceUnits(collectorAccount) : 0n;
  const collected = moves.transfer(
    { id: feeTransferId(input.chargeId, 'collect'), fromId: input.fromAccountId, toId: collector, units: parts.chargedUnits, memo: `fee ${feeClass.id}` },
    { asCaller: true },
  );
  if (collected) return collected;
  if (parts.burnedUnits > 0n) {
    const burned = moves.burn({ id: feeTransferId(input.chargeId, 'burn'), fromId: collector, units: parts.burnedUnits, memo: `fee burn ${feeClass.id}` });
    if (burned) return burned;
  }
  if (parts.stakersUnits > 0n) {
    assert(feeClass.stakersPolicyId !== undefined, 'set_fee_class requires a policy for a stakers share');
    const shared = depositRevenue(state, moves, {
      policyId: feeClass.stakersPolicyId,
      fromAccountId: collector,
      units: parts.stakersUnits,
      transferId: feeTransferId(input.chargeId, 'stakers'),
    });
    if (shared) return shared;
  }
  const income = receiveIncome(state, moves, {
    transferIdPrefix: feeTransferId(input.chargeId, 'treasury'),
    fromAccountId: collector,
    units: parts.treasuryUnits,
    incomeClass: feeIncomeClass(feeClass.id),
  });
  if (income) return income;
  const after = moves.draft.account(collector);
  assert(after !== undefined && balanceUnits(after) === before, 'the fee collector passes on every unit it collects');
  return undefined;
}
