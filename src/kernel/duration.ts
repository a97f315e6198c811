import { PolityError } from './errors.ts';
import { daySeconds, monthSeconds, yearSeconds } from './rates.ts';

/** Units a duration may use; a month and a year are the source documents' (1/12 of 365.25 days). */
export const durationUnitSeconds: Readonly<Record<string, number>> = {
  s: 1,
  min: 60,
  h: 3_600,
  d: daySeconds,
  w: 7 * daySeconds,
  mo: monthSeconds,
  y: yearSeconds,
};

const durationPattern = /^([0-9]{1,9})(s|min|h|d|w|mo|y)$/;

/** "36mo" -> 94,672,800 seconds. Whole numbers of one unit only: no floats, no mixed units. */
export function parseDuration(text: string): number {
  const match = durationPattern.exec(text.trim());
  if (!match) {
    throw new PolityError('duration_invalid', `"${text.slice(0, 40)}" is not a duration such as "30d", "6mo" or "2y" (units: s, min, h, d, w, mo, y)`);
  }
  const [, count = '0', unit = 's'] = match;
  const seconds = Number(count) * (durationUnitSeconds[unit] ?? 1);
  if (!Number.isSafeInteger(seconds)) throw new PolityError('duration_invalid', `"${text}" is too long`);
  return seconds;
}

/**
 * A report time: an ISO 8601 date or time ("2026-01-01", "2026-01-01T12:00:00Z"), an offset
 * from genesis ("+12mo", "+2y"), or "now". Returns epoch milliseconds.
 */
export function parseReportTime(text: string, options: { genesisMs: number; nowMs: number }): number {
  const trimmed = text.trim();
  if (trimmed === 'now') return options.nowMs;
  if (trimmed.startsWith('+')) return options.genesisMs + parseDuration(trimmed.slice(1)) * 1000;
  if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+(Z|[+-][0-9]{2}:?[0-9]{2})?)?$/.test(trimmed)) {
    const ms = Date.parse(trimmed.length === 10 ? `${trimmed}T00:00:00Z` : trimmed);
    if (Number.isFinite(ms)) return ms;
  }
  throw new PolityError(
    'time_invalid',
    `"${text.slice(0, 60)}" is not a time: give an ISO date such as 2026-01-01, an offset from genesis such as +12mo, or now`,
  );
}
