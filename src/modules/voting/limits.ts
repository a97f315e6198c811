/**
 * Bounds of the voting library. Tallies are linear in the ballots, but Copeland is quadratic
 * in the choices, so the choice count is bounded well below what a ballot could carry.
 */

/** Choices one proposal may offer. Copeland does choiceCount^2 / 2 additions per ballot. */
export const choicesMax = 256;
/**
 * Ballots one tally counts. Copeland and approval add powers in 26-bit limbs held in
 * doubles; 2^26 ballots * 2^26 per limb stays below 2^53, so sums stay exact (see limbs.ts).
 */
export const ballotsMax = 10_000_000;
/** Characters in a voter id of a tally file. */
export const voterLengthMax = 256;
/** Characters in a choice label of a tally file. */
export const choiceLabelLengthMax = 1_000;
/** Bytes of a tally file's text: 10^6 ballots of ~100 bytes each, and some room. */
export const tallyFileLengthMax = 512 * 1024 * 1024;
