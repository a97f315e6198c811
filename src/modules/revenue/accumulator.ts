/**
 * The reward-per-share accumulator: revenue shared among any number of holders in O(1) per
 * deposit. Pure bigint arithmetic; every rounding goes through `divFloor`.
 *
 * A deposit of `units` over `totalShares` raises the accumulator (reward per share, scaled by
 * `accumulatorScale`) by `increment = floor(units * SCALE / totalShares)`. A holder's
 * entitlement is `shares * (accumulator - snapshot)`, kept in SCALED units: nothing is
 * floored per holder, so no holder ever loses a fraction. A claim pays
 * `floor(owedScaled / SCALE)` and the fractional rest stays owed.
 *
 * What one deposit cannot represent, `units * SCALE - increment * totalShares` (less than
 * `totalShares` scaled units, i.e. less than totalShares / 10^36 of a unit), is DUST: it is
 * added to the scaled dust, and every whole unit of dust is moved to the dust account.
 *
 * Deposits made while there are no shares are CARRIED: held undistributed and shared, on top
 * of the next deposit, as soon as a deposit finds shares. (Moving them to dust instead would
 * take from holders what was meant for them.)
 *
 * THE INVARIANT, exact at every moment (per side of a policy, and so per policy):
 *
 *   sum over holders of owedScaled (settled + accrued since the snapshot)
 *     + claimedUnits * SCALE + dustScaled + carriedUnits * SCALE  =  depositedUnits * SCALE
 *
 * A deposit adds `increment * totalShares` to the holders, the rest to dust: the sum of both is
 * exactly `units * SCALE`. A share change settles the holder first, so what was accrued is kept
 * and the new shares start from the current accumulator. A claim moves `units * SCALE` from
 * owed to claimed. Since owed and dust are never negative, claims never exceed deposits.
 *
 * Precision: each deposit leaves a holder at most `shares / SCALE` of a unit short of the exact
 * rational share (that part is in the dust). A claim therefore pays exactly the floor of the
 * exact rational entitlement, except when that exact entitlement is within
 * (sum of the holder's shares over the deposits) / 10^36 above a whole number: then the claim
 * is one unit lower and the unit stays owed (it is paid as soon as the next deposit lifts the
 * scaled entitlement over the whole number). Exact rationals would need unbounded denominators.
 */

import { divFloor } from '../../kernel/amount.ts';
import { assert } from '../../kernel/assert.ts';

/** 10^36: a holder's entitlement is kept to 10^-36 of a base unit. */
export const accumulatorScale = 10n ** 36n;

/** One deposit shared over the shares that exist when it is made. */
export interface SharedDeposit {
  /** What the accumulator rises by (reward per share, scaled). */
  incrementScaled: bigint;
  /** The scaled part no share can represent: it goes to dust. */
  dustScaled: bigint;
  /** Units now owed to holders (the deposit plus what was carried), 0 when carried again. */
  distributedUnits: bigint;
  /** Units held undistributed after this deposit. */
  carriedUnits: bigint;
}

/** Shares `units`, plus whatever was carried, over `totalShares`; carries them when there are none. */
export function shareDeposit(input: { units: bigint; carriedUnits: bigint; totalShares: bigint }): SharedDeposit {
  const { units, carriedUnits, totalShares } = input;
  assert(units >= 0n && carriedUnits >= 0n && totalShares >= 0n, 'deposits, carried units and shares are never negative');
  if (totalShares === 0n) return { incrementScaled: 0n, dustScaled: 0n, distributedUnits: 0n, carriedUnits: carriedUnits + units };
  const distributedUnits = units + carriedUnits;
  const potScaled = distributedUnits * accumulatorScale;
  const incrementScaled = divFloor(potScaled, totalShares);
  return { incrementScaled, dustScaled: potScaled - incrementScaled * totalShares, distributedUnits, carriedUnits: 0n };
}

/** A holder's standing against one accumulator. */
export interface Position {
  /** Entitlement settled so far and not yet paid, scaled. */
  owedScaled: bigint;
  /** The accumulator when the position was last settled. */
  snapshotScaled: bigint;
}

/** What `shares` earned since the snapshot, scaled. */
export function accruedScaled(shares: bigint, accumulatorScaled: bigint, snapshotScaled: bigint): bigint {
  assert(accumulatorScaled >= snapshotScaled, 'the accumulator never goes down');
  return shares * (accumulatorScaled - snapshotScaled);
}

/** Settles a position before its shares change: what they earned becomes owed. */
export function settlePosition(position: Position, shares: bigint, accumulatorScaled: bigint): Position {
  return { owedScaled: position.owedScaled + accruedScaled(shares, accumulatorScaled, position.snapshotScaled), snapshotScaled: accumulatorScaled };
}

/** A claim of everything owed: the whole units paid and the fraction that stays owed. */
export function payout(owedScaled: bigint): { units: bigint; restScaled: bigint } {
  assert(owedScaled >= 0n, 'nothing owed is negative');
  const units = divFloor(owedScaled, accumulatorScale);
  return { units, restScaled: owedScaled - units * accumulatorScale };
}

/** Whole units of dust not yet moved to the dust account. */
export function dustUnitsToMove(dustScaled: bigint, movedUnits: bigint): bigint {
  const units = divFloor(dustScaled, accumulatorScale) - movedUnits;
  assert(units >= 0n, 'dust already moved never exceeds the dust');
  return units;
}
