import { yearSeconds } from '../../kernel/rates.ts';

/** Rules in one constitution: a short charter, read whole at every proposal check. */
export const rulesMax = 64;
/** Characters in a rule's human label, shown in every violation message. */
export const ruleLabelLengthMax = 200;
/** Proposal categories one proposer rule may name. */
export const proposerCategoriesMax = 32;
/** Characters in a category name. */
export const categoryLengthMax = 64;
/** Characters in a committee id. */
export const committeeIdLengthMax = 64;
/** Characters in a percent string: "100.0000" needs 8. */
export const percentLengthMax = 12;
/**
 * The longest rolling window a rolling_outflow rule may have. The module keeps every fund's
 * outflows for this long, so a rule adopted later sees the outflows before its adoption.
 */
export const outflowPeriodSecondsMax = yearSeconds;
/**
 * Outflow entries kept per fund. Past this, the two oldest entries merge into one stamped
 * with the later time: the window may then count an outflow a little longer than it should,
 * never shorter, so a limit can be too strict but never exceeded.
 */
export const outflowsKeptMax = 4096;
/** The longest minimum voting period a constitution_change rule may ask for. */
export const minVotingSecondsMax = yearSeconds;
