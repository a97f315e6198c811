/** The income_reserve rules: what share of all income the treasury's rules guarantee a fund. */
import type { EngineState } from '../../engine/state.ts';
import { divFloor } from '../../kernel/amount.ts';
import { isPolityError } from '../../kernel/errors.ts';
import { percentToPpm, ppmWhole } from '../../kernel/rates.ts';
import { type IncomeShare, incomeRules, treasuryFund } from '../treasury/index.ts';
import type { IncomeReserveRule } from './state.ts';

/** Income split lists as the treasury applies them: the reserve first, then one list per payment. */
export interface SplitLists {
  reserve: readonly IncomeShare[];
  /** Every class list and the default list: a payment goes through exactly one of them. */
  lists: readonly (readonly IncomeShare[])[];
}

const shareOf = (shares: readonly IncomeShare[], fundId: string): bigint => shares.find((share) => share.fundId === fundId)?.ppm ?? 0n;

/**
 * The share of every income payment a fund is sure to receive, in ppm (rounded down): its
 * reserve share plus its smallest share in any list, applied to what the reserve leaves.
 * The AI DAO's "8 % of all income for education" is a reserve entry of 8 %.
 */
export function guaranteedSharePpm(split: SplitLists, fundId: string): bigint {
  const reserved = split.reserve.reduce((sum, share) => sum + share.ppm, 0n);
  const rest = ppmWhole - reserved;
  const smallest = split.lists.reduce<bigint | undefined>((low, list) => {
    const share = shareOf(list, fundId);
    return low === undefined || share < low ? share : low;
  }, undefined);
  return shareOf(split.reserve, fundId) + divFloor(rest * (smallest ?? 0n), ppmWhole);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A treasury.set_income_rules payload as split lists; undefined when the treasury would refuse its shape. */
export function splitListsOfPayload(payload: Record<string, unknown>): SplitLists | undefined {
  const parseList = (list: unknown): IncomeShare[] | undefined => {
    if (!Array.isArray(list)) return undefined;
    const shares: IncomeShare[] = [];
    for (const item of list) {
      if (!isRecord(item) || typeof item.fund !== 'string' || typeof item.percent !== 'string') return undefined;
      try {
        shares.push({ fundId: item.fund, ppm: percentToPpm(item.percent) });
      } catch (error) {
        if (isPolityError(error)) return undefined;
        throw error;
      }
    }
    return shares;
  };
  const reserve = parseList(payload.reserve);
  const fallback = parseList(payload.default);
  const classes = isRecord(payload.classes) ? Object.values(payload.classes).map(parseList) : undefined;
  if (!reserve || !fallback || !classes || classes.some((list) => list === undefined)) return undefined;
  return { reserve, lists: [...(classes as IncomeShare[][]), fallback] };
}

export interface IncomeReserveStatus {
  rule: string;
  fundId: string;
  assetId: string;
  requiredPpm: bigint;
  /** 0 while the asset has no income rules: nothing is reserved yet. */
  guaranteedPpm: bigint;
  satisfied: boolean;
}

/** Each income_reserve rule against the treasury's income rules in force, in rule order. */
export function incomeReserveStatus(engine: EngineState): IncomeReserveStatus[] {
  const rules = engine.modules.constitution.rules.filter((rule): rule is IncomeReserveRule => rule.kind === 'income_reserve');
  return rules.flatMap((rule) => {
    const fund = treasuryFund(engine.modules.treasury, rule.fundId);
    if (!fund) return [];
    const current = incomeRules(engine.modules.treasury, fund.assetId);
    const guaranteedPpm = current ? guaranteedSharePpm({ reserve: current.reserve, lists: [...current.classes.values(), current.default] }, fund.id) : 0n;
    return [
      { rule: rule.id, fundId: fund.id, assetId: fund.assetId, requiredPpm: rule.reservePpm, guaranteedPpm, satisfied: guaranteedPpm >= rule.reservePpm },
    ];
  });
}

/** Whether the income rules in force satisfy every income_reserve rule. */
export function reserveSatisfied(engine: EngineState): boolean {
  return incomeReserveStatus(engine).every((status) => status.satisfied);
}
