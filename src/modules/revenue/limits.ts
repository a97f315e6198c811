import { yearSeconds } from '../../kernel/rates.ts';

/** Characters in a policy id (it also names the accounts `@revenue.<id>` and `@revenue.<id>.dust`). */
export const policyIdLengthMax = 64;
/** Characters in a deposit id (the deposit's transfer id is `revenue:<policy>:deposit:<id>`). */
export const depositIdLengthMax = 64;
/**
 * Revenue policies in one DAO. Every stake event settles the holder in each policy of the
 * staked asset, so this bounds the work one stake event does.
 */
export const policiesMax = 256;
/** Points one `revenue.record_activity` may award: a vote or a proposal is worth a few, not millions. */
export const activityPointsMax = 1_000_000n;
/** Characters in a points string: "1000000" needs 7. */
export const pointsLengthMax = 7;
/** One activity epoch: a year at most (a longer one is no longer an activity measure). */
export const epochSecondsMax = yearSeconds;
/** Characters in a percent string: "100.0000" needs 8. */
export const percentLengthMax = 12;
/**
 * Unsettled activity epochs a holder keeps: the current one (still earning points) and the one
 * before (closed, receiving the deposits made now). Older ones are final and folded when touched.
 */
export const holderEpochsMax = 2;
