/** Tiers one DAO offers at most: BTT has five; a few dozen is already a menu nobody reads. */
export const tiersMax = 64;
/** Committees whose seats need a stake, per DAO. */
export const committeesMax = 64;
/** Open stakes one actor may hold at once: benefit and eligibility queries scan them. */
export const activeStakesPerOwnerMax = 256;
/** The longest lock a tier may have: 50 Julian years. */
export const tierDurationSecondsMax = 1_577_880_000;
/** The highest voting multiplier a tier may grant, as a decimal string (10x). */
export const votingMultiplierMax = '10';
