import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, type DomainEvent, type Rejected, rejected } from '../../../engine/types.ts';
import { formatAmount } from '../../../kernel/amount.ts';
import { ppmWhole } from '../../../kernel/rates.ts';
import { governanceDecimals } from '../../economy/index.ts';
import { delegatedPowerAt, delegationsAt, ownPowerAt, type Snapshot } from '../../power/index.ts';
import { validateBallot, validateChoice } from '../../voting/index.ts';
import { type BallotCast, countsForQuorum, type QuorumReached, type VotingEndedEarly } from '../events.ts';
import { ballotClockSkewMsMax } from '../limits.ts';
import { decidedEarly, effectiveEndMs } from '../outcome.ts';
import { categoryOf, findProposal } from '../rules.ts';
import { VoteSchema } from '../schema.ts';
import type { Category, Proposal } from '../state.ts';
import { toPowerStrategy } from '../strategy.ts';

export type VotePayload = Static<typeof VoteSchema>;

/**
 * A signed ballot. Power is the voter's own at the snapshot plus what delegators (by the
 * delegations in force then) left to them, less what any delegator took back by voting
 * directly. Rejections in order: proposal_not_found, signature_required, voting_not_started,
 * voting_closed, power_reference_mismatch, ballot_time_invalid, ballot_replayed,
 * already_voted, choice_invalid, no_voting_power.
 */
export const vote: CommandDefinition<EngineState, VotePayload, { proposal: string; power: string }> = {
  type: 'governance.vote',
  schema: VoteSchema,
  apply(state, payload, ctx) {
    const proposal = findProposal(state, payload.proposal);
    if ('code' in proposal) return proposal;
    const category = categoryOf(state, proposal);
    const problem = checkBallot(proposal, category, payload, ctx);
    if (problem) return problem;
    const snapshot = proposal.snapshot as Snapshot;
    const strategy = toPowerStrategy(category.strategy);
    if (category.chambers) return chamberBallot(state, proposal, category, payload, ctx);
    const previous = proposal.ballots.get(ctx.actorId);
    // A view, not a copy: copying every voter into a set would make each ballot O(ballots).
    const directVoters = { has: (id: string) => id === ctx.actorId || proposal.ballots.has(id) };
    const ownUnits = ownPowerAt(state, ctx.actorId, snapshot, strategy);
    const delegated = delegatedPowerAt(state, { delegateId: ctx.actorId, at: snapshot, strategy, category: category.id, directVoters });
    if (ownUnits + delegated === 0n) return rejected('no_voting_power', `${ctx.actorId} had no voting power at the snapshot (seq ${snapshot.seq})`);
    // With the power known, the ballot as a whole (quadratic credits may not exceed it).
    const invalid = validateBallot(proposal.ballotType, { voter: ctx.actorId, power: ownUnits + delegated, choice: payload.choice }, proposal.choices.length);
    if (invalid) return rejected('choice_invalid', `the ballot is not valid for its power: ${invalid}`);
    const ballot: BallotCast = {
      type: 'ballot_cast',
      proposalId: proposal.id,
      voter: ctx.actorId,
      choice: payload.choice,
      castAtMs: payload.castAtMs,
      ownUnits,
      powerUnits: ownUnits + delegated,
      adjustments: previous ? [] : takeBack(state, proposal, { voter: ctx.actorId, ownUnits, snapshot, category: category.id }),
    };
    const events: DomainEvent[] = [ballot, ...afterBallot(proposal, category, ballot, ctx)];
    return accepted(events, { proposal: proposal.id, power: formatAmount(ownUnits + delegated, governanceDecimals(state)) });
  },
};

/**
 * A ballot in a chambered vote counts the voter's own power in each chamber (by that
 * chamber's strategy); delegation does not apply across chambers.
 */
function chamberBallot(state: EngineState, proposal: Proposal, category: Category, payload: VotePayload, ctx: CommandContext) {
  const snapshot = proposal.snapshot as Snapshot;
  const chamberPowers = (category.chambers ?? []).map((chamber) => ({
    chamber: chamber.id,
    powerUnits: ownPowerAt(state, ctx.actorId, snapshot, toPowerStrategy(chamber.strategy)),
  }));
  const total = chamberPowers.reduce((sum, entry) => sum + entry.powerUnits, 0n);
  if (total === 0n) return rejected('no_voting_power', `${ctx.actorId} had no voting power in any chamber at the snapshot (seq ${snapshot.seq})`);
  const ballot: BallotCast = {
    type: 'ballot_cast',
    proposalId: proposal.id,
    voter: ctx.actorId,
    choice: payload.choice,
    castAtMs: payload.castAtMs,
    ownUnits: total,
    powerUnits: total,
    adjustments: [],
    chamberPowers,
  };
  return accepted([ballot], { proposal: proposal.id, power: formatAmount(total, governanceDecimals(state)) });
}

function checkBallot(proposal: Proposal, category: Category, payload: VotePayload, ctx: CommandContext): Rejected | undefined {
  if (!ctx.signed) return rejected('signature_required', 'a ballot must be signed with the voter\u2019s key');
  if (proposal.status !== 'voting' || proposal.snapshot === undefined) return rejected('voting_not_started', `proposal ${proposal.id} is ${proposal.status}`);
  if (ctx.timeMs >= (effectiveEndMs(proposal, category) ?? 0)) return rejected('voting_closed', `voting on ${proposal.id} has ended`);
  if (payload.snapshotSeq !== proposal.snapshot.seq)
    return rejected('power_reference_mismatch', `the snapshot of ${proposal.id} is seq ${proposal.snapshot.seq}`);
  if (Math.abs(payload.castAtMs - ctx.timeMs) > ballotClockSkewMsMax)
    return rejected('ballot_time_invalid', 'the ballot\u2019s time is too far from the server\u2019s clock');
  const previous = proposal.ballots.get(ctx.actorId);
  if (previous && payload.castAtMs <= previous.castAtMs) return rejected('ballot_replayed', 'a new ballot must carry a later time than the one it replaces');
  if (previous && !category.voteChanging) return rejected('already_voted', `${ctx.actorId} has voted on ${proposal.id}`);
  const invalid = validateChoice(proposal.ballotType, payload.choice, proposal.choices.length);
  if (invalid) return rejected('choice_invalid', `choice is not valid for a ${proposal.ballotType} ballot over ${proposal.choices.length} choices: ${invalid}`);
  return undefined;
}

/** A delegator voting directly takes their share back from each delegate who already voted. */
function takeBack(
  state: EngineState,
  proposal: Proposal,
  input: { voter: string; ownUnits: bigint; snapshot: Snapshot; category: string },
): BallotCast['adjustments'] {
  const adjustments: BallotCast['adjustments'] = [];
  for (const { delegateId, ppm } of delegationsAt(state.modules.power, input.voter, input.snapshot, input.category)) {
    const ballot = proposal.ballots.get(delegateId);
    if (!ballot) continue;
    adjustments.push({ voter: delegateId, powerUnits: ballot.powerUnits - (input.ownUnits * ppm) / ppmWhole });
  }
  return adjustments;
}

/** Quorum first reached (for the late-quorum rule) and an early decision, as events. */
function afterBallot(proposal: Proposal, category: Category, ballot: BallotCast, ctx: CommandContext): DomainEvent[] {
  const events: DomainEvent[] = [];
  const after = projectBallot(proposal, ballot);
  if (proposal.quorumReachedMs === undefined && after.quorumUnits > 0n && after.quorumUnits * ppmWhole >= category.quorumPpm * (proposal.eligibleUnits ?? 0n)) {
    const reached: QuorumReached = { type: 'quorum_reached', proposalId: proposal.id, atMs: ctx.timeMs };
    events.push(reached);
  }
  if (decidedEarly(after, category)) {
    const ended: VotingEndedEarly = { type: 'voting_ended_early', proposalId: proposal.id, atMs: ctx.timeMs };
    events.push(ended);
  }
  return events;
}

/** The running sums as they will be once the ballot is recorded (evolve keeps them the same way). */
function projectBallot(proposal: Proposal, ballot: BallotCast): Proposal {
  const previous = proposal.ballots.get(ballot.voter);
  const counts = (choice: unknown) => countsForQuorum(choice, proposal.quorumChoices);
  let quorumUnits = proposal.quorumUnits + (counts(ballot.choice) ? ballot.powerUnits : 0n) - (previous && counts(previous.choice) ? previous.powerUnits : 0n);
  for (const adjustment of ballot.adjustments) {
    const adjusted = proposal.ballots.get(adjustment.voter);
    if (adjusted && counts(adjusted.choice)) quorumUnits += adjustment.powerUnits - adjusted.powerUnits;
  }
  const ownByChoiceUnits = [...proposal.ownByChoiceUnits];
  if (proposal.ballotType === 'basic') {
    if (previous && typeof previous.choice === 'number')
      ownByChoiceUnits[previous.choice - 1] = (ownByChoiceUnits[previous.choice - 1] ?? 0n) - previous.ownUnits;
    if (typeof ballot.choice === 'number') ownByChoiceUnits[ballot.choice - 1] = (ownByChoiceUnits[ballot.choice - 1] ?? 0n) + ballot.ownUnits;
  }
  const ownTotalUnits = proposal.ownTotalUnits + ballot.ownUnits - (previous?.ownUnits ?? 0n);
  return { ...proposal, quorumUnits, ownByChoiceUnits, ownTotalUnits };
}
