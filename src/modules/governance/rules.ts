import { can } from '../../access/state.ts';
import { validatePayload } from '../../engine/registry.ts';
import type { EngineState } from '../../engine/state.ts';
import { type CommandContext, type Rejected, rejected } from '../../engine/types.ts';
import { isPolityError } from '../../kernel/errors.ts';
import { checkConstitution, type ProposalFacts } from '../constitution/index.ts';
import { actionsPerProposalMax } from './limits.ts';
import type { Category, Proposal, ProposalAction } from './state.ts';

/** What a proposal may do: commands of the engine, each checked against its own schema. */
export const proposalActionTypes: readonly string[] = [
  'treasury.spend',
  'treasury.burn',
  'access.grant',
  'access.revoke',
  'identity.issue',
  'identity.revoke',
  'vesting.attest',
  'burns.milestone',
  'staking.stake',
  'staking.unstake',
  'constitution.set_rules',
  'multisig.set_signers',
  'governance.set_category',
  'committees.create',
  'committees.assign_role',
];

export function findProposal(state: EngineState, id: string): Proposal | Rejected {
  return state.modules.governance.proposals.get(id) ?? rejected('proposal_not_found', `no proposal ${id}`);
}

export function categoryOf(state: EngineState, proposal: Proposal): Category {
  const category = state.modules.governance.categories.get(proposal.category);
  if (!category) throw new Error(`proposal ${proposal.id} names a category that exists`);
  return category;
}

/** Bounded, allowed and well-formed: each action's payload passes its command's own schema. */
export function checkActions(category: Category, actions: readonly ProposalAction[], ballotType: string): Rejected | undefined {
  const max = Math.min(category.actionsMax, actionsPerProposalMax);
  if (actions.length > max) return rejected('too_many_actions', `category ${category.id} allows at most ${max} actions`);
  if (actions.length > 0 && ballotType !== 'basic') return rejected('actions_need_basic_ballot', 'only a for/against/abstain proposal can carry actions');
  for (const [index, action] of actions.entries()) {
    if (!proposalActionTypes.includes(action.type)) return rejected('action_not_allowed', `action ${index + 1}: ${action.type} is not a proposal action`);
    try {
      validatePayload(action.type, action.payload);
    } catch (error) {
      if (isPolityError(error)) return rejected('action_invalid', `action ${index + 1}: ${error.message}`);
      throw error;
    }
  }
  return undefined;
}

/** What the constitution checks; `decided` adds the voting period and the support the vote gave. */
export function proposalFacts(
  proposal: Pick<Proposal, 'proposerId' | 'category' | 'actions' | 'disclosure'>,
  atMs: number,
  decided: { votingSeconds?: number; supportPpm?: bigint } = {},
): ProposalFacts {
  const facts: ProposalFacts = { proposerId: proposal.proposerId, category: proposal.category, actions: proposal.actions, atMs };
  if (proposal.disclosure !== undefined) facts.disclosure = proposal.disclosure;
  if (decided.votingSeconds !== undefined) facts.votingSeconds = decided.votingSeconds;
  if (decided.supportPpm !== undefined) facts.supportPpm = decided.supportPpm;
  return facts;
}

/** The constitution's verdict as a rejection naming the rule. */
export function constitutionRejection(state: EngineState, facts: ProposalFacts, phase: 'create' | 'decide' | 'execute'): Rejected | undefined {
  const violation = checkConstitution(state, facts, phase);
  return violation ? rejected(violation.code, violation.message) : undefined;
}

/** A proposal only its proposer may change (submit, amend, cancel). */
export function findOwnProposal(state: EngineState, id: string, ctx: CommandContext): Proposal | Rejected {
  const proposal = findProposal(state, id);
  if ('code' in proposal || proposal.proposerId === ctx.actorId) return proposal;
  return rejected('not_proposer', `only ${proposal.proposerId} may change proposal ${proposal.id}`);
}

export function canAdminister(state: EngineState, ctx: CommandContext, resource: string): boolean {
  return can(state.access, ctx.actorId, 'governance.admin', [resource]);
}
