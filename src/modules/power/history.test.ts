import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHistory, latestValue, recordValue, valueAt } from './history.ts';

describe('history', () => {
  const history = createHistory<bigint>();
  recordValue(history, 3, 10n);
  recordValue(history, 7, 4n);
  recordValue(history, 7, 6n); // a later write of the same record replaces the checkpoint
  recordValue(history, 12, 0n);

  it.each<[number, bigint | undefined]>([
    [0, undefined],
    [2, undefined],
    [3, 10n],
    [6, 10n],
    [7, 6n],
    [11, 6n],
    [12, 0n],
    [1_000_000, 0n],
  ])('after record %i the value is %s', (seq, value) => {
    expect(valueAt(history, seq)).toBe(value);
  });

  it('keeps one checkpoint per record, in log order', () => {
    expect(history).toEqual({ seqs: [3, 7, 12], values: [10n, 6n, 0n] });
    expect(latestValue(history)).toBe(0n);
    expect(latestValue(undefined)).toBeUndefined();
    expect(valueAt(undefined, 5)).toBeUndefined();
    expect(() => recordValue(history, 11, 1n)).toThrow(/follow the log/);
  });

  const seed = Number(process.env.POLITY_TEST_SEED ?? 20_260_401);
  it(`binary search agrees with a linear scan (seed ${seed})`, () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5), fc.integer({ min: -50, max: 50 })), { maxLength: 60 }), fc.nat(400), (steps, probe) => {
        const h = createHistory<number>();
        let seq = 0;
        const all: [number, number][] = [];
        for (const [gap, value] of steps) {
          seq += gap;
          recordValue(h, seq, value);
          all.push([seq, value]);
        }
        let expected: number | undefined;
        for (const [at, value] of all) if (at <= probe) expected = value;
        expect(valueAt(h, probe)).toBe(expected);
      }),
      { seed, numRuns: 300 },
    );
  });
});
