import { yearSeconds } from '../../kernel/rates.ts';

/** Tranches in one milestone schedule: a grant with more steps than this is a payroll, not a grant. */
export const tranchesMax = 64;
/** Epochs in one epoch schedule (a halving curve over a century still fits). */
export const epochsMax = 64;
/** One duration (lock-up, cliff, epoch): a century at most, so end times stay safe integers in ms. */
export const durationSecondsMax = 100 * yearSeconds;
/** Characters in a milestone name. */
export const milestoneLengthMax = 64;
/** Characters in a percent string: "100.0000" needs 8. */
export const percentLengthMax = 12;
/** Characters in a grant id (it also names the hold account `@vesting.<id>`). */
export const vestingIdLengthMax = 64;
/** The latest start time: the largest time a JavaScript Date can hold. */
export const startMsMax = 8_640_000_000_000_000;
