import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, type DomainEvent, type Rejected, rejected } from '../../../engine/types.ts';
import { formatAmount } from '../../../kernel/amount.ts';
import { governanceDecimals } from '../../economy/index.ts';
import { delegatedPowerAt, delegatedSharesFrom, ownPowerAt, type Snapshot } from '../../power/index.ts';
import { validateBallot, validateChoice } from '../../voting/index.ts';
import { type BallotCast, type QuorumReached, sumsAfterBallot, type VotingEndedEarly } from '../events.ts';
import { ballotClockSkewMsMax } from '../limits.ts';
import { decidedEarly, effectiveEndMs, quorumMet } from '../outcome.ts';
import { categoryOf, findProposal } from '../rules.ts';
import { VoteSchema } from '../schema.ts';
import type { Category, ChamberPower, Proposal } from '../state.ts';
import { type StrategySpec, toPowerStrategy } from '../strategy.ts';

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
    const measured = category.chambers ? measureChambers(state, proposal, category, ctx.actorId) : measure(state, proposal, category, ctx.actorId);
    if (measured.powerUnits === 0n) return rejected('no_voting_power', `${ctx.actorId} had no voting power at the snapshot (seq ${proposal.snapshot?.seq})`);
    // With the power known, the ballot as a whole (quadratic credits may not exceed it).
    const invalid = validateBallot(proposal.ballotType, { voter: ctx.actorId, power: measured.powerUnits, choice: payload.choice }, proposal.choices.length);
    if (invalid) return rejected('choice_invalid', `the ballot is not valid for its power: ${invalid}`);
    const ballot: BallotCast = {
      type: 'ballot_cast',
      proposalId: proposal.id,
      voter: ctx.actorId,
      choice: payload.choice,
      castAtMs: payload.castAtMs,
      ownUnits: measured.ownUnits,
      powerUnits: measured.powerUnits,
      // Taken back once, by the first ballot: a changed vote keeps what the first one took.
      adjustments: proposal.ballots.has(ctx.actorId) ? [] : measured.takeBack,
    };
    if (measured.chamberPowers) ballot.chamberPowers = measured.chamberPowers;
    const events: DomainEvent[] = [ballot, ...afterBallot(proposal, category, ballot, ctx)];
    return accepted(events, { proposal: proposal.id, power: formatAmount(measured.powerUnits, governanceDecimals(state)) });
  },
};

interface Measured {
  ownUnits: bigint;
  powerUnits: bigint;
  takeBack: BallotCast['adjustments'];
  chamberPowers?: ChamberPower[];
}

/** Own power by one strategy, what delegators left to the voter, and what the voter takes back from delegates who voted. */
function measureBy(state: EngineState, proposal: Proposal, input: { voter: string; strategy: StrategySpec; category: string }) {
  const at = proposal.snapshot as Snapshot;
  const strategy = toPowerStrategy(input.strategy);
  // A view, not a copy: copying every voter into a set would make each ballot O(ballots).
  const directVoters = { has: (id: string) => id === input.voter || proposal.ballots.has(id) };
  const ownUnits = ownPowerAt(state, input.voter, at, strategy);
  const delegatedUnits = delegatedPowerAt(state, { delegateId: input.voter, at, strategy, category: input.category, directVoters });
  // Only a first ballot takes power back from delegates: a changed vote keeps what the first took.
  const shares = proposal.ballots.has(input.voter)
    ? []
    : delegatedSharesFrom(state, { delegatorId: input.voter, at, strategy, category: input.category, ownUnits });
  return { ownUnits, powerUnits: ownUnits + delegatedUnits, shares };
}

function measure(state: EngineState, proposal: Proposal, category: Category, voter: string): Measured {
  const { ownUnits, powerUnits, shares } = measureBy(state, proposal, { voter, strategy: category.strategy, category: category.id });
  const takeBack: Measured['takeBack'] = [];
  for (const share of shares) {
    const ballot = proposal.ballots.get(share.delegateId);
    if (ballot) takeBack.push({ voter: share.delegateId, powerUnits: ballot.powerUnits - share.units });
  }
  return { ownUnits, powerUnits, takeBack };
}

/**
 * In a chambered vote each chamber counts by its own strategy, delegation included: a
 * delegate carries, in each chamber, what the delegators' power in that chamber gives, and a
 * delegator who votes directly takes it back chamber by chamber.
 */
function measureChambers(state: EngineState, proposal: Proposal, category: Category, voter: string): Measured {
  const measured: Measured = { ownUnits: 0n, powerUnits: 0n, takeBack: [], chamberPowers: [] };
  for (const chamber of category.chambers ?? []) {
    const { ownUnits, powerUnits, shares } = measureBy(state, proposal, { voter, strategy: chamber.strategy, category: category.id });
    measured.ownUnits += ownUnits;
    measured.powerUnits += powerUnits;
    measured.chamberPowers?.push({ chamber: chamber.id, ownUnits, powerUnits });
    for (const share of shares) {
      const held = proposal.ballots.get(share.delegateId)?.chamberPowers?.find((entry) => entry.chamber === chamber.id);
      if (held) measured.takeBack.push({ voter: share.delegateId, powerUnits: held.powerUnits - share.units, chamber: chamber.id });
    }
  }
  return measured;
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

/** Quorum first reached (for the late-quorum rule) and an early decision, as events. */
function afterBallot(proposal: Proposal, category: Category, ballot: BallotCast, ctx: CommandContext): DomainEvent[] {
  const events: DomainEvent[] = [];
  const { sums, chambers } = sumsAfterBallot(proposal, ballot);
  const after: Proposal = { ...proposal, ...sums, chambers };
  if (proposal.quorumReachedMs === undefined && quorumMet(after, category)) {
    const reached: QuorumReached = { type: 'quorum_reached', proposalId: proposal.id, atMs: ctx.timeMs };
    events.push(reached);
  }
  if (decidedEarly(after, category)) {
    const ended: VotingEndedEarly = { type: 'voting_ended_early', proposalId: proposal.id, atMs: ctx.timeMs };
    events.push(ended);
  }
  return events;
}
