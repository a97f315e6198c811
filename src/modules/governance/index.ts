/** The governance module: proposals, ballots, decisions, execution. The only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { createProposal } from './commands/create.ts';
import { executeProposal, vetoProposal } from './commands/execute.ts';
import { amendProposal, cancelProposal, commentProposal, submitProposal } from './commands/lifecycle.ts';
import { setCategory } from './commands/set-category.ts';
import { startVoting } from './commands/start-voting.ts';
import { vote } from './commands/vote.ts';
import { evolveGovernance, type GovernanceEvent, governanceEventTypes } from './events.ts';
import { createGovernanceState, type GovernanceState } from './state.ts';

export type { GovernanceEvent } from './events.ts';
export { type DefeatReason, effectiveEndMs, type ProposalStatus, type ProposalView, proposalTally, proposalView } from './outcome.ts';
export { ballotsHidden, dueProposals, proposal, proposalStatus, proposals } from './queries.ts';
export { proposalActionTypes } from './rules.ts';
export type { Category, GovernanceState, Proposal, ProposalAction, StoredBallot } from './state.ts';
export { type StrategySpec, toPowerStrategy } from './strategy.ts';

export const governanceModule: DomainModule<GovernanceState, GovernanceEvent> = {
  name: 'governance',
  createState: createGovernanceState,
  eventTypes: governanceEventTypes,
  evolve: evolveGovernance,
  commands: [setCategory, createProposal, amendProposal, commentProposal, submitProposal, cancelProposal, startVoting, vote, executeProposal, vetoProposal],
};
