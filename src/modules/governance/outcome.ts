import { ppmWhole } from '../../kernel/rates.ts';
import { chamberScale, combineChambers, type TallyResult } from '../voting/index.ts';
import { liveChamberTally, liveTally } from './live-tally.ts';
import type { Category, ChamberTotals, Proposal } from './state.ts';

export type ProposalStatus =
  | 'draft'
  | 'discussion'
  | 'voting'
  | 'succeeded'
  | 'defeated'
  | 'queued'
  | 'executed'
  | 'failed'
  | 'expired'
  | 'cancelled'
  | 'vetoed';

export type DefeatReason = 'quorum_not_met' | 'threshold_not_met' | 'no_winner';

export interface ProposalView {
  status: ProposalStatus;
  reason?: DefeatReason;
  /** When voting ends (or ended), late-quorum extension included. */
  votingEndsMs?: number;
  /** From when a queued proposal may be executed, and until when. */
  executableFromMs?: number;
  expiresMs?: number;
  tally?: TallyResult;
  quorumMet?: boolean;
}

/** The deadline with the late-quorum rule: quorum first reached in the last X moves it to X after. */
export function effectiveEndMs(proposal: Proposal, category: Category): number | undefined {
  const end = proposal.votingEndsMs;
  if (end === undefined || proposal.endedEarly) return end;
  const windowMs = category.lateQuorumSeconds * 1000;
  const reached = proposal.quorumReachedMs;
  if (windowMs > 0 && reached !== undefined && reached > end - windowMs) return reached + windowMs;
  return end;
}

/** The proposal's tally now: kept running between reads (live-tally.ts), chambered votes counted per chamber. */
export function proposalTally(proposal: Proposal): TallyResult {
  return proposal.chambers ? chamberOutcome(proposal).combined : liveTally(proposal);
}

export interface ChamberResult {
  id: string;
  weight: bigint;
  tally: TallyResult;
  eligibleUnits: bigint;
}

/**
 * Each chamber's own tally, then for/against normalised to the chamber's weight and added
 * (`combineChambers`): the combined scores are in units of 10^-18 of a weight unit, so the
 * AI DAO's 60/40 example reads 72 for / 28 against. Abstain is counted per chamber (quorum)
 * but takes no part in the weighting.
 */
export function chamberOutcome(proposal: Proposal): { chambers: ChamberResult[]; combined: TallyResult } {
  const chambers = (proposal.chambers ?? []).map((chamber) => ({
    id: chamber.id,
    weight: chamber.weight,
    tally: liveChamberTally(proposal, chamber.id),
    eligibleUnits: chamber.eligibleUnits,
  }));
  const combined = combineChambers(chambers.map((chamber) => ({ weight: chamber.weight, scores: chamber.tally.scores.slice(0, 2) })));
  const [forUnits = 0n, againstUnits = 0n] = combined.scores;
  const total = forUnits + againstUnits;
  return {
    chambers,
    combined: {
      type: 'basic',
      scores: [forUnits, againstUnits, 0n],
      total,
      winner: total === 0n ? null : forUnits > againstUnits ? 1 : againstUnits > forUnits ? 2 : null,
      invalid: [],
    },
  };
}

/** Quorum from the running sums: in a chambered vote every chamber on its own eligible power. */
export function quorumMet(proposal: Proposal, category: Category): boolean {
  const parts = proposal.chambers ?? [{ quorumUnits: proposal.quorumUnits, eligibleUnits: proposal.eligibleUnits ?? 0n }];
  return parts.every((part) => part.quorumUnits > 0n && part.quorumUnits * ppmWhole >= category.quorumPpm * part.eligibleUnits);
}

/** Succeeded or defeated (with why) from the ballots, once voting has ended. */
export function decide(proposal: Proposal, category: Category, result: TallyResult): { succeeded: boolean; reason?: DefeatReason } {
  if (!quorumMet(proposal, category)) return { succeeded: false, reason: 'quorum_not_met' };
  if (proposal.ballotType !== 'basic') return result.winner === null ? { succeeded: false, reason: 'no_winner' } : { succeeded: true };
  const [forUnits = 0n, againstUnits = 0n] = result.scores;
  const support = proposal.supportPpm ?? category.supportPpm;
  // Support must exceed the threshold: at 50 %, a tie does not pass.
  const passes = forUnits > 0n && forUnits * ppmWhole > support * (forUnits + againstUnits);
  return passes ? { succeeded: true } : { succeeded: false, reason: 'threshold_not_met' };
}

/**
 * A proposal's state is a pure function of its record and the time: recorded transitions
 * (submitted, voting started, executed, vetoed ...) plus what the clock says about the
 * periods in between.
 */
export function proposalView(proposal: Proposal, category: Category, nowMs: number): ProposalView {
  switch (proposal.status) {
    case 'draft':
    case 'cancelled':
      return { status: proposal.status };
    case 'discussion':
      return { status: 'discussion' };
    case 'executed':
    case 'failed':
    case 'vetoed':
      return { status: proposal.status, ...(proposal.secret ? {} : { tally: proposalTally(proposal) }) };
    case 'voting':
      return votingView(proposal, category, nowMs);
  }
}

function votingView(proposal: Proposal, category: Category, nowMs: number): ProposalView {
  const end = effectiveEndMs(proposal, category) ?? nowMs;
  if (nowMs < end)
    return { status: 'voting', votingEndsMs: end, ...(proposal.secret ? {} : { tally: proposalTally(proposal) }), quorumMet: quorumMet(proposal, category) };
  const result = proposalTally(proposal);
  const decision = decide(proposal, category, result);
  const base = { votingEndsMs: end, tally: result, quorumMet: quorumMet(proposal, category) };
  if (!decision.succeeded) return { status: 'defeated', ...(decision.reason ? { reason: decision.reason } : {}), ...base };
  const executableFromMs = end + category.timelockSeconds * 1000;
  const expiresMs = executableFromMs + category.gracePeriodSeconds * 1000;
  if (nowMs >= expiresMs) return { status: 'expired', executableFromMs, expiresMs, ...base };
  // Nothing to execute (a signalling vote, a non-basic ballot): it simply succeeded.
  if (proposal.actions.length === 0) return { status: 'succeeded', ...base };
  return { status: 'queued', executableFromMs, expiresMs, ...base };
}

/**
 * Whether the vote is already decided (optional per category, basic ballots): counting only
 * voters' own power as firm (a delegator may still vote and take theirs back), the power not
 * yet cast could no longer change the outcome.
 */
export function decidedEarly(proposal: Proposal, category: Category): boolean {
  if (!category.earlyDecision || proposal.ballotType !== 'basic') return false;
  if (proposal.chambers) return chambersDecidedEarly(proposal.chambers, category.quorumPpm, proposal.supportPpm ?? category.supportPpm);
  const eligible = proposal.eligibleUnits ?? 0n;
  const remaining = eligible - proposal.ownTotalUnits;
  const [forUnits = 0n, againstUnits = 0n] = proposal.ownByChoiceUnits;
  const support = proposal.supportPpm ?? category.supportPpm;
  const firmQuorum = proposal.ownTotalUnits * ppmWhole >= category.quorumPpm * eligible;
  const passesWhatever = firmQuorum && forUnits > 0n && forUnits * ppmWhole > support * (forUnits + againstUnits + remaining);
  const failsWhatever = (forUnits + remaining) * ppmWhole <= support * (forUnits + remaining + againstUnits);
  return passesWhatever || failsWhatever;
}

/** One chamber in a what-if: its weight, the for power and the for + against power. */
interface ChamberCase {
  weight: bigint;
  forUnits: bigint;
  castUnits: bigint;
}

/**
 * The chambered form: the worst case for passing is every chamber's uncast power voting
 * against, the best case voting for (each chamber's for share f / (f + a) only falls with
 * more against and rises with more for, so no mix of the two does better or worse). The
 * combined result is an apportioned integer (chamberOutcome), within one unit of 10^-18 of a
 * weight unit per chamber of the exact share, so each case must clear the support threshold
 * by more than that rounding can move it.
 */
function chambersDecidedEarly(chambers: readonly ChamberTotals[], quorumPpm: bigint, supportPpm: bigint): boolean {
  const firmQuorum = chambers.every((chamber) => chamber.ownTotalUnits > 0n && chamber.ownTotalUnits * ppmWhole >= quorumPpm * chamber.eligibleUnits);
  const cases = (uncastFor: boolean): ChamberCase[] =>
    chambers.map((chamber) => {
      const [forUnits = 0n, againstUnits = 0n] = chamber.ownByChoiceUnits;
      const uncast = chamber.eligibleUnits - chamber.ownTotalUnits;
      return { weight: chamber.weight, forUnits: uncastFor ? forUnits + uncast : forUnits, castUnits: forUnits + againstUnits + uncast };
    });
  const worst = shareBounds(cases(false), BigInt(chambers.length));
  const best = shareBounds(cases(true), BigInt(chambers.length));
  const passesWhatever = firmQuorum && worst !== undefined && worst.low.numerator * ppmWhole > supportPpm * worst.low.denominator;
  const failsWhatever = best !== undefined && best.high.numerator * ppmWhole <= supportPpm * best.high.denominator;
  return passesWhatever || failsWhatever;
}

interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

/**
 * Bounds on the combined for share sum(w f / c) / sum(w) over the chambers that count (c > 0,
 * w > 0), widened by the apportioning's rounding: `count` units of 10^-18 of the smallest weight
 * counted. Undefined when no chamber counts.
 */
function shareBounds(cases: readonly ChamberCase[], count: bigint): { low: Fraction; high: Fraction } | undefined {
  const counted = cases.filter((entry) => entry.castUnits > 0n && entry.weight > 0n);
  if (counted.length === 0) return undefined;
  const common = counted.reduce((product, entry) => product * entry.castUnits, 1n);
  const weights = counted.reduce((sum, entry) => sum + entry.weight, 0n);
  const smallest = counted.reduce((least, entry) => (entry.weight < least ? entry.weight : least), weights);
  // share = forScaled / (common * weights * scale); rounding moves it by at most count / (smallest * scale).
  const forScaled = counted.reduce((sum, entry) => sum + entry.weight * entry.forUnits * chamberScale * (common / entry.castUnits), 0n);
  const denominator = common * weights * chamberScale * smallest;
  const slack = count * common * weights;
  return {
    low: { numerator: forScaled * smallest - slack, denominator },
    high: { numerator: forScaled * smallest + slack, denominator },
  };
}
