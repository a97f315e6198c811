import { assert } from '../../kernel/assert.ts';
import { percentToPpm } from '../../kernel/rates.ts';
import type { EventStamp } from '../../ledger/events.ts';
import type { TreasuryBurned } from '../treasury/index.ts';
import type { BurnsState, FeeClass, FeeParts } from './state.ts';

/** A fee class as the log keeps it: rates as canonical percent strings ("2", "0.5"). */
export interface FeeClassSpec {
  id: string;
  assetId: string;
  burnPercent: string;
  stakersPercent: string;
  stakersPolicyId?: string;
  range?: { minPercent: string; maxPercent: string };
}

export interface BurnsFeeClassSet {
  type: 'burns_fee_class_set';
  feeClass: FeeClassSpec;
}

export interface BurnsFeeCharged extends FeeParts {
  type: 'burns_fee_charged';
  chargeId: string;
  feeClass: string;
  assetId: string;
  payerId: string;
  fromAccountId: string;
}

export interface BurnsMilestoneDefined {
  type: 'burns_milestone_defined';
  milestone: { id: string; label: string; assetId: string; fromAccountId: string; amountUnits: bigint };
}

export interface BurnsMilestoneBurned {
  type: 'burns_milestone_burned';
  milestoneId: string;
  assetId: string;
  fromAccountId: string;
  amountUnits: bigint;
}

export type BurnsEvent = BurnsFeeClassSet | BurnsFeeCharged | BurnsMilestoneDefined | BurnsMilestoneBurned;

/** The module follows `treasury_burned` too, so `burnedByReason` can count treasury burns. */
export const burnsEventTypes: ReadonlySet<string> = new Set<string>([
  'burns_fee_class_set',
  'burns_fee_charged',
  'burns_milestone_defined',
  'burns_milestone_burned',
  'treasury_burned',
]);

export function evolveBurns(state: BurnsState, event: BurnsEvent | TreasuryBurned, stamp: EventStamp): void {
  switch (event.type) {
    case 'burns_fee_class_set':
      setFeeClass(state, event.feeClass, stamp);
      return;
    case 'burns_fee_charged':
      chargeFee(state, event);
      return;
    case 'burns_milestone_defined':
      state.milestones.set(event.milestone.id, { ...event.milestone, definedSeq: stamp.seq });
      return;
    case 'burns_milestone_burned': {
      const milestone = state.milestones.get(event.milestoneId);
      assert(milestone !== undefined && milestone.burnedSeq === undefined, `milestone ${event.milestoneId} is defined and not burned`);
      milestone.burnedSeq = stamp.seq;
      milestone.burnedMs = stamp.timeMs;
      return;
    }
    case 'treasury_burned':
      state.treasuryBurnedUnits.set(event.assetId, (state.treasuryBurnedUnits.get(event.assetId) ?? 0n) + event.amountUnits);
      return;
  }
}

/** Sets a class's rates; its running totals carry on across rate changes. */
function setFeeClass(state: BurnsState, spec: FeeClassSpec, stamp: EventStamp): void {
  const previous = state.feeClasses.get(spec.id);
  const next: FeeClass = {
    id: spec.id,
    assetId: spec.assetId,
    burnPpm: percentToPpm(spec.burnPercent),
    stakersPpm: percentToPpm(spec.stakersPercent),
    stakersPolicyId: spec.stakersPolicyId,
    range: spec.range && { minPpm: percentToPpm(spec.range.minPercent), maxPpm: percentToPpm(spec.range.maxPercent) },
    updatedSeq: stamp.seq,
    charges: previous?.charges ?? 0,
    amountUnits: previous?.amountUnits ?? 0n,
    discountUnits: previous?.discountUnits ?? 0n,
    chargedUnits: previous?.chargedUnits ?? 0n,
    burnedUnits: previous?.burnedUnits ?? 0n,
    stakersUnits: previous?.stakersUnits ?? 0n,
    treasuryUnits: previous?.treasuryUnits ?? 0n,
  };
  state.feeClasses.set(spec.id, next);
}

function chargeFee(state: BurnsState, event: BurnsFeeCharged): void {
  const feeClass = state.feeClasses.get(event.feeClass);
  assert(feeClass !== undefined, `fee class ${event.feeClass} exists`);
  feeClass.charges += 1;
  feeClass.amountUnits += event.amountUnits;
  feeClass.discountUnits += event.discountUnits;
  feeClass.chargedUnits += event.chargedUnits;
  feeClass.burnedUnits += event.burnedUnits;
  feeClass.stakersUnits += event.stakersUnits;
  feeClass.treasuryUnits += event.treasuryUnits;
  state.charges.set(event.chargeId, {
    feeClass: event.feeClass,
    fromAccountId: event.fromAccountId,
    amountUnits: event.amountUnits,
    discountUnits: event.discountUnits,
    chargedUnits: event.chargedUnits,
    burnedUnits: event.burnedUnits,
    stakersUnits: event.stakersUnits,
    treasuryUnits: event.treasuryUnits,
  });
}
