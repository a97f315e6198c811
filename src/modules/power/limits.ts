/** Assets whose per-owner balance history this module keeps: each costs memory on every transfer. */
export const trackedAssetsMax = 16;
/** Delegates one delegation may split power across (one category of one delegator). */
export const delegatesMax = 10;
/** Categories one delegator may hold a specific delegation for, besides the general one. */
export const delegationCategoriesMax = 32;
/** How deeply strategies may nest (`quadratic` of a `sum` of ...): each level is a recursion. */
export const strategyDepthMax = 4;
/** Parts of one `sum` strategy. */
export const strategyPartsMax = 8;
