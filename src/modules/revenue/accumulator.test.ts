import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accruedScaled, dustUnitsToMove, type Position, payout, accumulatorScale as S, settlePosition, shareDeposit } from './accumulator.ts';
import { type Fraction, NaivePolicy } from './naive-reference.ts';

/** Runs are deterministic: a fixed seed unless FC_SEED pins another (fast-check prints it on failure). */
const seed = Number(process.env.FC_SEED ?? 20_260_101);
const fcOptions = { seed, numRuns: 300 };
console.info(`revenue accumulator properties: fast-check seed ${seed} (set FC_SEED to change it)`);

/** One pool driven only through the accumulator's primitives, as the module drives them. */
class AccumulatorPool {
  accumulatorScaled = 0n;
  carriedUnits = 0n;
  dustScaled = 0n;
  dustUnits = 0n;
  depositedUnits = 0n;
  claimedUnits = 0n;
  totalShares = 0n;
  readonly holders = new Map<string, { shares: bigint; position: Position }>();

  private holder(id: string): { shares: bigint; position: Position } {
    return this.holders.get(id) ?? { shares: 0n, position: { owedScaled: 0n, snapshotScaled: 0n } };
  }

  setShares(id: string, shares: bigint): void {
    const holder = this.holder(id);
    this.holders.set(id, { shares, position: settlePosition(holder.position, holder.shares, this.accumulatorScaled) });
    this.totalShares += shares - holder.shares;
  }

  /** Returns the whole units of dust this deposit moves. */
  deposit(units: bigint): bigint {
    const shared = shareDeposit({ units, carriedUnits: this.carriedUnits, totalShares: this.totalShares });
    this.accumulatorScaled += shared.incrementScaled;
    this.carriedUnits = shared.carriedUnits;
    this.dustScaled += shared.dustScaled;
    const moved = dustUnitsToMove(this.dustScaled, this.dustUnits);
    this.dustUnits += moved;
    this.depositedUnits += units;
    return moved;
  }

  claim(id: string): bigint {
    const holder = this.holder(id);
    const settled = settlePosition(holder.position, holder.shares, this.accumulatorScaled);
    const paid = payout(settled.owedScaled);
    this.holders.set(id, { shares: holder.shares, position: { owedScaled: paid.restScaled, snapshotScaled: settled.snapshotScaled } });
    this.claimedUnits += paid.units;
    return paid.units;
  }

  owedScaled(id: string): bigint {
    const holder = this.holder(id);
    return holder.position.owedScaled + accruedScaled(holder.shares, this.accumulatorScaled, holder.position.snapshotScaled);
  }

  /** sum owed + claimed * S + dust + carried * S, which must equal deposited * S. */
  accountedScaled(): bigint {
    let sum = this.dustScaled + (this.claimedUnits + this.carriedUnits) * S;
    for (const id of this.holders.keys()) sum += this.owedScaled(id);
    return sum;
  }
}

describe('accumulator: table', () => {
  it('two holders 1:3 share 100 units exactly: 25 and 75, no dust', () => {
    const pool = new AccumulatorPool();
    pool.setShares('a', 1n);
    pool.setShares('b', 3n);
    expect(pool.deposit(100n)).toBe(0n);
    expect([pool.claim('a'), pool.claim('b')]).toEqual([25n, 75n]);
    expect(pool.dustScaled).toBe(0n);
    expect(pool.accountedScaled()).toBe(100n * S);
  });

  it('the scale is 10^36 * lcm(1..64): totals with small prime factors share without rounding', () => {
    expect(S).toBe(10n ** 36n * 1_182_266_884_102_822_267_511_361_600n);
    for (let total = 1n; total <= 64n; total += 1n) expect(S % total).toBe(0n);
    expect(S % (7_500n * 10n ** 18n)).toBe(0n);
  });

  it('three equal holders share 100: 33 each, the last unit stays owed in exact thirds and is paid with the next 2', () => {
    const pool = new AccumulatorPool();
    for (const id of ['a', 'b', 'c']) pool.setShares(id, 1n);
    pool.deposit(100n);
    expect(['a', 'b', 'c'].map((id) => pool.claim(id))).toEqual([33n, 33n, 33n]);
    expect(pool.dustScaled).toBe(0n);
    expect(pool.owedScaled('a')).toBe(S / 3n);
    expect(pool.accountedScaled()).toBe(100n * S);
    pool.deposit(2n); // a third plus two thirds: exactly one unit each
    expect(['a', 'b', 'c'].map((id) => pool.claim(id))).toEqual([1n, 1n, 1n]);
    expect(pool.accountedScaled()).toBe(102n * S);
  });

  it('the documented limit: 67 shares (a prime above 64) alone, 1 unit deposited: 1 is owed exactly, 1 - 67^-1 * (S mod 67) / S is claimable (0)', () => {
    const pool = new AccumulatorPool();
    const naive = new NaivePolicy();
    pool.setShares('a', 67n);
    naive.setShares('a', 67n);
    pool.deposit(1n);
    naive.deposit(1n);
    expect(pool.owedScaled('a')).toBe(S - (S % 67n));
    expect(pool.dustScaled).toBe(S % 67n);
    expect(naive.claim('a')).toBe(1n);
    expect(pool.claim('a')).toBe(0n);
    // The unit is not lost: it stays owed (less the dust, under 67 * 10^-63 of a unit) in the account.
    expect(pool.accountedScaled()).toBe(1n * S);
  });

  it('deposits with no shares are carried and shared with the next deposit that finds shares', () => {
    const pool = new AccumulatorPool();
    pool.deposit(40n);
    expect(pool.carriedUnits).toBe(40n);
    pool.setShares('a', 1n);
    pool.setShares('b', 1n);
    expect(pool.claim('a')).toBe(0n);
    pool.deposit(60n);
    expect(pool.carriedUnits).toBe(0n);
    expect([pool.claim('a'), pool.claim('b')]).toEqual([50n, 50n]);
  });

  it('a share change settles first: what was earned before stays, the new shares earn from then on', () => {
    const pool = new AccumulatorPool();
    pool.setShares('a', 1n);
    pool.deposit(10n);
    pool.setShares('b', 1n);
    pool.deposit(10n);
    pool.setShares('a', 0n);
    pool.deposit(10n);
    expect([pool.claim('a'), pool.claim('b')]).toEqual([15n, 15n]);
  });

  it('whole units of dust move to the dust account: more shares than 10^36 make 1 unit unrepresentable', () => {
    const pool = new AccumulatorPool();
    pool.setShares('a', 2n * S);
    expect(pool.deposit(1n)).toBe(1n);
    expect(pool.dustUnits).toBe(1n);
    expect(pool.claim('a')).toBe(0n);
    expect(pool.accountedScaled()).toBe(S);
  });
});

type Op = { kind: 'shares'; holder: number; shares: bigint } | { kind: 'deposit'; units: bigint } | { kind: 'claim'; holder: number };

const holderIds = ['h0', 'h1', 'h2', 'h3'];
const holderArb = fc.integer({ min: 0, max: holderIds.length - 1 });
/**
 * Small shares (their totals divide the scale: no dust), primes above 64 (dust on almost every
 * deposit, with small numbers) and large ones (up to 10^24, an 18-decimal million).
 */
const sharesArb = fc.oneof(
  { arbitrary: fc.bigInt({ min: 0n, max: 12n }), weight: 3 },
  { arbitrary: fc.constantFrom(67n, 71n, 73n, 79n, 83n, 89n, 97n), weight: 2 },
  { arbitrary: fc.bigInt({ min: 0n, max: 10n ** 24n }), weight: 1 },
);
const unitsArb = fc.oneof(fc.bigInt({ min: 1n, max: 100n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.bigInt({ min: 1n, max: 10n ** 21n }));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('shares' as const), holder: holderArb, shares: sharesArb }),
  fc.record({ kind: fc.constant('deposit' as const), units: unitsArb }),
  fc.record({ kind: fc.constant('claim' as const), holder: holderArb }),
);

/** E * S - A as an exact rational over E.den: how far the accumulator is below the exact entitlement. */
function shortfallTimesDen(exact: Fraction, accumulatorScaled: bigint): bigint {
  return exact.num * S - accumulatorScaled * exact.den;
}

/**
 * Runs `ops` on the accumulator and the naive loop side by side and checks after every step.
 * `exactClaims`: every claim must equal the naive one (true when no deposit made dust).
 */
function runAgainstNaive(ops: readonly Op[], options: { exactClaims: boolean }): void {
  const pool = new AccumulatorPool();
  const naive = new NaivePolicy();
  const claimed = new Map<string, bigint>();
  /** Sum over deposits of the holder's shares: the accumulator is less than this many scaled units short. */
  const bound = new Map<string, bigint>();
  for (const op of ops) {
    if (op.kind === 'shares') {
      const id = holderIds[op.holder] ?? 'h0';
      pool.setShares(id, op.shares);
      naive.setShares(id, op.shares);
    } else if (op.kind === 'deposit') {
      if (pool.totalShares > 0n) for (const [id, holder] of pool.holders) bound.set(id, (bound.get(id) ?? 0n) + holder.shares);
      pool.deposit(op.units);
      naive.deposit(op.units);
    } else {
      const id = holderIds[op.holder] ?? 'h0';
      const units = pool.claim(id);
      const naiveUnits = naive.claim(id);
      claimed.set(id, (claimed.get(id) ?? 0n) + units);
      if (options.exactClaims) expect(units).toBe(naiveUnits);
      // Cumulatively the accumulator pays the floor of the exact entitlement, or one unit less.
      const gap = (naive.claimed.get(id) ?? 0n) - (claimed.get(id) ?? 0n);
      expect(gap === 0n || gap === 1n, `claims of ${id} differ by ${gap}`).toBe(true);
    }
    expect(pool.accountedScaled()).toBe(pool.depositedUnits * S);
    expect(pool.carriedUnits).toBe(naive.carriedUnits());
    expect(pool.claimedUnits <= pool.depositedUnits).toBe(true);
    expect(pool.dustUnits).toBe(pool.dustScaled / S);
    for (const id of holderIds) {
      const lifetimeScaled = (claimed.get(id) ?? 0n) * S + pool.owedScaled(id);
      const short = shortfallTimesDen(naive.entitlement(id), lifetimeScaled);
      const exact = naive.entitlement(id);
      expect(short >= 0n, `${id} is never owed more than the exact share`).toBe(true);
      expect(short <= (bound.get(id) ?? 0n) * exact.den, `${id} is short less than its bound`).toBe(true);
    }
  }
  if (options.exactClaims) expect(pool.dustScaled).toBe(0n);
}

describe('accumulator against the naive per-holder loop (exact rationals)', () => {
  it('random share changes, deposits and claims: exact conservation, claims within one unit of the exact floor', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60, size: 'max' }), (ops) => runAgainstNaive(ops, { exactClaims: false })),
      fcOptions,
    );
  });

  it('when no deposit makes dust, every claim is exactly the naive one', () => {
    // Each deposit is a multiple of totalShares / gcd(totalShares, 10^36), topped up so that what
    // is carried is shared exactly too: then units * 10^36 divides evenly among the shares.
    const dustFree = fc.array(opArb, { minLength: 1, maxLength: 60, size: 'max' }).map((ops) => {
      const pool = new AccumulatorPool();
      return ops.map((op): Op => {
        if (op.kind === 'shares') pool.setShares(holderIds[op.holder] ?? 'h0', op.shares);
        if (op.kind !== 'deposit') return op;
        const step = pool.totalShares === 0n ? 1n : pool.totalShares / gcd(pool.totalShares, S);
        const topUp = (step - (pool.carriedUnits % step)) % step;
        const units = op.units * step + topUp;
        pool.deposit(units);
        return { kind: 'deposit', units };
      });
    });
    fc.assert(
      fc.property(dustFree, (ops) => runAgainstNaive(ops, { exactClaims: true })),
      fcOptions,
    );
  });
});

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/**
 * The same fixed-point rate applied eagerly: on every deposit, a loop over every holder adds
 * shares * rate to what it is owed. The O(1) accumulator must give exactly the same claims,
 * unit for unit: its lazy settlement is the only thing it adds to this loop.
 */
class EagerLoopPool {
  carriedUnits = 0n;
  totalShares = 0n;
  readonly holders = new Map<string, { shares: bigint; owedScaled: bigint }>();

  setShares(id: string, shares: bigint): void {
    const holder = this.holders.get(id) ?? { shares: 0n, owedScaled: 0n };
    this.totalShares += shares - holder.shares;
    this.holders.set(id, { shares, owedScaled: holder.owedScaled });
  }

  deposit(units: bigint): void {
    const shared = shareDeposit({ units, carriedUnits: this.carriedUnits, totalShares: this.totalShares });
    this.carriedUnits = shared.carriedUnits;
    for (const holder of this.holders.values()) holder.owedScaled += holder.shares * shared.incrementScaled;
  }

  claim(id: string): bigint {
    const holder = this.holders.get(id) ?? { shares: 0n, owedScaled: 0n };
    const paid = payout(holder.owedScaled);
    this.holders.set(id, { shares: holder.shares, owedScaled: paid.restScaled });
    return paid.units;
  }
}

describe('accumulator: the same claims as a per-holder loop', () => {
  const holderIds = ['a', 'b', 'c', 'd', 'e'];
  const step = fc.oneof(
    fc.record({ kind: fc.constant('shares' as const), holder: fc.constantFrom(...holderIds), shares: fc.bigInt({ min: 0n, max: 10n ** 24n }) }),
    fc.record({ kind: fc.constant('deposit' as const), units: fc.bigInt({ min: 0n, max: 10n ** 24n }) }),
    fc.record({ kind: fc.constant('claim' as const), holder: fc.constantFrom(...holderIds) }),
  );

  it('random share changes, deposits and claims: every claim is equal, unit for unit', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const lazy = new AccumulatorPool();
        const eager = new EagerLoopPool();
        for (const item of steps) {
          if (item.kind === 'shares') {
            lazy.setShares(item.holder, item.shares);
            eager.setShares(item.holder, item.shares);
          } else if (item.kind === 'deposit') {
            lazy.deposit(item.units);
            eager.deposit(item.units);
          } else {
            expect(lazy.claim(item.holder)).toBe(eager.claim(item.holder));
          }
        }
        for (const id of holderIds) expect(lazy.claim(id)).toBe(eager.claim(id));
      }),
      fcOptions,
    );
  });
});
