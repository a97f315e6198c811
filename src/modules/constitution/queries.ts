/** Pure reads over the constitution state. */
import { spentInWindowUnits } from '../treasury/index.ts';
import { type ConstitutionState, copyRule, type Rule } from './state.ts';

/** The rules in force, in order, as copies. */
export function constitutionRules(state: ConstitutionState): Rule[] {
  return state.rules.map(copyRule);
}

export function constitutionRule(state: ConstitutionState, ruleId: string): Rule | undefined {
  const rule = state.rules.find((candidate) => candidate.id === ruleId);
  return rule && copyRule(rule);
}

/** How many times the rules were set (0: never), and when last. */
export function constitutionVersion(state: ConstitutionState): { version: number; amendedMs?: number | undefined } {
  return { version: state.version, amendedMs: state.amendedMs };
}

/** Who may sit on a committee, when the constitution says: the committees module asks this. */
export function committeeRule(state: ConstitutionState, committeeId: string): { requiresIdentity: boolean; minStakeUnits: bigint } | undefined {
  for (const rule of state.rules) {
    if (rule.kind === 'committee_eligibility' && rule.committeeId === committeeId)
      return { requiresIdentity: rule.requiresIdentity, minStakeUnits: rule.minStakeUnits };
  }
  return undefined;
}

/** What a fund paid out (spends and burns) in the `periodSeconds` up to `atMs`: (atMs - period, atMs]. */
export function outflowInWindowUnits(state: ConstitutionState, fundId: string, periodSeconds: number, atMs: number): bigint {
  const recentSpends = state.outflows.get(fundId) ?? [];
  return spentInWindowUnits({ spendingLimit: { amountUnits: 0n, periodSeconds }, recentSpends }, atMs);
}
