/** Factors one pool weighs (compute, quality, geography, energy ...). */
export const factorsMax = 16;
/** Contributors one distribution pays: one ledger transfer each, so a group commit stays bounded. */
export const contributionsMax = 1_000;
/** The largest weight of one factor; weights are relative, so this is resolution, not a cap on money. */
export const factorWeightMax = 1_000_000;
/** Digits of one score: scores up to 10^30 keep the exact common denominator small enough. */
export const scoreDigitsMax = 31;
/** Characters in a pool id (it also names `@pool.<id>` and `@pool.<id>.rewards`). */
export const poolIdLengthMax = 64;
/** Characters in a distribution id (it names the transfers `emission:<id>:<index>`). */
export const distributionIdLengthMax = 64;
/** Characters in a factor name. */
export const factorNameLengthMax = 32;
/** The latest start time: the largest time a JavaScript Date can hold. */
export const startMsMax = 8_640_000_000_000_000;
