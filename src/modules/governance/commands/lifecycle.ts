import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import type { ProposalAmended, ProposalCancelled, ProposalCommented, ProposalSubmitted } from '../events.ts';
import { commentsPerProposalMax, revisionsMax } from '../limits.ts';
import { categoryOf, checkActions, constitutionRejection, findOwnProposal, findProposal, proposalFacts } from '../rules.ts';
import { AmendProposalSchema, CommentSchema, ProposalRefSchema } from '../schema.ts';

type Ref = Static<typeof ProposalRefSchema>;

/** draft -> discussion: the discussion period starts now. */
export const submitProposal: CommandDefinition<EngineState, Ref, { id: string; discussionEndsMs: number }> = {
  type: 'governance.submit',
  schema: ProposalRefSchema,
  apply(state, payload, ctx) {
    const proposal = findOwnProposal(state, payload.proposal, ctx);
    if ('code' in proposal) return proposal;
    if (proposal.status !== 'draft') return rejected('proposal_not_draft', `proposal ${proposal.id} is ${proposal.status}, not a draft`);
    const discussionEndsMs = ctx.timeMs + categoryOf(state, proposal).discussionSeconds * 1000;
    const event: ProposalSubmitted = { type: 'proposal_submitted', proposalId: proposal.id, discussionEndsMs };
    return accepted([event], { id: proposal.id, discussionEndsMs });
  },
};

/** The proposer amends before voting starts: a numbered revision, actions checked again. */
export const amendProposal: CommandDefinition<EngineState, Static<typeof AmendProposalSchema>, { id: string; revision: number }> = {
  type: 'governance.amend',
  schema: AmendProposalSchema,
  apply(state, payload, ctx) {
    const proposal = findOwnProposal(state, payload.proposal, ctx);
    if ('code' in proposal) return proposal;
    if (proposal.status !== 'draft' && proposal.status !== 'discussion')
      return rejected('proposal_locked', `proposal ${proposal.id} can no longer be amended (${proposal.status})`);
    if (proposal.revisions.length >= revisionsMax) return rejected('too_many_revisions', `at most ${revisionsMax} revisions`);
    const actions = payload.actions ?? proposal.actions;
    const actionProblem = checkActions(categoryOf(state, proposal), actions, proposal.ballotType);
    if (actionProblem) return actionProblem;
    const violation = constitutionRejection(state, proposalFacts({ ...proposal, actions }, ctx.timeMs), 'create');
    if (violation) return violation;
    const event: ProposalAmended = { type: 'proposal_amended', proposalId: proposal.id, title: payload.title, body: payload.body, actions };
    return accepted([event], { id: proposal.id, revision: proposal.revisions.length + 1 });
  },
};

/** Anyone comments, threaded by `parent`, until voting ends. */
export const commentProposal: CommandDefinition<EngineState, Static<typeof CommentSchema>, { id: string }> = {
  type: 'governance.comment',
  schema: CommentSchema,
  apply(state, payload, ctx) {
    const proposal = findProposal(state, payload.proposal);
    if ('code' in proposal) return proposal;
    if (!['draft', 'discussion', 'voting'].includes(proposal.status)) return rejected('proposal_closed', `proposal ${proposal.id} is ${proposal.status}`);
    if (proposal.comments.length >= commentsPerProposalMax) return rejected('too_many_comments', `at most ${commentsPerProposalMax} comments`);
    if (proposal.comments.some((comment) => comment.id === payload.id)) return rejected('comment_exists', `comment ${payload.id} exists`);
    if (payload.parent !== undefined && !proposal.comments.some((comment) => comment.id === payload.parent)) {
      return rejected('comment_not_found', `no comment ${payload.parent} to answer`);
    }
    const comment = {
      id: payload.id,
      authorId: ctx.actorId,
      text: payload.text,
      atMs: ctx.timeMs,
      ...(payload.parent === undefined ? {} : { parentId: payload.parent }),
    };
    const event: ProposalCommented = { type: 'proposal_commented', proposalId: proposal.id, comment };
    return accepted([event], { id: payload.id });
  },
};

/** The proposer withdraws before voting starts. */
export const cancelProposal: CommandDefinition<EngineState, Ref, { id: string; status: string }> = {
  type: 'governance.cancel',
  schema: ProposalRefSchema,
  apply(state, payload, ctx) {
    const proposal = findOwnProposal(state, payload.proposal, ctx);
    if ('code' in proposal) return proposal;
    if (proposal.status !== 'draft' && proposal.status !== 'discussion')
      return rejected('proposal_locked', `proposal ${proposal.id} is ${proposal.status}: too late to cancel`);
    const event: ProposalCancelled = { type: 'proposal_cancelled', proposalId: proposal.id };
    return accepted([event], { id: proposal.id, status: 'cancelled' });
  },
};
