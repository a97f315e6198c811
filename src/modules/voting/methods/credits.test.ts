import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isqrtFloor } from '../../../kernel/amount.ts';
import { votingSeed } from '../testing/arbitraries.ts';
import type { Ballot } from '../types.ts';
import { creditsReason, readCredits } from './credits.ts';
import { quadraticCredits } from './quadratic-credits.ts';

beforeAll(() => {
  console.info(`credits: fast-check seed ${votingSeed} (VOTING_SEED=<n> replays another)`);
});

/** Credits of `total` split over up to 4 choices, as strings or (when safe) numbers. */
function split(total: bigint, parts: number[], asNumbers: boolean): Record<string, string | number> {
  const weightSum = BigInt(parts.reduce((a, b) => a + b, 0));
  const map: Record<string, string | number> = {};
  let given = 0n;
  parts.forEach((part, index) => {
    const value = index === parts.length - 1 ? total - given : (total * BigInt(part)) / weightSum;
    given += value;
    map[String(index + 1)] = asNumbers && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  });
  return map;
}

describe('credits against the power (exact at the boundary)', () => {
  it('refuses exactly the ballots that spend more than the power, at every size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 127 }).chain((bits) => fc.bigInt({ min: 1n, max: (1n << BigInt(bits)) - 1n })),
        fc.bigInt({ min: -3n, max: 3n }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (power, offset, parts, asNumbers) => {
          const spent = power + offset;
          fc.pre(spent > 0n && spent < 1n << 128n);
          const reason = creditsReason({ voter: 'a', power, choice: split(spent, parts, asNumbers) }, 4);
          if (reason === 'credits_zero') return; // every part rounded to zero
          expect(reason).toBe(offset > 0n ? 'credits_exceed_power' : undefined);
        },
      ),
      { seed: votingSeed, numRuns: 4000 },
    );
  });

  it.each([
    ['10^24 spent of 10^24', 10n ** 24n, { '1': '500000000000000000000000', '2': '500000000000000000000000' }, undefined],
    ['10^24 + 1 spent of 10^24', 10n ** 24n, { '1': '500000000000000000000001', '2': '500000000000000000000000' }, 'credits_exceed_power'],
    ['2^100 spent of 2^100 (bigint comparison)', 1n << 100n, { '1': (1n << 99n).toString(), '2': (1n << 99n).toString() }, undefined],
    ['2^100 + 1 spent of 2^100 (bigint comparison)', 1n << 100n, { '1': ((1n << 99n) + 1n).toString(), '2': (1n << 99n).toString() }, 'credits_exceed_power'],
    ['a number and a string', 100n, { '1': 60, '2': '40' }, undefined],
    ['zero power', 0n, { '1': 1 }, 'credits_exceed_power'],
    // Within 2^-40 of a power above 2^90 but 2^53 away: residues modulo 2^52 cannot tell, bigints do.
    ['2^95 + 2^53 spent of 2^95', 1n << 95n, { '1': ((1n << 95n) + (1n << 53n)).toString() }, 'credits_exceed_power'],
    ['2^95 - 2^53 spent of 2^95', 1n << 95n, { '1': ((1n << 95n) - (1n << 53n)).toString() }, undefined],
    ['2^89 + 2^50 spent of 2^89 (residues)', 1n << 89n, { '1': ((1n << 89n) + (1n << 50n)).toString() }, 'credits_exceed_power'],
    ['2^89 - 2^50 spent of 2^89 (residues)', 1n << 89n, { '1': ((1n << 89n) - (1n << 50n)).toString() }, undefined],
    // Numbers from 10^15 to 2^53 - 1 (split into high and low, or taken as bigints).
    ['10^15 + 2^52 - 1 spent as numbers', 10n ** 15n + (1n << 52n) - 1n, { '1': 10 ** 15, '2': 2 ** 52 - 1 }, undefined],
    ['2^53 - 1 + 1 spent as numbers of 2^53 - 1', (1n << 53n) - 1n, { '1': 2 ** 53 - 1, '2': 1 }, 'credits_exceed_power'],
  ])('%s', (_name, power, choice, reason) => {
    expect(creditsReason({ voter: 'a', power, choice }, 2)).toBe(reason);
  });

  it('compares in bigints once the doubles of the sum may have rounded (32 values near 10^30)', () => {
    const nines = '9'.repeat(30);
    const choice = Object.fromEntries(Array.from({ length: 32 }, (_, index) => [String(index + 1), nines]));
    const spent = 32n * (10n ** 30n - 1n);
    expect(creditsReason({ voter: 'a', power: spent, choice }, 32)).toBeUndefined();
    expect(creditsReason({ voter: 'a', power: spent - 1n, choice }, 32)).toBe('credits_exceed_power');
    const roots: number[] = [];
    const sink = {
      addSmall: (_indices: Uint16Array, values: Float64Array, count: number) => void roots.push(...values.subarray(0, count)),
      addLarge: () => void roots.push(-1),
    };
    expect(creditsReason({ voter: 'a', power: spent, choice }, 32, sink)).toBeUndefined();
    expect(roots).toEqual(new Array(32).fill(10 ** 15 - 1));
  });
});

/**
 * The rules of quadratic-credits written the plain way, as the reference the fast parsing
 * (doubles, chunks of digits, probing "1".."n") must match exactly: keys in Object.keys
 * order, BigInt() for the values, the kernel isqrtFloor for the votes.
 */
const creditUnitsMax = (1n << 128n) - 1n;

function referenceCredits(value: unknown): bigint | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : undefined;
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]*)$/.test(value)) return undefined;
  const units = BigInt(value);
  return units <= creditUnitsMax ? units : undefined;
}

/** The reason and, when valid, the credits per 0-based choice index. */
function referenceBallot(ballot: Ballot, choiceCount: number): { reason: string | undefined; credits: Map<number, bigint> } {
  const credits = new Map<number, bigint>();
  const choice = ballot.choice;
  const refuse = (reason: string) => ({ reason, credits });
  if (typeof choice !== 'object' || choice === null || Array.isArray(choice)) return refuse('choice_not_object');
  const keys = Object.keys(choice);
  if (keys.length === 0) return refuse('choice_empty');
  let spent = 0n;
  for (const key of keys) {
    if (!/^[1-9][0-9]*$/.test(key)) return refuse('choice_key_invalid');
    if (BigInt(key) > BigInt(choiceCount)) return refuse('choice_out_of_range');
    const units = referenceCredits((choice as Record<string, unknown>)[key]);
    if (units === undefined) return refuse('credits_invalid');
    spent += units;
    if (units > 0n) credits.set(Number(key) - 1, units);
  }
  if (credits.size === 0) return refuse('credits_zero');
  if (spent > ballot.power) return refuse('credits_exceed_power');
  return { reason: undefined, credits };
}

function referenceScores(ballots: readonly Ballot[], choiceCount: number): { scores: bigint[]; invalid: [number, string][] } {
  const scores = new Array<bigint>(choiceCount).fill(0n);
  const invalid: [number, string][] = [];
  ballots.forEach((ballot, index) => {
    const { reason, credits } = referenceBallot(ballot, choiceCount);
    if (reason !== undefined) invalid.push([index, reason]);
    else for (const [choice, units] of credits) scores[choice] = (scores[choice] as bigint) + isqrtFloor(units);
  });
  return { scores, invalid };
}

function fastScores(ballots: readonly Ballot[], choiceCount: number): { scores: bigint[]; invalid: [number, string][] } {
  const invalid: [number, string][] = [];
  const scores = quadraticCredits.score(ballots, choiceCount, (index, reason) => invalid.push([index, reason]));
  return { scores, invalid };
}

/** Credit values around every boundary of the fast paths, with perfect squares and their neighbours. */
const edgeUnits: bigint[] = (() => {
  const values = [0n, 1n, 2n, 3n, 4n];
  for (const bits of [26n, 50n, 52n, 53n, 64n, 99n, 100n, 127n, 128n]) values.push((1n << bits) - 1n, 1n << bits, (1n << bits) + 1n);
  for (let digits = 14n; digits <= 31n; digits += 1n) values.push(10n ** digits - 1n, 10n ** digits, 10n ** digits + 1n);
  for (const root of [31_622_776n, 31_622_777n, 10n ** 12n, 999_999_999_999_999n, 10n ** 15n, 1n << 26n, 1n << 50n, (1n << 64n) - 1n]) {
    for (const offset of [-1n, 0n, 1n]) values.push(root * root + offset);
  }
  return values.filter((value) => value >= 0n && value <= creditUnitsMax);
})();

/** A credit value as a ballot may carry it: mostly valid strings and numbers, sometimes malformed. */
const creditValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .integer({ min: 1, max: 39 })
      .chain((digits) => fc.bigInt({ min: 0n, max: 10n ** BigInt(digits) - 1n }))
      .map(String),
  },
  { weight: 2, arbitrary: fc.constantFrom(...edgeUnits).map(String) },
  { weight: 1, arbitrary: fc.constantFrom(...edgeUnits).map((value) => (value <= BigInt(Number.MAX_SAFE_INTEGER) + 2n ? Number(value) : String(value))) },
  { weight: 1, arbitrary: fc.oneof(fc.maxSafeNat(), fc.integer({ min: 0, max: 1000 })) },
  {
    weight: 2,
    // One character of a valid string replaced (or one added) by something that is not an ASCII digit.
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1, max: 39 }).chain((digits) => fc.bigInt({ min: 10n ** BigInt(digits - 1), max: 10n ** BigInt(digits) - 1n })),
        fc.constantFrom('/', ':', ' ', '-', '+', '.', 'e', 'x', '\u0000', '\u0660', '\uff11', '\ud800', '0', '\u00b9'),
        fc.nat(),
        fc.boolean(),
      )
      .map(([units, character, at, insert]) => {
        const text = units.toString();
        const position = at % (text.length + (insert ? 1 : 0));
        return text.slice(0, position) + character + text.slice(position + (insert ? 0 : 1));
      }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>('', '00', '01', '-1', -1, 1.5, 2 ** 53, Number.NaN, null, true, 10n, '1e3', ' 1', '1 ', '0x10', 'Infinity'),
  },
);

/** A ballot over `choiceCount` choices: its credits map (keys in random order, sometimes a stray key) and a power near what it spends. */
function creditBallot(choiceCount: number): fc.Arbitrary<Omit<Ballot, 'voter'>> {
  const key = fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: 1, max: choiceCount }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('0', '01', 'x', String(choiceCount + 1), '1.0') },
  );
  const map = fc
    .uniqueArray(fc.tuple(key, creditValue), { minLength: 0, maxLength: Math.min(choiceCount, 8) + 1, selector: ([name]) => name })
    .map(Object.fromEntries);
  return fc
    .tuple(map, fc.oneof(fc.bigInt({ min: -3n, max: 3n }), fc.bigInt({ min: 0n, max: creditUnitsMax })), fc.boolean())
    .map(([choice, offset, nearSpent]) => {
      const spent = Object.values(choice as Record<string, unknown>).reduce<bigint>((sum, value) => sum + (referenceCredits(value) ?? 0n), 0n);
      const power = nearSpent ? spent + offset : offset < 0n ? -offset : offset;
      return { choice, power: power < 0n ? 0n : power };
    });
}

describe('quadratic-credits parsing equals the plain bigint reference', () => {
  it.each([3, 10, 32, 33, 40])('random ballots over %i choices: same reasons, same scores', (choiceCount) => {
    fc.assert(
      fc.property(fc.array(creditBallot(choiceCount), { maxLength: 8 }), (entries) => {
        const ballots = entries.map((entry, index) => ({ voter: `v${index}`, ...entry }));
        for (const ballot of ballots) expect(creditsReason(ballot, choiceCount)).toBe(referenceBallot(ballot, choiceCount).reason);
        expect(fastScores(ballots, choiceCount)).toEqual(referenceScores(ballots, choiceCount));
      }),
      { seed: votingSeed, numRuns: 1500 },
    );
  });

  it.each(edgeUnits.map((units) => [units]))('credits of %s (as a string, and as a number when safe)', (units) => {
    const forms: unknown[] = [units.toString()];
    if (units <= BigInt(Number.MAX_SAFE_INTEGER)) forms.push(Number(units));
    for (const value of forms) {
      for (const power of [units - 1n, units, units + 1n].filter((power) => power >= 0n)) {
        const ballots = [{ voter: 'a', power, choice: { '2': value } }];
        expect(fastScores(ballots, 3)).toEqual(referenceScores(ballots, 3));
      }
    }
  });

  it('ballots shaped like the benchmark (18-decimal powers spent in full, as strings) score as the reference', () => {
    const units = 10n ** 18n;
    const ballot = fc
      .tuple(
        fc.bigInt({ min: units, max: 10n ** 6n * units }),
        fc.uniqueArray(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 10 }),
        fc.nat({ max: 99 }),
      )
      .map(([power, keys, shift]) => {
        const shares = keys.map((key, index) => BigInt(1 + ((key * 37 + index * 11 + shift) % 100)));
        const total = shares.reduce((sum, share) => sum + share, 0n);
        const choice: Record<string, string> = {};
        keys.forEach((key, index) => {
          choice[String(key)] = ((power * (shares[index] as bigint)) / total).toString();
        });
        return { power, choice };
      });
    fc.assert(
      fc.property(fc.array(ballot, { minLength: 1, maxLength: 50 }), (entries) => {
        const ballots = entries.map((entry, index) => ({ voter: `v${index}`, ...entry }));
        const fast = fastScores(ballots, 10);
        expect(fast).toEqual(referenceScores(ballots, 10));
        expect(fast.invalid).toEqual([]);
      }),
      { seed: votingSeed, numRuns: 300 },
    );
  });

  it('reads only own properties, as Object.keys does (an inherited "1" is not a credit)', () => {
    const choice = Object.assign(Object.create({ '1': '5000000000000000000' }) as Record<string, string>, { '2': '7000000000000000000' });
    const ballots = [{ voter: 'a', power: 10n ** 19n, choice }];
    expect(fastScores(ballots, 3)).toEqual({ scores: [0n, isqrtFloor(7n * 10n ** 18n), 0n], invalid: [] });
    expect(fastScores(ballots, 3)).toEqual(referenceScores(ballots, 3));
  });

  it('validates like the reference without a power (readCredits)', () => {
    fc.assert(
      fc.property(creditBallot(10), ({ choice }) => {
        const reason = referenceBallot({ voter: 'a', power: creditUnitsMax * 64n, choice }, 10).reason;
        expect(readCredits(choice, 10)).toBe(reason);
      }),
      { seed: votingSeed, numRuns: 3000 },
    );
  });
});
