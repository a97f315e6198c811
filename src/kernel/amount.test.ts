import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountUnitsMax, divCeil, divFloor, formatAmount, isqrtFloor, type ParseAmountOptions, parseAmount, parseUnits } from './amount.ts';
import { PolityError } from './errors.ts';

/** fast-check seeds are printed on failure; pin one with FC_SEED to replay a run. */
const fcSeed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const fcOptions = fcSeed === undefined ? { numRuns: 500 } : { numRuns: 500, seed: fcSeed };

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof PolityError) return error.code;
    throw error;
  }
  return 'no error';
}

const eighteen: ParseAmountOptions = { decimals: 18 };

describe('parseAmount accepts', () => {
  it.each<[string, ParseAmountOptions, bigint]>([
    ['12.5', eighteen, 12_500_000_000_000_000_000n],
    ['0.000000000000000001', eighteen, 1n],
    ['0', eighteen, 0n],
    ['0.0', eighteen, 0n],
    ['12.50', { decimals: 2 }, 1250n],
    ['7', { decimals: 0 }, 7n],
    ['-1', { decimals: 0, allowNegative: true }, -1n],
    ['-0.5', { decimals: 1, allowNegative: true }, -5n],
    ['100', { decimals: 0, maxUnits: 100n }, 100n],
    [amountUnitsMax.toString(), { decimals: 0 }, amountUnitsMax],
  ])('%j with %o is %s base units', (text, options, units) => {
    expect(parseAmount(text, options)).toBe(units);
  });
});

describe('parseAmount rejects', () => {
  it.each<[string, unknown, ParseAmountOptions, string]>([
    ['a JSON number', 12.5, eighteen, 'amount_not_string'],
    ['a bigint', 12n, eighteen, 'amount_not_string'],
    ['undefined', undefined, eighteen, 'amount_not_string'],
    ['an exponent', '1e5', eighteen, 'amount_invalid'],
    ['two points', '1.2.3', eighteen, 'amount_invalid'],
    ['a leading space', ' 1', eighteen, 'amount_invalid'],
    ['a trailing space', '1 ', eighteen, 'amount_invalid'],
    ['a plus sign', '+1', eighteen, 'amount_invalid'],
    ['the empty string', '', eighteen, 'amount_invalid'],
    ['a leading zero', '01', eighteen, 'amount_invalid'],
    ['a bare point', '1.', eighteen, 'amount_invalid'],
    ['no whole part', '.5', eighteen, 'amount_invalid'],
    ['hex', '0x10', eighteen, 'amount_invalid'],
    ['a negative zero-padded', '-01', { decimals: 0, allowNegative: true }, 'amount_invalid'],
    ['too many decimals', '0.0000000000000000001', eighteen, 'amount_too_precise'],
    ['decimals on a whole-unit asset', '1.0', { decimals: 0 }, 'amount_too_precise'],
    ['a negative amount', '-1', eighteen, 'amount_negative'],
    ['zero when zero is not allowed', '0', { decimals: 2, allowZero: false }, 'amount_zero'],
    ['an amount above maxUnits', '1.01', { decimals: 2, maxUnits: 100n }, 'amount_above_cap'],
    ['an amount above 2^128-1', (amountUnitsMax + 1n).toString(), { decimals: 0 }, 'amount_too_large'],
    ['a negative amount beyond -(2^128-1)', `-${amountUnitsMax + 1n}`, { decimals: 0, allowNegative: true }, 'amount_too_large'],
    ['19 decimals', '1', { decimals: 19 }, 'decimals_invalid'],
    ['negative decimals', '1', { decimals: -1 }, 'decimals_invalid'],
    ['fractional decimals', '1', { decimals: 1.5 }, 'decimals_invalid'],
  ])('%s (%o, %o) -> %s', (_name, text, options, code) => {
    expect(codeOf(() => parseAmount(text, options))).toBe(code);
  });

  it('checks the cap after the size limit, so a huge amount is too large rather than above cap', () => {
    expect(codeOf(() => parseAmount((amountUnitsMax + 1n).toString(), { decimals: 0, maxUnits: 5n }))).toBe('amount_too_large');
  });
});

describe('formatAmount', () => {
  it.each<[bigint, number, string]>([
    [12_500_000_000_000_000_000n, 18, '12.5'],
    [1n, 18, '0.000000000000000001'],
    [0n, 18, '0'],
    [0n, 0, '0'],
    [1250n, 2, '12.5'],
    [1200n, 2, '12'],
    [-5n, 1, '-0.5'],
    [-1234n, 0, '-1234'],
    [amountUnitsMax, 0, amountUnitsMax.toString()],
  ])('%s base units at %i decimals is %j', (units, decimals, text) => {
    expect(formatAmount(units, decimals)).toBe(text);
  });

  it('rejects decimals out of range', () => {
    expect(codeOf(() => formatAmount(1n, 19))).toBe('decimals_invalid');
  });
});

describe('amount round trips', () => {
  const decimals = fc.integer({ min: 0, max: 18 });
  const units = fc.bigInt({ min: -amountUnitsMax, max: amountUnitsMax });

  it('parse(format(u)) === u for any storable amount and decimals 0..18', () => {
    fc.assert(
      fc.property(units, decimals, (u, d) => parseAmount(formatAmount(u, d), { decimals: d, allowNegative: true }) === u),
      fcOptions,
    );
  });

  it('format(parse(text)) is the canonical form: same value, no trailing zeros, stable', () => {
    // Decimal texts written by hand, with trailing zeros, that fit 2^128 at any decimals.
    const text = fc
      .tuple(decimals, fc.bigInt({ min: 0n, max: 10n ** 19n }), fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 18 }))
      .map(([d, whole, digits]) => ({ d, text: digits.length > 0 && d > 0 ? `${whole}.${digits.slice(0, d).join('')}` : whole.toString() }));
    fc.assert(
      fc.property(text, ({ d, text: t }) => {
        const units = parseAmount(t, { decimals: d });
        const canonical = formatAmount(units, d);
        // The oracle: the input with its fraction's trailing zeros (and a bare point) removed.
        const expected = t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t;
        return canonical === expected && parseAmount(canonical, { decimals: d }) === units;
      }),
      fcOptions,
    );
  });
});

describe('parseUnits', () => {
  it.each([
    ['0', 0n],
    ['-17', -17n],
    ['340282366920938463463374607431768211455', amountUnitsMax],
  ])('%j -> %s', (text, units) => {
    expect(parseUnits(text)).toBe(units);
  });

  it.each(['', '1.5', '01', '+1', '1e3', ' 1'])('rejects %j', (text) => {
    expect(codeOf(() => parseUnits(text))).toBe('amount_invalid');
  });
});

describe('divFloor and divCeil', () => {
  it.each<[bigint, bigint, bigint, bigint]>([
    [7n, 2n, 3n, 4n],
    [-7n, 2n, -4n, -3n],
    [7n, -2n, -4n, -3n],
    [-7n, -2n, 3n, 4n],
    [6n, 3n, 2n, 2n],
    [-6n, 3n, -2n, -2n],
    [0n, 5n, 0n, 0n],
    [1n, 3n, 0n, 1n],
    [-1n, 3n, -1n, 0n],
  ])('%s / %s: floor %s, ceil %s', (numerator, denominator, floor, ceil) => {
    expect(divFloor(numerator, denominator)).toBe(floor);
    expect(divCeil(numerator, denominator)).toBe(ceil);
  });

  it('throws on division by zero', () => {
    expect(() => divFloor(1n, 0n)).toThrow(RangeError);
    expect(() => divCeil(1n, 0n)).toThrow(RangeError);
  });

  it('brackets the exact quotient: floor*d <= n < (floor+1)*d for positive d, and ceil = floor or floor+1', () => {
    const n = fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n });
    const d = fc.bigInt({ min: 1n, max: 10n ** 20n });
    fc.assert(
      fc.property(n, d, (numerator, denominator) => {
        const floor = divFloor(numerator, denominator);
        const ceil = divCeil(numerator, denominator);
        const exact = numerator % denominator === 0n;
        return floor * denominator <= numerator && numerator < (floor + 1n) * denominator && ceil === (exact ? floor : floor + 1n);
      }),
      fcOptions,
    );
  });
});

describe('isqrtFloor', () => {
  it.each<[bigint, bigint]>([
    [0n, 0n],
    [1n, 1n],
    [2n, 1n],
    [3n, 1n],
    [4n, 2n],
    [99n, 9n],
    [100n, 10n],
    [10n ** 36n, 10n ** 18n],
    [amountUnitsMax, (1n << 64n) - 1n],
  ])('isqrtFloor(%s) = %s', (n, root) => {
    expect(isqrtFloor(n)).toBe(root);
  });

  it('throws on a negative number', () => {
    expect(() => isqrtFloor(-1n)).toThrow(RangeError);
  });

  it('r*r <= n < (r+1)^2 for any n up to 2^256', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 256n }), (n) => {
        const r = isqrtFloor(n);
        return r * r <= n && n < (r + 1n) * (r + 1n);
      }),
      fcOptions,
    );
  });
});
