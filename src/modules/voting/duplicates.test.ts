import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../kernel/prng.ts';
import { duplicateVoters, partitionByHighBits } from './duplicates.ts';
import { votingSeed } from './testing/arbitraries.ts';

/** The reference: count with a Map. */
function expectedDuplicates(voters: readonly unknown[]): string[] {
  const counts = new Map<string, number>();
  for (const voter of voters) if (typeof voter === 'string') counts.set(voter, (counts.get(voter) ?? 0) + 1);
  return [...counts].filter(([, count]) => count > 1).map(([voter]) => voter);
}

describe('duplicateVoters', () => {
  it('finds exactly the voters that appear more than once', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('a', 'b', 'c')), { maxLength: 60 }), (voters) => {
        expect([...duplicateVoters(voters.map((voter) => ({ voter })))].sort()).toEqual(expectedDuplicates(voters).sort());
      }),
      { seed: votingSeed, numRuns: 500 },
    );
  });

  it('ignores voters that are not strings', () => {
    expect(duplicateVoters([{ voter: 1 }, { voter: 1 }, { voter: 'x' }])).toEqual(new Set());
  });

  // Beyond 4,096 voters the search is split into partitions by hash; these cross several.
  it.each([5_000, 40_000, 150_000])('finds them among %i voters, wherever they sit', (count) => {
    const prng = createPrng(votingSeed + count);
    const voters: unknown[] = Array.from({ length: count }, (_, index) => `member-${index.toString(36)}`);
    for (let copy = 0; copy < 25; copy += 1) voters.splice(prng.nextInt(voters.length + 1), 0, voters[prng.nextInt(voters.length)]);
    voters.splice(prng.nextInt(voters.length), 0, 42, null);
    const found = [...duplicateVoters(voters.map((voter) => ({ voter })))].sort();
    expect(found).toEqual(expectedDuplicates(voters).sort());
    expect(found.length).toBeGreaterThan(0);
  });
});

describe('partitionByHighBits', () => {
  it('is a stable counting sort by the top bits', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 200 }), fc.integer({ min: 0, max: 8 }), (values, bits) => {
        const hashes = Int32Array.from(values);
        const { order, sortedHashes, starts } = partitionByHighBits(hashes, bits);
        const top = (hash: number): number => (bits === 0 ? 0 : hash >>> (32 - bits));
        const expected = [...hashes.keys()].sort((a, b) => top(hashes[a] as number) - top(hashes[b] as number) || a - b);
        expect([...order]).toEqual(expected);
        expect([...sortedHashes]).toEqual(expected.map((position) => hashes[position]));
        for (let partition = 0; partition + 1 < starts.length; partition += 1) {
          for (let at = starts[partition] as number; at < (starts[partition + 1] as number); at += 1) expect(top(sortedHashes[at] as number)).toBe(partition);
        }
        expect(starts[starts.length - 1]).toBe(values.length);
      }),
      { seed: votingSeed, numRuns: 300 },
    );
  });
});
