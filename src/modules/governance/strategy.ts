import { type TSchema, Type } from '@sinclair/typebox';
import type { PowerStrategy } from '../power/index.ts';

/**
 * A voting-power strategy as JSON (payloads, the log): the power module's `PowerStrategy`
 * with its integer weights and units written as decimal strings, since the log keeps only
 * `...Units` and `...Ppm` fields as bigints.
 */
export type StrategySpec =
  | { kind: 'token'; asset: string }
  | { kind: 'staked'; asset: string }
  | { kind: 'identity'; unit?: string }
  | { kind: 'nft'; asset: string }
  | { kind: 'quadratic'; of: StrategySpec }
  | { kind: 'sum'; parts: { strategy: StrategySpec; weight: string }[] };

const AssetRef = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$' });
const Integer = Type.String({ pattern: '^(0|[1-9][0-9]{0,30})$' });

/** Nesting is bounded: a sum of quadratics of a token is as deep as a DAO needs. */
function strategySchema(depth: number): TSchema {
  const leaves = [
    Type.Object({ kind: Type.Literal('token'), asset: AssetRef }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('staked'), asset: AssetRef }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('identity'), unit: Type.Optional(Integer) }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('nft'), asset: AssetRef }, { additionalProperties: false }),
  ];
  if (depth === 0) return Type.Union(leaves);
  const inner = strategySchema(depth - 1);
  return Type.Union([
    ...leaves,
    Type.Object({ kind: Type.Literal('quadratic'), of: inner }, { additionalProperties: false }),
    Type.Object(
      {
        kind: Type.Literal('sum'),
        parts: Type.Array(Type.Object({ strategy: inner, weight: Integer }, { additionalProperties: false }), { minItems: 1, maxItems: 8 }),
      },
      { additionalProperties: false },
    ),
  ]);
}

export const StrategySpecSchema = strategySchema(3);

export function toPowerStrategy(spec: StrategySpec): PowerStrategy {
  switch (spec.kind) {
    case 'quadratic':
      return { kind: 'quadratic', of: toPowerStrategy(spec.of) };
    case 'sum':
      return { kind: 'sum', parts: spec.parts.map((part) => ({ strategy: toPowerStrategy(part.strategy), weight: BigInt(part.weight) })) };
    case 'identity':
      return spec.unit === undefined ? { kind: 'identity' } : { kind: 'identity', unit: BigInt(spec.unit) };
    default:
      return spec;
  }
}
