import type { BurnsState, FeeClass, Milestone } from './state.ts';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every fee class, sorted by name, as copies. */
export function feeClasses(state: BurnsState): FeeClass[] {
  return [...state.feeClasses.values()].map(copyFeeClass).sort(byId);
}

export function feeClass(state: BurnsState, id: string): FeeClass | undefined {
  const found = state.feeClasses.get(id);
  return found && copyFeeClass(found);
}

function copyFeeClass(feeClass: FeeClass): FeeClass {
  return { ...feeClass, range: feeClass.range && { ...feeClass.range } };
}

/** Every milestone burn, burned or not, sorted by id, as copies. */
export function milestones(state: BurnsState): Milestone[] {
  return [...state.milestones.values()].map((milestone) => ({ ...milestone })).sort(byId);
}

export function milestone(state: BurnsState, id: string): Milestone | undefined {
  const found = state.milestones.get(id);
  return found && { ...found };
}

export interface BurnedByReasonTotals {
  /** Burned out of fees (the payers' tokens). */
  feesUnits: bigint;
  /** Burned by milestone burns. */
  milestonesUnits: bigint;
  /** Burned out of treasury funds with treasury.burn. */
  treasuryUnits: bigint;
  totalUnits: bigint;
}

export interface BurnedByReason extends BurnedByReasonTotals {
  /** Fee burns per class (classes that burned nothing yet included). */
  fees: { feeClass: string; assetId: string; burnedUnits: bigint }[];
  /** Milestone burns that happened. */
  milestones: { milestoneId: string; assetId: string; burnedUnits: bigint }[];
  /** The same totals per asset, sorted by asset id. */
  byAsset: ({ assetId: string } & BurnedByReasonTotals)[];
}

/**
 * What was burned, by reason: fee burns per class, milestone burns, and burns out of treasury
 * funds. With `assetId` only that asset's burns are listed and totalled; without it the
 * top-level totals add up every asset (use `byAsset` when fees are charged in several).
 * Other burns (`ledger.burn`, staking reward burns) are not this module's: the ledger's
 * `burnedUnits` of an asset counts every burn whatever its reason.
 */
export function burnedByReason(state: BurnsState, assetId?: string): BurnedByReason {
  const wanted = (id: string) => assetId === undefined || id === assetId;
  const byAsset = new Map<string, BurnedByReasonTotals>();
  const totalsOf = (id: string) => {
    const existing = byAsset.get(id);
    if (existing) return existing;
    const created = { feesUnits: 0n, milestonesUnits: 0n, treasuryUnits: 0n, totalUnits: 0n };
    byAsset.set(id, created);
    return created;
  };
  const fees = feeClasses(state).filter((entry) => wanted(entry.assetId));
  for (const entry of fees) totalsOf(entry.assetId).feesUnits += entry.burnedUnits;
  const burned = milestones(state).filter((entry) => entry.burnedSeq !== undefined && wanted(entry.assetId));
  for (const entry of burned) totalsOf(entry.assetId).milestonesUnits += entry.amountUnits;
  for (const [id, units] of state.treasuryBurnedUnits) if (wanted(id)) totalsOf(id).treasuryUnits += units;
  const all = { feesUnits: 0n, milestonesUnits: 0n, treasuryUnits: 0n, totalUnits: 0n };
  for (const totals of byAsset.values()) {
    totals.totalUnits = totals.feesUnits + totals.milestonesUnits + totals.treasuryUnits;
    all.feesUnits += totals.feesUnits;
    all.milestonesUnits += totals.milestonesUnits;
    all.treasuryUnits += totals.treasuryUnits;
    all.totalUnits += totals.totalUnits;
  }
  return {
    ...all,
    fees: fees.map((entry) => ({ feeClass: entry.id, assetId: entry.assetId, burnedUnits: entry.burnedUnits })),
    milestones: burned.map((entry) => ({ milestoneId: entry.id, assetId: entry.assetId, burnedUnits: entry.amountUnits })),
    byAsset: [...byAsset].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, totals]) => ({ assetId: id, ...totals })),
  };
}
