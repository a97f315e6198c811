const suffixes: readonly (readonly [number, string])[] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * A number in a few characters for axes and labels: 1234567 -> "1.23M", 350000 -> "350k",
 * 0.25 -> "0.25". Rounds to `significantDigits` first, so 999999 reads "1M", not "1000k".
 */
export function formatCompact(value: number, significantDigits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const sign = value < 0 ? '-' : '';
  const rounded = Number(Math.abs(value).toPrecision(significantDigits));
  for (const [size, suffix] of suffixes) {
    if (rounded >= size) return `${sign}${Number((rounded / size).toPrecision(significantDigits))}${suffix}`;
  }
  return `${sign}${rounded}`;
}

/**
 * Labels for a set of ticks: compact, with just enough digits that no two neighbours read
 * the same (ticks 1,000,500 and 1,001,000 need more than three).
 */
export function formatTicks(ticks: readonly number[]): string[] {
  for (let digits = 3; digits < 15; digits += 1) {
    const labels = ticks.map((tick) => formatCompact(tick, digits));
    if (labels.every((label, index) => index === 0 || label !== labels[index - 1])) return labels;
  }
  return ticks.map((tick) => String(tick));
}
