import { formatAmount } from '../kernel/amount.ts';
import { ppmToPercent } from '../kernel/rates.ts';

/**
 * Module state as JSON for the API, by one rule so every module reads alike: a bigint field
 * named `...Units` becomes a decimal string in token units under the name without the suffix
 * (`totalUnits` -> `total`; a stake's `units` -> `amount`), a `...Ppm` field a percentage string (`apyPpm` -> `apyPercent`)
 * except multipliers (`votingMultiplierPpm` 1,500,000 -> `votingMultiplier` "1.5"),
 * Maps and Sets become arrays, other bigints decimal strings of their digits.
 */
export function economyView(value: unknown, decimals: number): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map) return [...value.values()].map((item) => economyView(item, decimals));
  if (value instanceof Set) return [...value].map((item) => economyView(item, decimals));
  if (Array.isArray(value)) return value.map((item) => economyView(item, decimals));
  if (value === null || typeof value !== 'object') return value;
  const view: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    if (typeof item === 'bigint' && key === 'units') view.amount = formatAmount(item, decimals);
    else if (typeof item === 'bigint' && key.endsWith('Units')) view[key.slice(0, -'Units'.length)] = formatAmount(item, decimals);
    else if (typeof item === 'bigint' && key.endsWith('MultiplierPpm')) view[key.slice(0, -'Ppm'.length)] = formatAmount(item, 6);
    else if (typeof item === 'bigint' && key.endsWith('Ppm')) view[`${key.slice(0, -'Ppm'.length)}Percent`] = ppmToPercent(item);
    else view[key] = economyView(item, decimals);
  }
  return view;
}
