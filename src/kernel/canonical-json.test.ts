import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it.each<[string, unknown, string]>([
    ['sorts keys by code unit', { b: 1, a: 2, B: 3, _: 4 }, '{"B":3,"_":4,"a":2,"b":1}'],
    [
      'writes bigints as decimal strings',
      { amountUnits: 12_500_000_000_000_000_000n, negative: -3n },
      '{"amountUnits":"12500000000000000000","negative":"-3"}',
    ],
    ['sorts nested objects and keeps array order', { z: [{ y: 1, x: [2, 1] }], a: { d: null, c: true } }, '{"a":{"c":true,"d":null},"z":[{"x":[2,1],"y":1}]}'],
    ['drops undefined members', { a: undefined, b: 1 }, '{"b":1}'],
    ['writes undefined array items as null', [undefined, 1], '[null,1]'],
    ['escapes strings as JSON does', { 'k"ey': 'line\nbreak \u2028 é' }, '{"k\\"ey":"line\\nbreak \u2028 é"}'],
    ['writes an empty object and array', { a: {}, b: [] }, '{"a":{},"b":[]}'],
    ['writes scalars', [true, false, null, 0, -5, 'x'], '[true,false,null,0,-5,"x"]'],
    ['keeps safe integers at the edge', Number.MAX_SAFE_INTEGER, '9007199254740991'],
  ])('%s', (_name, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it.each<[string, unknown]>([
    ['a float', { amount: 12.5 }],
    ['an unsafe integer', 2 ** 53],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['undefined at the top', undefined],
    ['a function', { f: () => 1 }],
    ['a symbol', [Symbol('s')]],
  ])('rejects %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('gives the same text for the same value whatever the key insertion order', () => {
    const record = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null)), { maxKeys: 12 });
    fc.assert(
      fc.property(record, (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        const text = canonicalJson(object);
        expect(JSON.parse(text)).toEqual(object);
        return text === canonicalJson(reversed);
      }),
      { numRuns: 300 },
    );
  });
});
