/**
 * The shapes every tally shares. `Ballot` and `BallotType` are shared with the governance
 * module and the CLI (do not change them, extend only).
 */

/** The ballot types Polity counts, in the order the CLI and the docs list them. */
export const ballotTypes = ['basic', 'single-choice', 'approval', 'ranked-choice', 'weighted', 'quadratic', 'copeland', 'quadratic-credits'] as const;
export type BallotType = (typeof ballotTypes)[number];

/**
 * A ballot as tallies see it. `choice` uses Snapshot's encodings (1-based choice indices):
 * basic/single-choice: number; approval: number[]; ranked-choice: number[] (a full ranking);
 * weighted/quadratic: Record<string, number> (choice index as a string -> weight);
 * copeland: number[] (a full ranking); quadratic-credits: Record<string, number | string>
 * (credits in BASE units per choice: a safe integer or an integer decimal string).
 */
export interface Ballot {
  voter: string;
  /** Voting power in the power's base units. */
  power: bigint;
  choice: unknown;
}

/**
 * One ballot type's rules. Each method lives in `methods/<type>.ts` and is registered in
 * `registry.ts`; `tally()` adds what every type shares (voter, power, duplicate checks).
 */
export interface VotingMethod {
  /** undefined when the choice is valid for `choiceCount` choices, else why not (a stable reason code such as 'choice_out_of_range'). */
  validate(choice: unknown, choiceCount: number): string | undefined;
  /**
   * Scores per choice (index 0 = choice 1), exact bigint. Ballots that `validate` (or
   * `validateBallot`) refuses count for nothing, and are reported to `onInvalid` with their
   * index in `ballots` and the reason (so tally() parses every ballot once). Powers are taken
   * to be bigints >= 0: tally() refuses the others before scoring. `powerTotal` is the sum of
   * the ballots' powers when the caller has it (tally() does): a method that needs the valid
   * power (to rescale to it) then subtracts the ballots it refuses rather than adding up a
   * million bigints a second time (see `validPower`).
   */
  score(ballots: readonly Ballot[], choiceCount: number, onInvalid?: InvalidBallotHandler, powerTotal?: bigint): bigint[];
  /** Only for methods whose validity depends on the power too (quadratic-credits: credits spent <= power); tally() then uses it instead of validate. */
  validateBallot?(ballot: Ballot, choiceCount: number): string | undefined;
  /** Only for methods whose winner is not "the highest score, the lowest-numbered choice on a tie" (basic). */
  winner?(scores: readonly bigint[]): number | null;
  /** The scoring as sums over the ballots (see `AdditiveScoring`), which running tallies keep. */
  additive: AdditiveScoring;
}

/**
 * Scoring as sums: each valid ballot adds exact integer terms under keys, and the scores follow
 * from the sums and the valid power alone. So a running tally adds a ballot's terms when it is
 * cast and subtracts them when it changes, and gets the same scores as `score` on all the
 * ballots at once (`RunningTally`; a property test holds the two equal). Two shapes:
 * - `PartwiseScoring`: each key's sum is a part of one raw score, and a change moves only the
 *   parts of the keys it touches (a result costs O(raw scores));
 * - `WholeScoring`: the scores need every term at once (ranked-choice: an instant run-off over
 *   the rankings), which the scoring keeps in a store of its own (`TermStore`).
 */
export type AdditiveScoring = PartwiseScoring | WholeScoring;

interface TermScoring {
  /** Gives the ballot's terms to `emit` when it is valid; else returns the reason `score` reports, emitting nothing. */
  terms(ballot: Ballot, choiceCount: number, emit: TermSink): string | undefined;
}

export interface PartwiseScoring extends TermScoring {
  /**
   * The sums of the valid ballots' terms by key (no key with a zero sum), as adding up `terms`
   * would give them, the others reported to `onInvalid`: the fast path, which `score` and a
   * running tally's first read take.
   */
  sums(ballots: readonly Ballot[], choiceCount: number, onInvalid?: InvalidBallotHandler): Map<string, bigint>;
  /** The raw score (0-based) a key belongs to, and the part of it the key's summed terms make (0 for a sum of 0). */
  part(key: string, sum: bigint): { index: number; value: bigint };
  /** How many raw scores there are: one per choice unless given (copeland: one per ordered pair of choices). */
  rawLength?(choiceCount: number): number;
  /** The scores from the raw scores (each the sum of its keys' parts) and the valid power. */
  scores(raw: readonly bigint[], validUnits: bigint, choiceCount: number): bigint[];
}

export interface WholeScoring extends TermScoring {
  /**
   * A store holding the terms of the valid ballots, the others reported to `onInvalid` (the
   * fast path, which a running tally's first read takes); with no ballots, an empty store.
   */
  store(ballots: readonly Ballot[], choiceCount: number, onInvalid?: InvalidBallotHandler): TermStore;
}

/** The terms of the ballots a running tally counts; a ballot taken back adds its terms negated. */
export interface TermStore {
  add(key: string, value: bigint): void;
  /** The scores of the ballots whose terms were added and not taken back, whose valid power is `validUnits`. */
  scores(validUnits: bigint): bigint[];
}

export type TermSink = (key: string, value: bigint) => void;

/** Told about each ballot a method refuses while scoring: its index in the ballots given, and why. */
export type InvalidBallotHandler = (index: number, reason: string) => void;

export interface InvalidBallot {
  voter: string;
  reason: string;
}

export interface TallyResult {
  type: BallotType;
  /** One per choice, index 0 = choice 1. */
  scores: bigint[];
  /** Power of the valid ballots, base units. */
  total: bigint;
  /** 1-based; null when no valid ballot, when the highest score is zero, or when a tie rule yields none (basic). */
  winner: number | null;
  /** Ballots that count for nothing, sorted by voter then reason (so the list does not depend on ballot order). */
  invalid: InvalidBallot[];
}

/** The power of the ballots a method accepted: `powerTotal` (or, without it, the sum of all the ballots' powers) less `refusedUnits`. */
export function validPower(ballots: readonly Ballot[], powerTotal: bigint | undefined, refusedUnits: bigint): bigint {
  if (powerTotal !== undefined) return powerTotal - refusedUnits;
  let sum = 0n;
  for (let index = 0; index < ballots.length; index += 1) sum += (ballots[index] as Ballot).power;
  return sum - refusedUnits;
}
