/** Committees one DAO may define: a governance and an executive committee, and a few more. */
export const committeesMax = 32;
/** Characters in a committee's label ("Executive committee"). */
export const committeeLabelLengthMax = 200;
/** Seats on one committee: committees are small by design (BytomDAO: a handful of members). */
export const seatsMax = 16;
/** The longest term a seat may be given: ten years of 365.25 days. */
export const termSecondsMax = 315_576_000;
/**
 * Elections one DAO may hold over its life. Each keeps its candidates and ballots in state, so
 * anyone may re-count a closed election; a thousand is many decades of yearly elections.
 */
export const electionsMax = 1_000;
/** Candidates in one election; a ranked-choice ballot ranks all of them. */
export const candidatesPerElectionMax = 32;
/**
 * Ballots one election keeps (one per identity holder). Closing counts them all, once per seat
 * for ranked-choice: 16 seats x 32 rounds x 100,000 ballots bounds the work of one close.
 */
export const votesPerElectionMax = 100_000;
/** How far ahead nominations and voting may end, counted from the opening of the election. */
export const electionWindowSecondsMax = 31_557_600;
