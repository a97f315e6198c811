import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as emissionIndex from './index.ts';
import { weightedShares } from './shares.ts';

/** Runs are deterministic: a fixed seed unless FC_SEED pins another (fast-check prints it on failure). */
const seed = Number(process.env.FC_SEED ?? 20_260_101);
const fcOptions = { seed, numRuns: 300 };

const weights = (entries: Record<string, number>) => new Map(Object.entries(entries).map(([name, weight]) => [name, BigInt(weight)]));
const scores = (entries: Record<string, number | bigint>) => new Map(Object.entries(entries).map(([name, score]) => [name, BigInt(score)]));

const node = weights({ compute: 40, quality: 30, geography: 15, energy: 15 });
/*
 * Totals: compute 400, quality 100, geography 4, energy 40; W = 100.
 * a = .40*100/400 + .30*50/100 + .15*1/4            = 0.2875
 * b = .40*300/400 + .30*50/100 + .15*1/4 + .15*10/40 = 0.525
 * c =                            .15*2/4 + .15*30/40 = 0.1875
 */
const nodes = [
  scores({ compute: 100, quality: 50, geography: 1, energy: 0 }),
  scores({ compute: 300, quality: 50, geography: 1, energy: 10 }),
  scores({ geography: 2, energy: 30 }),
];

describe('weightedShares table', () => {
  it.each<[string, bigint, Map<string, bigint>, Map<string, bigint>[], bigint[]]>([
    ['four factors, exact', 1_000_000n, node, nodes, [287_500n, 525_000n, 187_500n]],
    ['four factors, one unit of dust', 1_000_001n, node, nodes, [287_500n, 525_000n, 187_500n]],
    ['four factors, dust of two', 999_999n, node, nodes, [287_499n, 524_999n, 187_499n]],
    ['one factor: pro rata', 100n, weights({ compute: 1 }), [scores({ compute: 1 }), scores({ compute: 3 })], [25n, 75n]],
    ['thirds round down, dust 1', 100n, weights({ compute: 1 }), [scores({ compute: 1 }), scores({ compute: 1 }), scores({ compute: 1 })], [33n, 33n, 33n]],
    [
      'a factor nobody scored on gives its weight to the others',
      100n,
      weights({ compute: 50, energy: 50 }),
      [scores({ compute: 1 }), scores({ compute: 4 })],
      [20n, 80n],
    ],
    ['a zero-weight factor counts for nothing', 100n, weights({ compute: 1, spam: 0 }), [scores({ compute: 1, spam: 99 }), scores({ compute: 1 })], [50n, 50n]],
    ['no scores at all: nothing', 100n, node, [scores({}), scores({ compute: 0 })], [0n, 0n]],
    ['amount zero', 0n, node, nodes, [0n, 0n, 0n]],
    ['scores of unweighted factors are ignored', 10n, weights({ compute: 1 }), [scores({ compute: 1, other: 5 }), scores({ compute: 1 })], [5n, 5n]],
    ['a single contributor takes everything', 12_345n, node, [scores({ compute: 7, energy: 1 })], [12_345n]],
    [
      '18-decimal amounts stay exact',
      10n ** 24n,
      weights({ a: 1, b: 2 }),
      [scores({ a: 1 }), scores({ b: 1 })],
      [333_333_333_333_333_333_333_333n, 666_666_666_666_666_666_666_666n],
    ],
  ])('%s', (_name, amount, factorWeights, contributions, expected) => {
    expect(weightedShares(amount, factorWeights, contributions)).toEqual(expected);
  });

  it('rejects negative inputs as bugs', () => {
    expect(() => weightedShares(-1n, node, nodes)).toThrow(RangeError);
    expect(() => weightedShares(1n, node, [scores({ compute: -1 })])).toThrow(RangeError);
  });
});

const factorNames = ['compute', 'quality', 'geography', 'energy', 'uptime', 'latency'];
const weightsArb = fc
  .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: factorNames.length, maxLength: factorNames.length })
  .map((list) => new Map(list.map((weight, i) => [factorNames[i] ?? 'x', BigInt(weight)])));
const scoreArb = fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 1_000n }), fc.bigInt({ min: 0n, max: 10n ** 30n }));
const contributionArb = fc
  .array(scoreArb, { minLength: factorNames.length, maxLength: factorNames.length })
  .map((list) => new Map(list.map((score, i) => [factorNames[i] ?? 'x', score])));
const amountArb = fc.oneof(fc.bigInt({ min: 0n, max: 1_000n }), fc.bigInt({ min: 0n, max: 10n ** 30n }));

describe('weightedShares properties', () => {
  it('never pays more than the amount; with any weighted score, the dust is at most n - 1 units', () => {
    fc.assert(
      fc.property(amountArb, weightsArb, fc.array(contributionArb, { minLength: 1, maxLength: 40 }), (amount, factorWeights, contributions) => {
        const shares = weightedShares(amount, factorWeights, contributions);
        const sum = shares.reduce((total, share) => total + share, 0n);
        const scored = [...factorWeights].some(([name, weight]) => weight > 0n && contributions.some((c) => (c.get(name) ?? 0n) > 0n));
        const dust = amount - sum;
        return shares.every((share) => share >= 0n) && dust >= 0n && (scored ? dust <= BigInt(contributions.length - 1) : sum === 0n);
      }),
      fcOptions,
    );
  });

  it('double the scores in every factor gets at least as much; equal contributors get equal shares', () => {
    fc.assert(
      fc.property(amountArb, weightsArb, contributionArb, fc.array(contributionArb, { maxLength: 20 }), (amount, factorWeights, base, others) => {
        const doubled = new Map([...base].map(([name, score]) => [name, score * 2n]));
        const copy = new Map(base);
        const [single = 0n, twice = 0n, same = 0n] = weightedShares(amount, factorWeights, [base, doubled, copy, ...others]);
        return twice >= single && same === single;
      }),
      fcOptions,
    );
  });

  it('does not depend on the order of the contributors', () => {
    fc.assert(
      fc.property(amountArb, weightsArb, fc.array(contributionArb, { minLength: 1, maxLength: 20 }), (amount, factorWeights, contributions) => {
        const forward = weightedShares(amount, factorWeights, contributions);
        const backward = weightedShares(amount, factorWeights, [...contributions].reverse()).reverse();
        return forward.every((share, i) => share === backward[i]);
      }),
      fcOptions,
    );
  });

  it('1,000 contributors with 16 factors and 10^30 scores stay fast enough for one command', () => {
    const sixteen = new Map(Array.from({ length: 16 }, (_, i) => [`f${i}`, BigInt(1_000_000 - i)]));
    const many = Array.from({ length: 1_000 }, (_, n) => new Map(Array.from({ length: 16 }, (_, i) => [`f${i}`, 10n ** 30n - BigInt(n * 16 + i)])));
    const started = performance.now();
    const shares = weightedShares(10n ** 30n, sixteen, many);
    expect(performance.now() - started).toBeLessThan(2_000);
    const sum = shares.reduce((total, share) => total + share, 0n);
    expect(10n ** 30n - sum).toBeLessThan(1_000n);
  });
});

describe('the public surface', () => {
  it('index.ts exports exactly these values (a change here is a change for every importer)', () => {
    expect(Object.keys(emissionIndex).sort()).toEqual([
      'contributionsMax',
      'distributeAction',
      'emissionModule',
      'emissionPool',
      'emissionPools',
      'emittableUnits',
      'factorsMax',
      'poolAccountId',
      'poolRewardsAccountId',
      'scheduledEmissionUnits',
      'weightedShares',
    ]);
    expect(emissionIndex.emissionModule.commands.map((command) => command.type)).toEqual(['emission.create_pool', 'emission.emit', 'emission.distribute']);
  });
});
