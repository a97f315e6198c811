import { yearSeconds } from '../../kernel/rates.ts';
import { memoLengthMax } from '../../ledger/limits.ts';

/** Funds one DAO may hold: named pots of money, not one per payment. */
export const fundsMax = 256;
/** Characters in a fund id (it also names the account `@treasury.<id>`). */
export const fundIdLengthMax = 64;
export const fundLabelLengthMax = 200;
/** Characters in an income class name, such as `fee.compute` or `donation`. */
export const incomeClassLengthMax = 64;
/** Income classes with their own split, per asset. */
export const incomeClassesMax = 64;
/** Entries in one split list (reserve, a class's list, default). */
export const incomeSharesMax = 32;
/** Characters in a percent string: "100.0000" needs 8. */
export const percentLengthMax = 12;
/** The longest rolling period a spending limit may have. */
export const spendingPeriodSecondsMax = 10 * yearSeconds;
/**
 * Spends kept per fund for the rolling window. A fund that has made this many spends inside
 * its window refuses the next one (`recent_spends_max_reached`) rather than forget one and
 * so let the limit be exceeded.
 */
export const recentSpendsMax = 1024;
/** A spend's memo goes on the ledger transfer, so it has the ledger's bound. */
export const spendMemoLengthMax = memoLengthMax;
