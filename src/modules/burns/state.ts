/** Fee classes with their burn rates, milestone burns, and what was burned for each reason. */

export interface RateRange {
  minPpm: bigint;
  maxPpm: bigint;
}

/** One fee class: how a fee of this class is divided. Shares are parts per million of the fee. */
export interface FeeClass {
  id: string;
  assetId: string;
  /** The share of the fee that is burned. */
  burnPpm: bigint;
  /** The share of the fee paid to stakers through the revenue policy `stakersPolicyId`. */
  stakersPpm: bigint;
  stakersPolicyId?: string | undefined;
  /** The documented band the burn rate must stay in (BTT compute: 1-3 %). */
  range?: RateRange | undefined;
  updatedSeq: number;
  /** Running totals over every fee charged in this class. */
  charges: number;
  amountUnits: bigint;
  discountUnits: bigint;
  chargedUnits: bigint;
  burnedUnits: bigint;
  stakersUnits: bigint;
  treasuryUnits: bigint;
}

/** A one-time burn that governance triggers when a milestone is reached. */
export interface Milestone {
  id: string;
  label: string;
  assetId: string;
  fromAccountId: string;
  amountUnits: bigint;
  definedSeq: number;
  burnedSeq?: number | undefined;
  burnedMs?: number | undefined;
}

/** How one fee was divided: every part in base units. */
export interface FeeParts {
  /** The fee as asked, before the staking discount. */
  amountUnits: bigint;
  discountUnits: bigint;
  /** What the payer paid: amount less discount = burned + stakers + treasury. */
  chargedUnits: bigint;
  burnedUnits: bigint;
  stakersUnits: bigint;
  treasuryUnits: bigint;
}

/** A fee charge as first made: a retry with the same id and body returns the same parts. */
export interface FeeChargeRecord extends FeeParts {
  feeClass: string;
  fromAccountId: string;
}

export interface BurnsState {
  feeClasses: Map<string, FeeClass>;
  milestones: Map<string, Milestone>;
  /** burns.charge_fee records by charge id, kept for good like the ledger's transfers (retries stay exact). */
  charges: Map<string, FeeChargeRecord>;
  /** Units burned out of treasury funds (treasury.burn), by asset: followed from the treasury. */
  treasuryBurnedUnits: Map<string, bigint>;
}

export function createBurnsState(): BurnsState {
  return { feeClasses: new Map(), milestones: new Map(), charges: new Map(), treasuryBurnedUnits: new Map() };
}

/**
 * Where a fee is gathered before it is divided: the payer pays it here in one move of its own
 * (so the ledger checks ownership and spending caps once, on the whole fee), then the module
 * burns, shares and passes on the parts as the system. It is empty again after every charge.
 */
export function feeCollectorAccountId(assetId: string): string {
  return `@burns.fees.${assetId}`;
}

/** The permission that triggers a milestone burn; governance holds it. */
export const milestoneBurnAction = 'burns.milestone';

export function milestoneResource(id: string): string {
  return `milestone:${id}`;
}

/** The treasury income class of a fee's remainder. */
export function feeIncomeClass(feeClass: string): string {
  return `fee.${feeClass}`;
}

/** Module transfer ids: charge and milestone ids are unique, so each is too. */
export function feeTransferId(chargeId: string, part: 'collect' | 'burn' | 'stakers' | 'treasury'): string {
  return `burns:fee:${chargeId}:${part}`;
}

export function milestoneTransferId(milestoneId: string): string {
  return `burns:milestone:${milestoneId}`;
}
