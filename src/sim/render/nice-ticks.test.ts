import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCompact, formatTicks } from './format-compact.ts';
import { niceScale, niceStep, ticksWithin } from './nice-ticks.ts';

const seed = Number(process.env.POLITY_TEST_SEED ?? 20_260_101);

describe('nice ticks', () => {
  it.each<[number, number, number]>([
    [10, 5, 2],
    [3_400_000, 5, 500_000],
    [1, 5, 0.2],
    [0.3, 3, 0.1],
    [60, 4, 20],
    [1825, 6, 200],
    [1825, 4, 500],
    [7, 7, 1],
  ])('niceStep(%d, %d) = %d', (range, count, step) => {
    expect(niceStep(range, count)).toBe(step);
  });

  it.each<[number, number, Partial<ReturnType<typeof niceScale>>]>([
    [0, 3_400_000, { min: 0, max: 3_500_000, step: 500_000 }],
    [0.1, 0.7, { min: 0.1, max: 0.7, step: 0.1, ticks: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7] }],
    [-15, 45, { min: -20, max: 50, step: 10 }],
    [5, 5, { min: 4.4, max: 5.6, step: 0.2 }],
    [0, 0, { min: -1, max: 1, step: 0.5, ticks: [-1, -0.5, 0, 0.5, 1] }],
  ])('niceScale(%d, %d)', (min, max, expected) => {
    expect(niceScale(min, max)).toMatchObject(expected);
  });

  it('ticksWithin keeps the domain and only places ticks inside it', () => {
    expect(ticksWithin(2026, 2031, 6)).toEqual([2026, 2027, 2028, 2029, 2030, 2031]);
    expect(ticksWithin(3, 97, 5)).toEqual([20, 40, 60, 80]);
  });

  it('rejects empty or non-finite ranges', () => {
    expect(() => niceStep(0, 5)).toThrow(RangeError);
    expect(() => niceScale(Number.NaN, 1)).toThrow(RangeError);
  });

  it(`property: ticks are 1/2/5 x 10^n apart, cover the data and number about the target (seed ${seed})`, () => {
    const value = fc.double({ min: -1e12, max: 1e12, noNaN: true });
    fc.assert(
      fc.property(value, value, (a, b) => {
        const scale = niceScale(a, b);
        const mantissa = scale.step / 10 ** Math.floor(Math.log10(scale.step) + 1e-9);
        expect([1, 2, 5].some((nice) => Math.abs(mantissa - nice) < 1e-6)).toBe(true);
        expect(scale.min).toBeLessThanOrEqual(Math.min(a, b));
        expect(scale.max).toBeGreaterThanOrEqual(Math.max(a, b));
        expect(scale.ticks.length).toBeGreaterThanOrEqual(2);
        expect(scale.ticks.length).toBeLessThanOrEqual(13);
      }),
      { seed, numRuns: 500 },
    );
  });
});

describe('compact numbers', () => {
  it.each<[number, string]>([
    [0, '0'],
    [1_200_000, '1.2M'],
    [350_000, '350k'],
    [1_234_567, '1.23M'],
    [999_999, '1M'],
    [999.6, '1k'],
    [1500, '1.5k'],
    [999, '999'],
    [0.25, '0.25'],
    [-2_500_000_000, '-2.5B'],
    [7e12, '7T'],
    [0.000123, '0.000123'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('formatCompact(%d) = %s', (value, text) => {
    expect(formatCompact(value)).toBe(text);
  });

  it('tick labels get more digits until neighbours differ', () => {
    expect(formatTicks([0, 500_000, 1_000_000])).toEqual(['0', '500k', '1M']);
    expect(formatTicks([1_000_500, 1_001_000, 1_001_500])).toEqual(['1.0005M', '1.001M', '1.0015M']);
  });
});
