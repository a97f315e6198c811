import { assert } from '../../kernel/assert.ts';
import { percentToPpm } from '../../kernel/rates.ts';
import type { EventStamp } from '../../ledger/events.ts';
import type { FundInitial, FundPart, IncomeShare, SpendingLimit, TreasuryFund, TreasuryState } from './state.ts';

export interface TreasuryFundCreated {
  type: 'treasury_fund_created';
  fund: {
    id: string;
    assetId: string;
    accountId: string;
    label?: string;
    spendingLimit?: SpendingLimit;
    initial?: FundInitial;
  };
}

/** A split entry as the log keeps it: the percent as its canonical decimal string ("8", "2.5"). */
export interface IncomeShareEntry {
  fundId: string;
  percent: string;
}

export interface TreasuryIncomeRulesSet {
  type: 'treasury_income_rules_set';
  assetId: string;
  reserve: IncomeShareEntry[];
  /** Plain pairs, in the order given: events stay plain JSON. */
  classes: { incomeClass: string; shares: IncomeShareEntry[] }[];
  default: IncomeShareEntry[];
}

/** One income payment, split among the funds (a deposit, or income a module passed on). */
export interface TreasuryIncomeReceived {
  type: 'treasury_income_received';
  transferIdPrefix: string;
  fromAccountId: string;
  assetId: string;
  incomeClass: string;
  amountUnits: bigint;
  parts: FundPart[];
  /** Set for treasury.deposit: its id, so a retry finds the first result. */
  depositId?: string;
}

export interface TreasurySpent {
  type: 'treasury_spent';
  spendId: string;
  fundId: string;
  toId: string;
  amountUnits: bigint;
}

export interface TreasuryBurned {
  type: 'treasury_burned';
  burnId: string;
  fundId: string;
  assetId: string;
  amountUnits: bigint;
}

export type TreasuryEvent = TreasuryFundCreated | TreasuryIncomeRulesSet | TreasuryIncomeReceived | TreasurySpent | TreasuryBurned;

export const treasuryEventTypes: ReadonlySet<string> = new Set<string>([
  'treasury_fund_created',
  'treasury_income_rules_set',
  'treasury_income_received',
  'treasury_spent',
  'treasury_burned',
]);

export function evolveTreasury(state: TreasuryState, event: TreasuryEvent, stamp: EventStamp): void {
  switch (event.type) {
    case 'treasury_fund_created':
      state.funds.set(event.fund.id, newFund(event.fund, stamp));
      return;
    case 'treasury_income_rules_set':
      state.incomeRules.set(event.assetId, {
        assetId: event.assetId,
        reserve: copyShares(event.reserve),
        classes: new Map(event.classes.map((entry) => [entry.incomeClass, copyShares(entry.shares)])),
        default: copyShares(event.default),
      });
      return;
    case 'treasury_income_received':
      receive(state, event);
      return;
    case 'treasury_spent':
      outflow(editFund(state, event.fundId), event.amountUnits, stamp).spentUnits += event.amountUnits;
      return;
    case 'treasury_burned':
      outflow(editFund(state, event.fundId), event.amountUnits, stamp).burnedUnits += event.amountUnits;
      return;
  }
}

function newFund(spec: TreasuryFundCreated['fund'], stamp: EventStamp): TreasuryFund {
  return {
    id: spec.id,
    assetId: spec.assetId,
    accountId: spec.accountId,
    label: spec.label,
    spendingLimit: spec.spendingLimit && { ...spec.spendingLimit },
    initial: spec.initial && { ...spec.initial },
    createdSeq: stamp.seq,
    recentSpends: [],
    incomeUnits: 0n,
    spentUnits: 0n,
    burnedUnits: 0n,
  };
}

function copyShares(shares: readonly IncomeShareEntry[]): IncomeShare[] {
  return shares.map((share) => ({ fundId: share.fundId, ppm: percentToPpm(share.percent) }));
}

function editFund(state: TreasuryState, fundId: string): TreasuryFund {
  const fund = state.funds.get(fundId);
  assert(fund !== undefined, `treasury fund ${fundId} exists`);
  return fund;
}

function receive(state: TreasuryState, event: TreasuryIncomeReceived): void {
  for (const part of event.parts) editFund(state, part.fundId).incomeUnits += part.amountUnits;
  if (event.depositId === undefined) return;
  state.deposits.set(event.depositId, {
    fromAccountId: event.fromAccountId,
    amountUnits: event.amountUnits,
    incomeClass: event.incomeClass,
    parts: event.parts.map((part) => ({ ...part })),
  });
}

/**
 * Records an outflow in a limited fund's rolling window and prunes what fell out of it: an
 * entry counts while its time is in (now - period, now].
 */
function outflow(fund: TreasuryFund, amountUnits: bigint, stamp: EventStamp): TreasuryFund {
  const limit = fund.spendingLimit;
  if (limit === undefined) return fund;
  const windowStartMs = stamp.timeMs - limit.periodSeconds * 1000;
  fund.recentSpends = fund.recentSpends.filter((spend) => spend.timeMs > windowStartMs);
  fund.recentSpends.push({ timeMs: stamp.timeMs, amountUnits });
  return fund;
}
