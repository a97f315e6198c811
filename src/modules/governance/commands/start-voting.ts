import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { requiredSupportPpm } from '../../constitution/index.ts';
import { eligiblePowerAt, powerStrategyProblem } from '../../power/index.ts';
import type { VotingStarted } from '../events.ts';
import { categoryOf, constitutionRejection, findProposal, proposalFacts } from '../rules.ts';
import { ProposalRefSchema } from '../schema.ts';
import type { Proposal } from '../state.ts';
import { toPowerStrategy } from '../strategy.ts';

/**
 * Once the discussion period is over anyone (the keeper, typically) starts the vote: the
 * snapshot is the state before this command, so power counts as it stood then and nothing done
 * later (a transfer, a delegation) moves it. The constitution may raise the support needed.
 */
export const startVoting: CommandDefinition<EngineState, Static<typeof ProposalRefSchema>, { id: string; snapshotSeq: number; votingEndsMs: number }> = {
  type: 'governance.start_voting',
  schema: ProposalRefSchema,
  apply(state, payload, ctx) {
    const proposal = findProposal(state, payload.proposal);
    if ('code' in proposal) return proposal;
    if (proposal.status !== 'discussion') return rejected('proposal_not_in_discussion', `proposal ${proposal.id} is ${proposal.status}`);
    if (ctx.timeMs < (proposal.discussionEndsMs ?? 0))
      return rejected('discussion_open', `the discussion of ${proposal.id} runs until ${new Date(proposal.discussionEndsMs ?? 0).toISOString()}`);
    const votingSeconds = categoryOf(state, proposal).votingSeconds;
    const violation = constitutionRejection(state, proposalFacts(proposal, ctx.timeMs, { votingSeconds }), 'decide');
    if (violation) return violation;
    const strategyProblem = powerStrategyProblem(state, toPowerStrategy(categoryOf(state, proposal).strategy), { seq: ctx.seq - 1, timeMs: ctx.timeMs });
    if (strategyProblem) return rejected(strategyProblem.code, `voting power: ${strategyProblem.message}`);
    const event = votingStartedEvent(state, proposal, ctx);
    return accepted([event], { id: proposal.id, snapshotSeq: event.snapshot.seq, votingEndsMs: event.votingEndsMs });
  },
};

function votingStartedEvent(state: EngineState, proposal: Proposal, ctx: CommandContext): VotingStarted {
  const category = categoryOf(state, proposal);
  const snapshot = { seq: ctx.seq - 1, timeMs: ctx.timeMs };
  const required = requiredSupportPpm(state, proposalFacts(proposal, ctx.timeMs));
  const supportPpm = required && required.ppm > category.supportPpm ? required.ppm : category.supportPpm;
  const event: VotingStarted = {
    type: 'voting_started',
    proposalId: proposal.id,
    snapshot,
    eligibleUnits: eligiblePowerAt(state, snapshot, toPowerStrategy(category.strategy)),
    votingEndsMs: ctx.timeMs + category.votingSeconds * 1000,
    supportPpm,
  };
  if (category.quorumChoices !== undefined) event.quorumChoices = category.quorumChoices;
  if (category.chambers) {
    event.chambers = category.chambers.map((chamber) => ({
      id: chamber.id,
      weight: chamber.weight,
      eligibleUnits: eligiblePowerAt(state, snapshot, toPowerStrategy(chamber.strategy)),
    }));
  }
  return event;
}
