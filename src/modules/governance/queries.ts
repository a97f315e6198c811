import type { EngineState } from '../../engine/state.ts';
import { effectiveEndMs, type ProposalView, proposalView } from './outcome.ts';
import type { GovernanceState, Proposal } from './state.ts';

export function proposals(state: GovernanceState): Proposal[] {
  return [...state.proposals.values()];
}

export function proposal(state: GovernanceState, id: string): Proposal | undefined {
  return state.proposals.get(id);
}

/** The proposal's state now (a pure function of its record and the time), with its tally unless secret and open. */
export function proposalStatus(engine: EngineState, id: string, nowMs: number): ProposalView | undefined {
  const found = engine.modules.governance.proposals.get(id);
  const category = found && engine.modules.governance.categories.get(found.category);
  return found && category ? proposalView(found, category, nowMs) : undefined;
}

/**
 * Whether a proposal's ballots are hidden now: a secret ballot while voting is open. Its
 * ballots, its tally and the log records that carry them are shown once voting closes.
 * O(1): the log route asks for every ballot record of a page, so this must not tally (it asks
 * only what `proposalView` calls voting: recorded as voting, before the effective end).
 */
export function ballotsHidden(engine: EngineState, id: string, nowMs: number): boolean {
  const found = engine.modules.governance.proposals.get(id);
  if (!found?.secret || found.status !== 'voting') return false;
  const category = engine.modules.governance.categories.get(found.category);
  const end = category && effectiveEndMs(found, category);
  return end !== undefined && nowMs < end;
}

/** Proposals the keeper should move on: discussion over (start voting), or queued with the timelock over and auto-execution on. */
export function dueProposals(engine: EngineState, nowMs: number): { startVoting: string[]; execute: string[] } {
  const startVoting: string[] = [];
  const execute: string[] = [];
  for (const item of engine.modules.governance.proposals.values()) {
    if (item.status === 'discussion' && nowMs >= (item.discussionEndsMs ?? Number.POSITIVE_INFINITY)) startVoting.push(item.id);
    if (item.status !== 'voting') continue;
    const category = engine.modules.governance.categories.get(item.category);
    if (!category?.autoExecute) continue;
    // The keeper asks every second: tally (O(ballots)) only once the timelock can be over.
    const end = effectiveEndMs(item, category);
    if (end === undefined || nowMs < end + category.timelockSeconds * 1000) continue;
    const view = proposalView(item, category, nowMs);
    if (view.status === 'queued' && nowMs >= (view.executableFromMs ?? Number.POSITIVE_INFINITY)) execute.push(item.id);
  }
  return { startVoting, execute };
}
