/**
 * The reward-per-share accumulator: revenue shared among any number of holders in O(1) per
 * deposit. Pure bigint arithmetic; every rounding goes through `divFloor`.
 *
 * A deposit of `units` over `totalShares` raises the accumulator (reward per share, scaled by
 * SCALE = `accumulatorScale`) by `increment = floor(units * SCALE / totalShares)`. A holder's
 * entitlement is `shares * (accumulator - snapshot)`, kept in SCALED units: nothing is
 * floored per holder, so no holder ever loses a fraction. A claim pays
 * `floor(owedScaled / SCALE)` and the fractional rest stays owed.
 *
 * What one deposit cannot represent, `units * SCALE - increment * totalShares` (less than
 * `totalShares` scaled units), is DUST: it is added to the scaled dust, and every whole unit of
 * dust is moved to the dust account (with the deposit that completes it).
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
 * SCALE is 10^36 * lcm(1, ..., 64), about 1.2 * 10^63, not a bare power of ten: a deposit is
 * then shared with no rounding at all whenever the total's prime powers divide the scale: any
 * total up to 64 (points of a small DAO), and round totals such as 7,500 tokens of 18 decimals
 * (3 * 5^4 * 2^2 * 10^18). With 10^36 alone, two holders of 3 points out of 6 sharing 2 units
 * would each be owed 1 - 10^-36 and could claim 0.
 *
 * Precision otherwise: each deposit leaves a holder less than `shares / SCALE` of a unit short
 * of its exact rational share (that part is the dust). A claim pays the floor of the exact
 * rational entitlement, or, when that entitlement is a whole number (or within the holder's
 * accumulated shortfall above one), one unit less; that unit stays owed and is paid once later
 * deposits lift the scaled entitlement over the whole number. Per holder the gap never
 * reaches one unit while the sum of its shares over all deposits stays below SCALE. Exact
 * rationals for every holder would need unbounded denominators, or a loop over the holders.
 */
import { divFloor } from '../../kernel/amount.ts';
import { assert } from '../../kernel/assert.ts';

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/** lcm(1, ..., n). */
export function lcmUpTo(n: bigint): bigint {
  let lcm = 1n;
  for (let k = 2n; k <= n; k += 1n) lcm = (lcm / gcd(lcm, k)) * k;
  return lcm;
}

/** 10^36 * lcm(1, ..., 64): entitlements are kept to about 10^-63 of a base unit (see above). */
export const accumulatorScale = 10n ** 36n * lcmUpTo(64n);

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
