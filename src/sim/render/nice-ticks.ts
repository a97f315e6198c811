/**
 * Axis ticks at "nice" steps (1, 2 or 5 times a power of ten). Charts are presentation, so
 * floats are fine here; each tick is cleaned to 12 significant digits so 0.1 + 0.2 reads 0.3.
 */

export interface NiceScale {
  /** The domain, widened outwards to whole steps. */
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/** The nice step that cuts `range` into about `targetCount` parts. */
export function niceStep(range: number, targetCount: number): number {
  if (!(range > 0) || !Number.isFinite(range)) throw new RangeError(`a tick range must be finite and above zero, not ${range}`);
  const raw = range / Math.max(1, targetCount);
  const power = 10 ** Math.floor(Math.log10(raw));
  // The nearest nice step (as d3 picks it): the tick count lands close to the target.
  const fraction = raw / power;
  const nice = fraction >= Math.sqrt(50) ? 10 : fraction >= Math.sqrt(10) ? 5 : fraction >= Math.sqrt(2) ? 2 : 1;
  return clean(nice * power);
}

/** A domain covering [min, max] that starts and ends on a tick (for the value axis). */
export function niceScale(min: number, max: number, targetCount = 5): NiceScale {
  const [low, high] = spread(min, max);
  const step = niceStep(high - low, targetCount);
  // Rounding (an underflowing low / step, the 12-digit clean) may land a step inside the data.
  let start = clean(Math.floor(low / step) * step);
  if (start > low) start = clean(start - step);
  let end = clean(Math.ceil(high / step) * step);
  if (end < high) end = clean(end + step);
  return { min: start, max: end, step, ticks: stepsBetween(start, end, step) };
}

/** Ticks inside [min, max], the domain kept as it is (for the x axis: days, years). */
export function ticksWithin(min: number, max: number, targetCount = 6): number[] {
  const [low, high] = spread(min, max);
  const step = niceStep(high - low, targetCount);
  return stepsBetween(clean(Math.ceil(low / step) * step), clean(Math.floor(high / step) * step), step);
}

function stepsBetween(start: number, end: number, step: number): number[] {
  const ticks: number[] = [];
  const count = Math.round((end - start) / step);
  for (let index = 0; index <= count; index += 1) ticks.push(clean(start + index * step));
  return ticks;
}

/** An empty range gets room around it, so a flat series still sits inside a frame. */
function spread(min: number, max: number): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new RangeError(`a tick domain must be finite, not [${min}, ${max}]`);
  const [low, high] = min <= max ? [min, max] : [max, min];
  // A range below what twelve significant digits can label (or subnormal) counts as flat.
  const magnitude = Math.max(Math.abs(low), Math.abs(high));
  if (high - low > magnitude * 1e-9 && high - low > 1e-100) return [low, high];
  const pad = magnitude > 1e-100 ? magnitude / 10 : 1;
  return [low - pad, high + pad];
}

function clean(value: number): number {
  const rounded = Number(value.toPrecision(12));
  return rounded === 0 ? 0 : rounded; // no "-0" labels
}
