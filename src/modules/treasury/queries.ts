import type { IncomeRules, RecentSpend, SpendingLimit, TreasuryFund, TreasuryState } from './state.ts';

/** A fund as queries show it: copies, so a reader can never change the state. */
export interface TreasuryFundView {
  id: string;
  assetId: string;
  accountId: string;
  label?: string | undefined;
  spendingLimit?: SpendingLimit | undefined;
  /** Outflows of a limited fund still (or recently) inside its rolling window, oldest first. */
  recentSpends: RecentSpend[];
  incomeUnits: bigint;
  spentUnits: bigint;
  burnedUnits: bigint;
  createdSeq: number;
}

function view(fund: TreasuryFund): TreasuryFundView {
  return {
    id: fund.id,
    assetId: fund.assetId,
    accountId: fund.accountId,
    label: fund.label,
    spendingLimit: fund.spendingLimit && { ...fund.spendingLimit },
    recentSpends: fund.recentSpends.map((spend) => ({ ...spend })),
    incomeUnits: fund.incomeUnits,
    spentUnits: fund.spentUnits,
    burnedUnits: fund.burnedUnits,
    createdSeq: fund.createdSeq,
  };
}

/** Every fund, sorted by id (code unit order, the same on every node). */
export function treasuryFunds(state: TreasuryState): TreasuryFundView[] {
  return [...state.funds.values()].map(view).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function treasuryFund(state: TreasuryState, id: string): TreasuryFundView | undefined {
  const fund = state.funds.get(id);
  return fund && view(fund);
}

/**
 * What a fund has spent and burned in its rolling window ending at `atMs`: the outflows
 * whose time is in (atMs - period, atMs]. A fund without a spending limit keeps no window: 0.
 */
export function spentInWindowUnits(fund: Pick<TreasuryFund, 'spendingLimit' | 'recentSpends'>, atMs: number): bigint {
  const limit = fund.spendingLimit;
  if (limit === undefined) return 0n;
  const windowStartMs = atMs - limit.periodSeconds * 1000;
  let total = 0n;
  for (const spend of fund.recentSpends) if (spend.timeMs > windowStartMs && spend.timeMs <= atMs) total += spend.amountUnits;
  return total;
}

/** What a limited fund may still spend at `atMs`; undefined when it has no limit. */
export function spendableInWindowUnits(fund: Pick<TreasuryFund, 'spendingLimit' | 'recentSpends'>, atMs: number): bigint | undefined {
  const limit = fund.spendingLimit;
  if (limit === undefined) return undefined;
  const left = limit.amountUnits - spentInWindowUnits(fund, atMs);
  return left > 0n ? left : 0n;
}

/** The income rules of an asset, as copies. */
export function incomeRules(state: TreasuryState, assetId: string): IncomeRules | undefined {
  const rules = state.incomeRules.get(assetId);
  if (!rules) return undefined;
  const copy = (shares: IncomeRules['reserve']) => shares.map((share) => ({ ...share }));
  return {
    assetId: rules.assetId,
    reserve: copy(rules.reserve),
    classes: new Map([...rules.classes].map(([name, shares]) => [name, copy(shares)])),
    default: copy(rules.default),
  };
}
