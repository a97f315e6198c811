import { TypeCompiler } from '@sinclair/typebox/compiler';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthSeconds, ppmToPercent, yearSeconds } from '../../kernel/rates.ts';
import * as vestingIndex from './index.ts';
import { durationSecondsMax, epochsMax, tranchesMax } from './limits.ts';
import { checkSchedule, scheduleEndMs, trancheUnits, type VestingSchedule, VestingScheduleSchema, vestedUnits } from './schedules.ts';

/** Runs are deterministic: a fixed seed unless FC_SEED pins another (fast-check prints it on failure). */
const seed = Number(process.env.FC_SEED ?? 20_260_101);
const fcOptions = { seed, numRuns: 400 };

const startMs = Date.UTC(2026, 0, 1);
const second = 1000;
const at = (schedule: VestingSchedule, totalUnits: bigint, atMs: number, attested: readonly string[] = []) =>
  vestedUnits(schedule, { totalUnits, startMs, atMs, attested });

describe('vestedUnits: boundaries of every kind', () => {
  const total = 1_000_000n;

  it('immediate: nothing a second before the start, everything from the start on', () => {
    const schedule: VestingSchedule = { kind: 'immediate' };
    expect(at(schedule, total, startMs - second)).toBe(0n);
    expect(at(schedule, total, startMs)).toBe(total);
    expect(at(schedule, total, startMs + second)).toBe(total);
    expect(scheduleEndMs(schedule, startMs)).toBe(startMs);
    expect(at(schedule, total, startMs + 10 * yearSeconds * second)).toBe(total);
  });

  // Lock-up 100 s, then linear over 1000 s: the curve is (t - 100 s) / 1000 s of the total.
  const linear: VestingSchedule = { kind: 'linear', lockupSeconds: 100, durationSeconds: 1000 };
  it.each<[string, number, bigint]>([
    ['one second before the start', -1, 0n],
    ['at the start', 0, 0n],
    ['one second before the lock-up ends', 99, 0n],
    ['exactly when the lock-up ends', 100, 0n],
    ['one second after the lock-up', 101, 1_000n],
    ['half-way', 600, 500_000n],
    ['one second before the end', 1099, 999_000n],
    ['at the end', 1100, total],
    ['after the end', 5000, total],
  ])('linear %s (%i s)', (_name, seconds, expected) => {
    expect(at(linear, total, startMs + seconds * second)).toBe(expected);
  });

  it('linear rounds down between whole seconds (ms precision) and ends at the lock-up plus the duration', () => {
    expect(at(linear, 7n, startMs + 100 * second + 999)).toBe(0n); // floor(7 * 999 / 1_000_000)
    expect(at(linear, 7n, startMs + 243 * second)).toBe(1n); // floor(7 * 143 / 1000)
    expect(scheduleEndMs(linear, startMs)).toBe(startMs + 1100 * second);
  });

  // Cliff at 250 s of a 1000 s curve that accrues from the start.
  const cliff: VestingSchedule = { kind: 'cliff', cliffSeconds: 250, durationSeconds: 1000 };
  it.each<[string, number, bigint]>([
    ['one second before the start', -1, 0n],
    ['one second before the cliff', 249, 0n],
    ['exactly at the cliff: what accrued since the start', 250, 250_000n],
    ['one second after the cliff', 251, 251_000n],
    ['one second before the end', 999, 999_000n],
    ['at the end', 1000, total],
    ['after the end', 1_000_000, total],
  ])('cliff %s (%i s)', (_name, seconds, expected) => {
    expect(at(cliff, total, startMs + seconds * second)).toBe(expected);
  });

  it('a cliff as long as the duration releases everything at once at its end', () => {
    const allAtEnd: VestingSchedule = { kind: 'cliff', cliffSeconds: 1000, durationSeconds: 1000 };
    expect(at(allAtEnd, total, startMs + 999 * second)).toBe(0n);
    expect(at(allAtEnd, total, startMs + 1000 * second)).toBe(total);
    expect(scheduleEndMs(allAtEnd, startMs)).toBe(startMs + 1000 * second);
  });

  // Three tranches of a third: the tranche listed last takes the remainder.
  const milestones: VestingSchedule = {
    kind: 'milestones',
    tranches: [
      { milestone: 'mainnet', percent: '33.3333' },
      { milestone: 'audit', percent: '33.3333' },
      { milestone: 'users', percent: '33.3334' },
    ],
  };
  it.each<[string, number, string[], bigint]>([
    ['nothing attested', 0, [], 0n],
    ['everything attested, one second before the start', -1, ['mainnet', 'audit', 'users'], 0n],
    ['the first tranche', 0, ['mainnet'], 3n],
    ['the last tranche alone takes the remainder', 0, ['users'], 4n],
    ['two tranches', 0, ['audit', 'users'], 7n],
    ['every tranche: exactly the total', 0, ['users', 'mainnet', 'audit'], 10n],
    ['unknown names count for nothing', 0, ['ghost', 'mainnet'], 3n],
    ['long after the start, time alone changes nothing', 10 * yearSeconds, ['mainnet'], 3n],
  ])('milestones: %s', (_name, seconds, attested, expected) => {
    expect(at(milestones, 10n, startMs + seconds * second, attested)).toBe(expected);
  });

  it('milestones have no end time', () => {
    expect(scheduleEndMs(milestones, startMs)).toBeUndefined();
    expect(trancheUnits(10n, milestones.kind === 'milestones' ? milestones.tranches : [])).toEqual([3n, 3n, 4n]);
  });

  // Epochs: 100 s at 40 %, a 0 % pause of 50 s, a 0 s step of 10 %, then 200 s at 50 %.
  const epochs: VestingSchedule = {
    kind: 'epochs',
    epochs: [
      { durationSeconds: 100, percent: '40' },
      { durationSeconds: 50, percent: '0' },
      { durationSeconds: 0, percent: '10' },
      { durationSeconds: 200, percent: '50' },
    ],
  };
  it.each<[string, number, bigint]>([
    ['one second before the start', -1, 0n],
    ['at the start', 0, 0n],
    ['one second in', 1, 4_000n],
    ['one second before the first epoch ends', 99, 396_000n],
    ['exactly at the end of the first epoch (the pause begins)', 100, 400_000n],
    ['one second into the pause', 101, 400_000n],
    ['exactly at the end of the pause: the step releases at once', 150, 500_000n],
    ['one second after the step', 151, 502_500n],
    ['one second before the end', 349, 997_500n],
    ['at the end', 350, total],
    ['after the end', 10_000, total],
  ])('epochs %s (%i s)', (_name, seconds, expected) => {
    expect(at(epochs, total, startMs + seconds * second)).toBe(expected);
  });

  it('epochs end after the sum of their durations', () => {
    expect(scheduleEndMs(epochs, startMs)).toBe(startMs + 350 * second);
  });
});

describe('the BTT example: 2,100,000 BTT (18 decimals), 6-month lock-up, 36-month linear', () => {
  const btt = 10n ** 18n;
  const total = 2_100_000n * btt;
  const schedule: VestingSchedule = { kind: 'linear', lockupSeconds: 6 * monthSeconds, durationSeconds: 36 * monthSeconds };
  const month = (n: number) => startMs + n * monthSeconds * second;

  it.each<[number, bigint]>([
    [0, 0n],
    [6, 0n],
    [12, 350_000n * btt],
    [24, 1_050_000n * btt],
    [42, total],
    [60, total],
  ])('at month %i: %s base units', (n, expected) => {
    expect(at(schedule, total, month(n))).toBe(expected);
  });

  it('one second before month 42 is short of the total; month 42 is exactly the total', () => {
    expect(at(schedule, total, month(42) - second)).toBeLessThan(total);
    expect(scheduleEndMs(schedule, startMs)).toBe(month(42));
  });
});

describe('checkSchedule', () => {
  const tranches = (...percents: string[]) => percents.map((percent, i) => ({ milestone: `m${i}`, percent }));
  const epochs = (...percents: string[]) => percents.map((percent) => ({ durationSeconds: yearSeconds, percent }));

  it.each<[string, VestingSchedule]>([
    ['immediate', { kind: 'immediate' }],
    ['linear without a lock-up', { kind: 'linear', lockupSeconds: 0, durationSeconds: 1 }],
    ['a cliff at the start', { kind: 'cliff', cliffSeconds: 0, durationSeconds: 60 }],
    ['a cliff at the end', { kind: 'cliff', cliffSeconds: 60, durationSeconds: 60 }],
    ['milestones of 100', { kind: 'milestones', tranches: tranches('60', '39.9999', '0.0001') }],
    ['epochs with a pause and a step', { kind: 'epochs', epochs: [...epochs('0', '40', '30', '20', '10'), { durationSeconds: 0, percent: '0' }] }],
  ])('accepts %s', (_name, schedule) => {
    expect(checkSchedule(schedule)).toBeUndefined();
  });

  it.each<[string, VestingSchedule, RegExp]>([
    ['linear of zero seconds', { kind: 'linear', lockupSeconds: 10, durationSeconds: 0 }, /duration above zero/],
    ['cliff of zero seconds', { kind: 'cliff', cliffSeconds: 0, durationSeconds: 0 }, /duration above zero/],
    ['a cliff after the end', { kind: 'cliff', cliffSeconds: 61, durationSeconds: 60 }, /cliff must not be longer/],
    ['a fractional duration', { kind: 'linear', lockupSeconds: 0.5, durationSeconds: 10 }, /whole seconds/],
    ['a duration beyond the maximum', { kind: 'linear', lockupSeconds: durationSecondsMax + 1, durationSeconds: 10 }, /whole seconds/],
    ['milestones short of 100', { kind: 'milestones', tranches: tranches('60', '39.9999') }, /add up to 99.9999 %, not exactly 100 %/],
    ['milestones over 100', { kind: 'milestones', tranches: tranches('60', '40.0001') }, /add up to 100.0001 %/],
    ['a duplicate milestone', { kind: 'milestones', tranches: [...tranches('50'), ...tranches('50')] }, /m0 is listed twice/],
    ['a zero tranche', { kind: 'milestones', tranches: tranches('100', '0') }, /above zero/],
    ['no tranches', { kind: 'milestones', tranches: [] }, /1 to 64 tranches/],
    ['a percent above 100', { kind: 'milestones', tranches: tranches('100.5') }, /above 100 %/],
    ['a percent with five decimals', { kind: 'epochs', epochs: epochs('99.99999', '0.00001') }, /at most 4 decimals/],
    ['epochs short of 100', { kind: 'epochs', epochs: epochs('40', '30', '20') }, /add up to 90 %/],
    ['no epochs', { kind: 'epochs', epochs: [] }, /1 to 64 epochs/],
  ])('rejects %s', (_name, schedule, message) => {
    expect(checkSchedule(schedule)).toMatch(message);
  });
});

describe('VestingScheduleSchema', () => {
  const check = TypeCompiler.Compile(VestingScheduleSchema);
  it.each<[string, unknown, boolean]>([
    ['linear', { kind: 'linear', lockupSeconds: 0, durationSeconds: 10 }, true],
    ['a percent with four decimals', { kind: 'milestones', tranches: [{ milestone: 'a', percent: '99.9999' }] }, true],
    ['an unknown kind', { kind: 'quadratic' }, false],
    ['a negative duration', { kind: 'linear', lockupSeconds: -1, durationSeconds: 10 }, false],
    ['a float duration', { kind: 'linear', lockupSeconds: 1.5, durationSeconds: 10 }, false],
    ['a duration beyond the maximum', { kind: 'cliff', cliffSeconds: 0, durationSeconds: durationSecondsMax + 1 }, false],
    ['a numeric percent', { kind: 'milestones', tranches: [{ milestone: 'a', percent: 100 }] }, false],
    ['a percent with a leading zero', { kind: 'milestones', tranches: [{ milestone: 'a', percent: '0100' }] }, false],
    ['a percent with five decimals', { kind: 'milestones', tranches: [{ milestone: 'a', percent: '1.00000' }] }, false],
    ['an extra field', { kind: 'immediate', durationSeconds: 1 }, false],
    ['too many tranches', { kind: 'milestones', tranches: Array.from({ length: tranchesMax + 1 }, (_, i) => ({ milestone: `m${i}`, percent: '1' })) }, false],
    ['too many epochs', { kind: 'epochs', epochs: Array.from({ length: epochsMax + 1 }, () => ({ durationSeconds: 1, percent: '1' })) }, false],
  ])('%s -> %s', (_name, value, valid) => {
    expect(check.Check(value)).toBe(valid);
  });
});

/** A partition of 100 % into `parts` percents (ppm granularity); `positive` forbids zero parts. */
const percentsArb = (parts: number, positive: boolean) =>
  (positive
    ? fc.uniqueArray(fc.integer({ min: 1, max: 999_999 }), { minLength: parts - 1, maxLength: parts - 1 })
    : fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: parts - 1, maxLength: parts - 1 })
  ).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 1_000_000];
    return points.slice(1).map((point, i) => ppmToPercent(BigInt(point - (points[i] ?? 0))));
  });

const durationArb = fc.integer({ min: 0, max: 10 * yearSeconds });

const timedScheduleArb: fc.Arbitrary<VestingSchedule> = fc.oneof(
  fc.constant<VestingSchedule>({ kind: 'immediate' }),
  fc
    .record({ lockupSeconds: durationArb, durationSeconds: fc.integer({ min: 1, max: 10 * yearSeconds }) })
    .map((s): VestingSchedule => ({ kind: 'linear', ...s })),
  fc
    .tuple(fc.integer({ min: 1, max: 10 * yearSeconds }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([durationSeconds, part]): VestingSchedule => ({ kind: 'cliff', cliffSeconds: Math.floor(durationSeconds * part), durationSeconds })),
  fc
    .integer({ min: 1, max: 8 })
    .chain((n) => fc.tuple(percentsArb(n, false), fc.array(durationArb, { minLength: n, maxLength: n })))
    .map(
      ([percents, durations]): VestingSchedule => ({ kind: 'epochs', epochs: percents.map((percent, i) => ({ durationSeconds: durations[i] ?? 0, percent })) }),
    ),
);

const milestoneScheduleArb = fc
  .integer({ min: 1, max: 8 })
  .chain((n) => percentsArb(n, true))
  .map((percents): VestingSchedule => ({ kind: 'milestones', tranches: percents.map((percent, i) => ({ milestone: `m${i}`, percent })) }));

const totalArb = fc.bigInt({ min: 0n, max: 10n ** 30n });
const offsetArb = fc.integer({ min: -yearSeconds * second, max: 30 * yearSeconds * second });

describe('vestedUnits properties', () => {
  it('generated schedules are valid', () => {
    fc.assert(
      fc.property(fc.oneof(timedScheduleArb, milestoneScheduleArb), (schedule) => checkSchedule(schedule) === undefined),
      fcOptions,
    );
  });

  it('is monotone non-decreasing in time and never above the total', () => {
    fc.assert(
      fc.property(timedScheduleArb, totalArb, offsetArb, offsetArb, (schedule, total, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const before = at(schedule, total, startMs + early);
        const after = at(schedule, total, startMs + late);
        return before >= 0n && before <= after && after <= total;
      }),
      fcOptions,
    );
  });

  it('is 0 before the start and exactly the total at and after the end', () => {
    fc.assert(
      fc.property(timedScheduleArb, totalArb, fc.nat({ max: 10 * yearSeconds * second }), (schedule, total, afterMs) => {
        const endMs = scheduleEndMs(schedule, startMs);
        if (endMs === undefined) return false;
        return at(schedule, total, endMs) === total && at(schedule, total, endMs + afterMs) === total && at(schedule, total, startMs - 1) === 0n;
      }),
      fcOptions,
    );
  });

  it('milestones: more attested never vests less, all attested is exactly the total', () => {
    fc.assert(
      fc.property(milestoneScheduleArb, totalArb, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (schedule, total, picks) => {
        if (schedule.kind !== 'milestones') return false;
        const names = schedule.tranches.map((tranche) => tranche.milestone);
        const some = names.filter((_, i) => picks[i]);
        const fewer = some.slice(1);
        const vestedSome = at(schedule, total, startMs, some);
        return at(schedule, total, startMs, fewer) <= vestedSome && vestedSome <= total && at(schedule, total, startMs, names) === total;
      }),
      fcOptions,
    );
  });
});

describe('the public surface', () => {
  it('index.ts exports exactly these values (a change here is a change for every importer)', () => {
    expect(Object.keys(vestingIndex).sort()).toEqual([
      'VestingScheduleSchema',
      'checkSchedule',
      'copySchedule',
      'epochsMax',
      'releasableUnits',
      'scheduleEndMs',
      'trancheUnits',
      'tranchesMax',
      'vestedUnits',
      'vestedUnitsOfGrant',
      'vestingGrant',
      'vestingGrants',
      'vestingHoldAccountId',
      'vestingModule',
    ]);
    expect(vestingIndex.vestingModule.commands.map((command) => command.type)).toEqual(['vesting.create', 'vesting.claim', 'vesting.attest']);
  });
});
