import type { Static } from '@sinclair/typebox';
import { can, systemActorId } from '../../../access/state.ts';
import { findCommand } from '../../../engine/registry.ts';
import { type EngineState, evolve } from '../../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, type DomainEvent, rejected } from '../../../engine/types.ts';
import { divCeil } from '../../../kernel/amount.ts';
import { overlayOf } from '../../../kernel/overlay.ts';
import { ppmWhole } from '../../../kernel/rates.ts';
import { stateWriter } from '../../../ledger/draft.ts';
import { holdsRole } from '../../committees/index.ts';
import type { ProposalExecuted, ProposalFailed, ProposalVetoed } from '../events.ts';
import { proposalView } from '../outcome.ts';
import { categoryOf, constitutionRejection, findProposal, proposalFacts } from '../rules.ts';
import { ProposalRefSchema, VetoSchema } from '../schema.ts';
import type { Proposal } from '../state.ts';

/**
 * Runs a queued proposal's actions in order, all or none: each action is its command's own
 * `apply`, as the DAO (the system actor), on a scratch copy of the state that the earlier
 * actions' events have evolved, so action 2 sees action 1. If any action is refused, or the
 * constitution objects now, nothing of the actions is kept: the proposal is recorded as
 * failed, with the action and the reason. Anyone may execute once the timelock is over (the
 * keeper does when the category says so).
 */
export const executeProposal: CommandDefinition<EngineState, Static<typeof ProposalRefSchema>, { id: string; status: string; failure?: string }> = {
  type: 'governance.execute',
  schema: ProposalRefSchema,
  apply(state, payload, ctx) {
    const proposal = findProposal(state, payload.proposal);
    if ('code' in proposal) return proposal;
    const view = proposalView(proposal, categoryOf(state, proposal), ctx.timeMs);
    if (view.status !== 'queued') return rejected('proposal_not_queued', `proposal ${proposal.id} is ${view.status}${view.reason ? ` (${view.reason})` : ''}`);
    if (ctx.timeMs < (view.executableFromMs ?? 0))
      return rejected('timelock_pending', `proposal ${proposal.id} may be executed from ${new Date(view.executableFromMs ?? 0).toISOString()}`);
    const [forUnits = 0n, againstUnits = 0n] = view.tally?.scores ?? [];
    // Rounded up: the decision already compared the exact fraction with every required support.
    const supportPpm = forUnits + againstUnits === 0n ? 0n : divCeil(forUnits * ppmWhole, forUnits + againstUnits);
    const violation = constitutionRejection(state, proposalFacts(proposal, ctx.timeMs, { supportPpm }), 'execute');
    if (violation)
      return accepted([failed(proposal, -1, violation.code, violation.message)], { id: proposal.id, status: 'failed', failure: violation.message });
    const run = runActions(state, proposal, ctx);
    if ('failure' in run) return accepted([run.failure], { id: proposal.id, status: 'failed', failure: run.failure.message });
    const done: ProposalExecuted = { type: 'proposal_executed', proposalId: proposal.id };
    return accepted([...run.events, done], { id: proposal.id, status: 'executed' });
  },
};

function runActions(state: EngineState, proposal: Proposal, ctx: CommandContext): { events: DomainEvent[] } | { failure: ProposalFailed } {
  // A copy-on-write view: the actions' events evolve it, the committed state stays untouched
  // until the engine evolves the events this command returns, and the cost is what the actions
  // touch (a deep copy of a state with a million transfers took 21 s). The ledger writer is
  // closures over a ledger, so the view gets its own over the view's ledger.
  const scratch = overlayOf(state);
  scratch.ledgerWriter = stateWriter(scratch.ledger);
  const asDao: CommandContext = { seq: ctx.seq, timeMs: ctx.timeMs, daoId: ctx.daoId, actorId: systemActorId };
  const events: DomainEvent[] = [];
  for (const [index, action] of proposal.actions.entries()) {
    const outcome = findCommand(action.type).apply(scratch, action.payload as never, asDao);
    if (!outcome.ok) return { failure: failed(proposal, index, outcome.code, `action ${index + 1} (${action.type}): ${outcome.message}`) };
    for (const event of outcome.events) evolve(scratch, event, asDao);
    events.push(...outcome.events);
  }
  return { events };
}

function failed(proposal: Proposal, actionIndex: number, code: string, message: string): ProposalFailed {
  return { type: 'proposal_failed', proposalId: proposal.id, actionIndex, code, message };
}

/** The guardian (a committee holding the role, or the `governance.veto` grant) stops a queued proposal during its timelock. */
export const vetoProposal: CommandDefinition<EngineState, Static<typeof VetoSchema>, { id: string; status: string }> = {
  type: 'governance.veto',
  schema: VetoSchema,
  apply(state, payload, ctx) {
    const proposal = findProposal(state, payload.proposal);
    if ('code' in proposal) return proposal;
    const guardian = holdsRole(state.modules.committees, ctx.actorId, 'guardian', ctx.timeMs);
    if (!guardian && !canVeto(state, ctx)) return rejected('not_authorized', `${ctx.actorId} is not a guardian`);
    const view = proposalView(proposal, categoryOf(state, proposal), ctx.timeMs);
    if (view.status !== 'queued' || ctx.timeMs >= (view.executableFromMs ?? 0))
      return rejected('not_in_timelock', `proposal ${proposal.id} is not in its timelock (${view.status})`);
    const event: ProposalVetoed = { type: 'proposal_vetoed', proposalId: proposal.id, by: ctx.actorId, reason: payload.reason };
    return accepted([event], { id: proposal.id, status: 'vetoed' });
  },
};

function canVeto(state: EngineState, ctx: CommandContext): boolean {
  return can(state.access, ctx.actorId, 'governance.veto', ['governance']);
}
