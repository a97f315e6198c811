import { divFloor } from '../../kernel/amount.ts';

/**
 * Splits `amountUnits` among contributors by weighted factor scores, exactly.
 *
 * Each factor f has a weight w_f and a total score S_f = sum_i s_if over the contributors.
 * Only factors with w_f > 0 and S_f > 0 count; W is the sum of their weights (a factor nobody
 * scored on hands its weight to the others). Contributor i's share is
 *
 *   share_i = floor(amount * sum_f (w_f / W) * (s_if / S_f))
 *
 * computed over one common denominator D = W * prod_f S_f, so that share_i =
 * floor(amount * N_i / D) with N_i = sum_f w_f * s_if * prod_{g != f} S_g: no rounding but
 * the final floor. The N_i add up to D exactly, so the exact shares add up to `amount` and
 *
 *   0 <= amount - sum_i share_i <= n - 1     (n contributors, at least one factor counting)
 *
 * because each floor drops less than one unit and the difference is a whole number. That dust
 * stays where it was (the rewards account) and is distributed next time. With no factor
 * counting (every score zero) every share is zero. A contributor whose scores are k times
 * another's in every factor gets at least as much (N is linear in the scores, the floor
 * monotone); equal contributors get equal shares.
 *
 * Missing scores are zero; scores of factors without a weight are ignored.
 */
export function weightedShares(amountUnits: bigint, weights: ReadonlyMap<string, bigint>, contributions: readonly ReadonlyMap<string, bigint>[]): bigint[] {
  if (amountUnits < 0n) throw new RangeError('the amount to share must not be negative');
  const factors = countingFactors(weights, contributions);
  const zero = contributions.map(() => 0n);
  if (factors.length === 0 || amountUnits === 0n) return zero;
  const totalWeight = factors.reduce((sum, factor) => sum + factor.weight, 0n);
  const others = productsOfOthers(factors.map((factor) => factor.total));
  const denominator = totalWeight * factors.reduce((product, factor) => product * factor.total, 1n);
  return contributions.map((scores) => {
    let numerator = 0n;
    factors.forEach((factor, index) => {
      const score = scores.get(factor.name) ?? 0n;
      if (score !== 0n) numerator += factor.weight * score * (others[index] ?? 1n);
    });
    return divFloor(amountUnits * numerator, denominator);
  });
}

interface CountingFactor {
  name: string;
  weight: bigint;
  total: bigint;
}

/** Factors with a positive weight and a positive total score, in the weights' order. */
function countingFactors(weights: ReadonlyMap<string, bigint>, contributions: readonly ReadonlyMap<string, bigint>[]): CountingFactor[] {
  const factors: CountingFactor[] = [];
  for (const [name, weight] of weights) {
    if (weight < 0n) throw new RangeError(`factor ${name} has a negative weight`);
    if (weight === 0n) continue;
    let total = 0n;
    for (const scores of contributions) {
      const score = scores.get(name) ?? 0n;
      if (score < 0n) throw new RangeError(`a score of factor ${name} is negative`);
      total += score;
    }
    if (total > 0n) factors.push({ name, weight, total });
  }
  return factors;
}

/** For each index, the product of every other total (prefix times suffix products). */
function productsOfOthers(totals: readonly bigint[]): bigint[] {
  const suffix: bigint[] = new Array<bigint>(totals.length + 1).fill(1n);
  for (let i = totals.length - 1; i >= 0; i -= 1) suffix[i] = (suffix[i + 1] ?? 1n) * (totals[i] ?? 1n);
  let prefix = 1n;
  return totals.map((total, i) => {
    const product = prefix * (suffix[i + 1] ?? 1n);
    prefix *= total;
    return product;
  });
}
