import { divFloor } from '../../kernel/amount.ts';
import { assert } from '../../kernel/assert.ts';
import { ppmWhole } from '../../kernel/rates.ts';
import type { FundPart, IncomeRules, IncomeShare } from './state.ts';

/** The split list a class uses: its own, or the default when it has none. */
export function classShares(rules: IncomeRules, incomeClass: string): IncomeShare[] {
  return rules.classes.get(incomeClass) ?? rules.default;
}

/**
 * Splits one income payment of `units` among the funds. The reserve shares come first, each
 * computed on the whole payment and rounded down; the rest is split by the class's list
 * (or the default list), each share rounded down and the last entry taking what rounding
 * left over. A reserve that adds up to exactly 100 % gives its own last entry that remainder.
 * The parts, one per fund in order of first appearance, add up to exactly `units`.
 */
export function incomeSplit(rules: IncomeRules, incomeClass: string, units: bigint): FundPart[] {
  assert(units >= 0n, 'income is never negative');
  const parts = new Map<string, bigint>();
  const add = (fundId: string, share: bigint) => parts.set(fundId, (parts.get(fundId) ?? 0n) + share);
  const reserveWhole = rules.reserve.reduce((sum, share) => sum + share.ppm, 0n) === ppmWhole;
  const reserved = splitList(rules.reserve, units, reserveWhole, add);
  const rest = units - reserved;
  const shares = classShares(rules, incomeClass);
  const distributed = splitList(shares, rest, true, add);
  assert(reserved + distributed === units, 'an income split neither creates nor loses units');
  return [...parts].map(([fundId, share]) => ({ fundId, amountUnits: share }));
}

/** Splits `units` by `shares`; with `lastTakesRest` the last entry takes the remainder. Returns the total handed out. */
function splitList(shares: readonly IncomeShare[], units: bigint, lastTakesRest: boolean, add: (fundId: string, share: bigint) => void): bigint {
  let total = 0n;
  for (const [index, share] of shares.entries()) {
    const isLast = index === shares.length - 1;
    const part = isLast && lastTakesRest ? units - total : divFloor(units * share.ppm, ppmWhole);
    assert(part >= 0n, 'a split list never hands out more than it splits');
    add(share.fundId, part);
    total += part;
  }
  return total;
}
