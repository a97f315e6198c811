/**
 * Vesting schedules: how much of a grant (or an emission pool) is released at a time.
 * Pure functions of (schedule, total, start, time, attested milestones), integer math only:
 * every amount is a floor of a cumulative fraction of the total, never a sum of rounded
 * pieces, so the curve is monotone in time and ends at exactly the total.
 */
import { type Static, Type } from '@sinclair/typebox';
import { divFloor } from '../../kernel/amount.ts';
import { isPolityError } from '../../kernel/errors.ts';
import { percentToPpm, ppmToPercent, ppmWhole } from '../../kernel/rates.ts';
import { durationSecondsMax, epochsMax, milestoneLengthMax, percentLengthMax, tranchesMax } from './limits.ts';

export interface MilestoneTranche {
  milestone: string;
  /** Decimal percent of the total ("12.5"); all tranches add up to exactly 100. */
  percent: string;
}

export interface Epoch {
  durationSeconds: number;
  /** Decimal percent of the total released linearly over this epoch. */
  percent: string;
}

export type VestingSchedule =
  | { kind: 'immediate' }
  | { kind: 'linear'; lockupSeconds: number; durationSeconds: number }
  | { kind: 'cliff'; cliffSeconds: number; durationSeconds: number }
  | { kind: 'milestones'; tranches: MilestoneTranche[] }
  | { kind: 'epochs'; epochs: Epoch[] };

export type VestingScheduleKind = VestingSchedule['kind'];

const DurationSchema = Type.Integer({ minimum: 0, maximum: durationSecondsMax, description: 'whole seconds' });
export const PercentSchema = Type.String({
  pattern: '^(0|[1-9][0-9]*)(\\.[0-9]{1,4})?$',
  maxLength: percentLengthMax,
  description: 'decimal percent such as "12.5" (at most 4 decimals)',
});
export const MilestoneSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: milestoneLengthMax });

const closed = { additionalProperties: false } as const;

export const VestingScheduleSchema = Type.Union([
  Type.Object({ kind: Type.Literal('immediate') }, closed),
  Type.Object({ kind: Type.Literal('linear'), lockupSeconds: DurationSchema, durationSeconds: DurationSchema }, closed),
  Type.Object({ kind: Type.Literal('cliff'), cliffSeconds: DurationSchema, durationSeconds: DurationSchema }, closed),
  Type.Object(
    {
      kind: Type.Literal('milestones'),
      tranches: Type.Array(Type.Object({ milestone: MilestoneSchema, percent: PercentSchema }, closed), { minItems: 1, maxItems: tranchesMax }),
    },
    closed,
  ),
  Type.Object(
    {
      kind: Type.Literal('epochs'),
      epochs: Type.Array(Type.Object({ durationSeconds: DurationSchema, percent: PercentSchema }, closed), { minItems: 1, maxItems: epochsMax }),
    },
    closed,
  ),
]);

/** The schema and the hand-written type must describe the same JSON. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<Static<typeof VestingScheduleSchema>, VestingSchedule> = true;
void schemaMatchesType;

/**
 * What the schema cannot say: percents that add up to exactly 100, unique milestones,
 * durations that make sense. Returns a message for the caller, or undefined when valid.
 */
export function checkSchedule(schedule: VestingSchedule): string | undefined {
  switch (schedule.kind) {
    case 'immediate':
      return undefined;
    case 'linear':
      return checkDurations([schedule.lockupSeconds, schedule.durationSeconds]) ?? positive(schedule.durationSeconds, 'a linear schedule');
    case 'cliff': {
      const problem = checkDurations([schedule.cliffSeconds, schedule.durationSeconds]) ?? positive(schedule.durationSeconds, 'a cliff schedule');
      if (problem) return problem;
      // As OpenZeppelin's VestingWallet with a cliff: a cliff after the end would mean nothing.
      if (schedule.cliffSeconds > schedule.durationSeconds) return 'the cliff must not be longer than the duration';
      return undefined;
    }
    case 'milestones':
      return checkTranches(schedule.tranches);
    case 'epochs':
      return checkEpochs(schedule.epochs);
  }
}

function checkDurations(durations: readonly number[]): string | undefined {
  const bad = durations.find((seconds) => !Number.isSafeInteger(seconds) || seconds < 0 || seconds > durationSecondsMax);
  return bad === undefined ? undefined : `durations are whole seconds from 0 to ${durationSecondsMax}, not ${bad}`;
}

function positive(durationSeconds: number, what: string): string | undefined {
  return durationSeconds > 0 ? undefined : `${what} needs a duration above zero seconds`;
}

function checkTranches(tranches: readonly MilestoneTranche[]): string | undefined {
  if (tranches.length === 0 || tranches.length > tranchesMax) return `a milestone schedule has 1 to ${tranchesMax} tranches`;
  const seen = new Set<string>();
  for (const tranche of tranches) {
    if (seen.has(tranche.milestone)) return `milestone ${tranche.milestone} is listed twice`;
    seen.add(tranche.milestone);
  }
  const ppms = percentsPpm(tranches.map((tranche) => tranche.percent));
  if (typeof ppms === 'string') return ppms;
  // A tranche of nothing could never be told apart from an unattested one.
  if (ppms.some((ppm) => ppm === 0n)) return 'every tranche needs a percent above zero';
  return checkSum(ppms);
}

function checkEpochs(epochs: readonly Epoch[]): string | undefined {
  if (epochs.length === 0 || epochs.length > epochsMax) return `an epoch schedule has 1 to ${epochsMax} epochs`;
  const problem = checkDurations(epochs.map((epoch) => epoch.durationSeconds));
  if (problem) return problem;
  // Zero-percent epochs are pauses and zero-second epochs are steps: both are allowed.
  const ppms = percentsPpm(epochs.map((epoch) => epoch.percent));
  return typeof ppms === 'string' ? ppms : checkSum(ppms);
}

function percentsPpm(percents: readonly string[]): bigint[] | string {
  const ppms: bigint[] = [];
  for (const percent of percents) {
    try {
      ppms.push(percentToPpm(percent));
    } catch (error) {
      if (isPolityError(error)) return error.message;
      throw error;
    }
  }
  return ppms;
}

function checkSum(ppms: readonly bigint[]): string | undefined {
  const sum = ppms.reduce((total, ppm) => total + ppm, 0n);
  if (sum === ppmWhole) return undefined;
  return `the percents add up to ${ppmToPercent(sum)} %, not exactly 100 %`;
}

export interface VestingInput {
  totalUnits: bigint;
  startMs: number;
  atMs: number;
  /** Milestones attested so far; only milestone schedules read it. */
  attested: ReadonlySet<string> | readonly string[];
}

/**
 * Units vested at `atMs`, rounded down; exactly `totalUnits` once fully vested. The schedule
 * must have passed `checkSchedule`. Times before the start give 0 for every kind.
 */
export function vestedUnits(schedule: VestingSchedule, input: VestingInput): bigint {
  const { totalUnits } = input;
  const elapsedMs = BigInt(input.atMs) - BigInt(input.startMs);
  if (elapsedMs < 0n || totalUnits <= 0n) return 0n;
  switch (schedule.kind) {
    case 'immediate':
      return totalUnits;
    case 'linear':
      return linearUnits(totalUnits, elapsedMs - msOf(schedule.lockupSeconds), msOf(schedule.durationSeconds));
    case 'cliff':
      if (elapsedMs < msOf(schedule.cliffSeconds)) return 0n;
      return linearUnits(totalUnits, elapsedMs, msOf(schedule.durationSeconds));
    case 'milestones':
      return milestoneUnits(totalUnits, schedule.tranches, input.attested);
    case 'epochs':
      return epochUnits(totalUnits, schedule.epochs, elapsedMs);
  }
}

function msOf(seconds: number): bigint {
  return BigInt(seconds) * 1000n;
}

/** floor(total * elapsed / duration), 0 before the curve starts, the total from its end on. */
function linearUnits(totalUnits: bigint, elapsedMs: bigint, durationMs: bigint): bigint {
  if (elapsedMs < 0n) return 0n;
  if (elapsedMs >= durationMs) return totalUnits;
  return divFloor(totalUnits * elapsedMs, durationMs);
}

/**
 * Each tranche is floor(total * ppm / 1e6), except the tranche listed last, which takes what
 * the others leave: with every milestone attested the grant is released to the last unit.
 */
export function trancheUnits(totalUnits: bigint, tranches: readonly MilestoneTranche[]): bigint[] {
  const pieces = tranches.map((tranche) => divFloor(totalUnits * percentToPpm(tranche.percent), ppmWhole));
  if (pieces.length === 0) return pieces;
  const others = pieces.slice(0, -1).reduce((sum, piece) => sum + piece, 0n);
  pieces[pieces.length - 1] = totalUnits - others;
  return pieces;
}

function milestoneUnits(totalUnits: bigint, tranches: readonly MilestoneTranche[], attested: ReadonlySet<string> | readonly string[]): bigint {
  const done = attested instanceof Set ? attested : new Set(attested);
  const pieces = trancheUnits(totalUnits, tranches);
  return tranches.reduce((sum, tranche, index) => (done.has(tranche.milestone) ? sum + (pieces[index] ?? 0n) : sum), 0n);
}

/**
 * The cumulative share of completed epochs plus the current epoch's linear part, as one
 * fraction (P*d + p*e) / (1e6*d) of the total, floored once.
 */
function epochUnits(totalUnits: bigint, epochs: readonly Epoch[], elapsedMs: bigint): bigint {
  let doneMs = 0n;
  let donePpm = 0n;
  for (const epoch of epochs) {
    const durationMs = msOf(epoch.durationSeconds);
    const ppm = percentToPpm(epoch.percent);
    if (elapsedMs < doneMs + durationMs) {
      const intoMs = elapsedMs - doneMs;
      return divFloor(totalUnits * (donePpm * durationMs + ppm * intoMs), ppmWhole * durationMs);
    }
    doneMs += durationMs;
    donePpm += ppm;
  }
  return totalUnits;
}

/** When the schedule has released everything; undefined for milestones (no time ends them). */
export function scheduleEndMs(schedule: VestingSchedule, startMs: number): number | undefined {
  switch (schedule.kind) {
    case 'immediate':
      return startMs;
    case 'linear':
      return startMs + (schedule.lockupSeconds + schedule.durationSeconds) * 1000;
    case 'cliff':
      return startMs + Math.max(schedule.cliffSeconds, schedule.durationSeconds) * 1000;
    case 'milestones':
      return undefined;
    case 'epochs':
      return startMs + schedule.epochs.reduce((sum, epoch) => sum + epoch.durationSeconds, 0) * 1000;
  }
}

/** A deep copy, so state never shares objects with a payload or an event. */
export function copySchedule(schedule: VestingSchedule): VestingSchedule {
  switch (schedule.kind) {
    case 'immediate':
      return { kind: 'immediate' };
    case 'linear':
      return { kind: 'linear', lockupSeconds: schedule.lockupSeconds, durationSeconds: schedule.durationSeconds };
    case 'cliff':
      return { kind: 'cliff', cliffSeconds: schedule.cliffSeconds, durationSeconds: schedule.durationSeconds };
    case 'milestones':
      return { kind: 'milestones', tranches: schedule.tranches.map((t) => ({ milestone: t.milestone, percent: t.percent })) };
    case 'epochs':
      return { kind: 'epochs', epochs: schedule.epochs.map((e) => ({ durationSeconds: e.durationSeconds, percent: e.percent })) };
  }
}
