/** The treasury module: the only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { burn } from './commands/burn.ts';
import { createFund } from './commands/create-fund.ts';
import { deposit } from './commands/deposit.ts';
import { setIncomeRules } from './commands/set-income-rules.ts';
import { spend } from './commands/spend.ts';
import { evolveTreasury, type TreasuryEvent, treasuryEventTypes } from './events.ts';
import { createTreasuryState, type TreasuryState } from './state.ts';

export type { TreasuryBurnPayload, TreasuryBurnResult } from './commands/burn.ts';
export type { CreateFundPayload, CreateFundResult } from './commands/create-fund.ts';
export type { DepositPayload, DepositResult } from './commands/deposit.ts';
export type { SetIncomeRulesPayload, SetIncomeRulesResult } from './commands/set-income-rules.ts';
export type { SpendPayload, SpendResult } from './commands/spend.ts';
export type {
  IncomeShareEntry,
  TreasuryBurned,
  TreasuryEvent,
  TreasuryFundCreated,
  TreasuryIncomeReceived,
  TreasuryIncomeRulesSet,
  TreasurySpent,
} from './events.ts';
export { type IncomeInput, receiveIncome } from './income.ts';
export { classShares, incomeSplit } from './income-split.ts';
export { incomeRules, spendableInWindowUnits, spentInWindowUnits, type TreasuryFundView, treasuryFund, treasuryFunds } from './queries.ts';
export { type SpendFromFundInput, spendFromFund } from './spend-from-fund.ts';
export {
  type FundPart,
  fundAccountId,
  fundResource,
  type IncomeRules,
  type IncomeShare,
  type RecentSpend,
  type SpendingLimit,
  type TreasuryFund,
  type TreasuryState,
  treasuryBurnAction,
  treasurySpendAction,
} from './state.ts';

export const treasuryModule: DomainModule<TreasuryState, TreasuryEvent> = {
  name: 'treasury',
  createState: createTreasuryState,
  eventTypes: treasuryEventTypes,
  evolve: evolveTreasury,
  commands: [createFund, setIncomeRules, deposit, spend, burn],
};
