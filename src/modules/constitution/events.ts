import type { EventStamp } from '../../ledger/events.ts';
import type { TreasuryBurned, TreasurySpent } from '../treasury/index.ts';
import { outflowPeriodSecondsMax, outflowsKeptMax } from './limits.ts';
import { type ConstitutionState, copyRule, type Rule } from './state.ts';

/** The whole rule list replaced. Rules carry `...Units`/`...Ppm` bigints, which the log restores. */
export interface ConstitutionRulesSet {
  type: 'constitution_rules_set';
  version: number;
  rules: Rule[];
}

export type ConstitutionEvent = ConstitutionRulesSet;

/** The module follows the treasury's outflows: rolling_outflow rules count them per fund. */
export const constitutionEventTypes: ReadonlySet<string> = new Set<string>(['constitution_rules_set', 'treasury_spent', 'treasury_burned']);

export function evolveConstitution(state: ConstitutionState, event: ConstitutionEvent | TreasurySpent | TreasuryBurned, stamp: EventStamp): void {
  switch (event.type) {
    case 'constitution_rules_set':
      state.rules = event.rules.map(copyRule);
      state.version = event.version;
      state.amendedSeq = stamp.seq;
      state.amendedMs = stamp.timeMs;
      return;
    case 'treasury_spent':
    case 'treasury_burned':
      recordOutflow(state, event.fundId, event.amountUnits, stamp.timeMs);
      return;
  }
}

/**
 * Keeps a fund's outflows for the longest window a rule may have, pruning older ones. Past
 * `outflowsKeptMax` entries the two oldest merge, stamped with the later time: a window then
 * counts that amount a little longer, never shorter, so no limit can be exceeded through it.
 */
function recordOutflow(state: ConstitutionState, fundId: string, amountUnits: bigint, timeMs: number): void {
  const windowStartMs = timeMs - outflowPeriodSecondsMax * 1000;
  const kept = (state.outflows.get(fundId) ?? []).filter((outflow) => outflow.timeMs > windowStartMs);
  kept.push({ timeMs, amountUnits });
  while (kept.length > outflowsKeptMax) {
    const [oldest, next] = kept;
    if (oldest === undefined || next === undefined) break;
    kept.splice(0, 2, { timeMs: next.timeMs, amountUnits: oldest.amountUnits + next.amountUnits });
  }
  state.outflows.set(fundId, kept);
}
