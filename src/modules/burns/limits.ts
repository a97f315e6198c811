/** Fee classes one DAO may configure (compute, tokenization, payments, ...). */
export const feeClassesMax = 64;
/**
 * Characters in a fee class name. The treasury receives the fee's remainder as income of
 * class `fee.<class>`, and income class names have at most 64 characters.
 */
export const feeClassLengthMax = 60;
/** Milestone burns one DAO may define: a handful of launch and growth milestones. */
export const milestonesMax = 64;
/** Characters in a milestone id (its permission resource is `milestone:<id>`). */
export const milestoneIdLengthMax = 64;
export const milestoneLabelLengthMax = 200;
/** Characters in a percent string: "100.0000" needs 8. */
export const percentLengthMax = 12;
