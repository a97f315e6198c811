/**
 * Test support (not imported by the module): the naive reference the accumulator is checked
 * against. It loops over every holder on every deposit and keeps each entitlement as an exact
 * rational; a claim pays the floor of it. O(holders) per deposit, and exact.
 */

/** A non-negative rational num / den, den > 0, kept reduced. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

export const zero: Fraction = { num: 0n, den: 1n };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function fraction(num: bigint, den: bigint): Fraction {
  const divisor = gcd(num, den) || 1n;
  return { num: num / divisor, den: den / divisor };
}

export function add(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function floorOf(a: Fraction): bigint {
  return a.num / a.den;
}

export function minusUnits(a: Fraction, units: bigint): Fraction {
  return fraction(a.num - units * a.den, a.den);
}

/**
 * A policy done naively: stake shares per holder, activity points per epoch and holder, and
 * one exact rational owed per holder. A deposit made in epoch e gives floor(units * stakePpm /
 * 10^6) to the stakers pro rata and the rest to the points of epoch e - 1 pro rata; a side with
 * nothing to share over carries its part to its next deposit.
 */
export class NaivePolicy {
  readonly shares = new Map<string, bigint>();
  readonly points = new Map<number, Map<string, bigint>>();
  readonly owed = new Map<string, Fraction>();
  /** Lifetime claims per holder. */
  readonly claimed = new Map<string, bigint>();
  stakeCarriedUnits = 0n;
  activityCarriedUnits = 0n;
  depositedUnits = 0n;

  constructor(readonly stakePpm: bigint = 1_000_000n) {}

  setShares(holder: string, shares: bigint): void {
    this.shares.set(holder, shares);
  }

  record(holder: string, epoch: number, points: bigint): void {
    const epochPoints = this.points.get(epoch) ?? new Map<string, bigint>();
    epochPoints.set(holder, (epochPoints.get(holder) ?? 0n) + points);
    this.points.set(epoch, epochPoints);
  }

  deposit(units: bigint, epoch = 0): void {
    this.depositedUnits += units;
    const stakeUnits = (units * this.stakePpm) / 1_000_000n;
    this.stakeCarriedUnits = this.share(this.shares, stakeUnits + this.stakeCarriedUnits);
    const epochPoints = epoch > 0 ? (this.points.get(epoch - 1) ?? new Map<string, bigint>()) : new Map<string, bigint>();
    this.activityCarriedUnits = this.share(epochPoints, units - stakeUnits + this.activityCarriedUnits);
  }

  /** Shares `pot` exactly over `weights`; returns what is carried (all of it when there are none). */
  private share(weights: ReadonlyMap<string, bigint>, pot: bigint): bigint {
    let total = 0n;
    for (const weight of weights.values()) total += weight;
    if (total === 0n) return pot;
    for (const [holder, weight] of weights) {
      if (weight > 0n) this.owed.set(holder, add(this.owed.get(holder) ?? zero, fraction(pot * weight, total)));
    }
    return 0n;
  }

  claim(holder: string): bigint {
    const owed = this.owed.get(holder) ?? zero;
    const units = floorOf(owed);
    this.owed.set(holder, minusUnits(owed, units));
    this.claimed.set(holder, (this.claimed.get(holder) ?? 0n) + units);
    return units;
  }

  /** Everything ever owed to the holder: claimed plus still owed, exact. */
  entitlement(holder: string): Fraction {
    return add(fraction(this.claimed.get(holder) ?? 0n, 1n), this.owed.get(holder) ?? zero);
  }

  carriedUnits(): bigint {
    return this.stakeCarriedUnits + this.activityCarriedUnits;
  }
}
