/** The burns module: the only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import type { TreasuryBurned } from '../treasury/index.ts';
import { chargeFeeCommand } from './commands/charge-fee.ts';
import { defineMilestone } from './commands/define-milestone.ts';
import { burnMilestone } from './commands/milestone.ts';
import { setFeeClass } from './commands/set-fee-class.ts';
import { type BurnsEvent, burnsEventTypes, evolveBurns } from './events.ts';
import { type BurnsState, createBurnsState } from './state.ts';

export type { ChargeFeePayload, ChargeFeeResult } from './commands/charge-fee.ts';
export type { DefineMilestonePayload, DefineMilestoneResult } from './commands/define-milestone.ts';
export type { MilestoneBurnPayload, MilestoneBurnResult } from './commands/milestone.ts';
export type { SetFeeClassPayload, SetFeeClassResult } from './commands/set-fee-class.ts';
export type { BurnsEvent, BurnsFeeCharged, BurnsFeeClassSet, BurnsMilestoneBurned, BurnsMilestoneDefined, FeeClassSpec } from './events.ts';
export { type ChargeFeeInput, chargeFee, feeDiscountPpm } from './fee.ts';
export { type FeeRates, feeSplit } from './fee-split.ts';
export { type BurnedByReason, type BurnedByReasonTotals, burnedByReason, feeClass, feeClasses, milestone, milestones } from './queries.ts';
export {
  type BurnsState,
  type FeeClass,
  type FeeParts,
  feeCollectorAccountId,
  feeIncomeClass,
  type Milestone,
  milestoneBurnAction,
  milestoneResource,
  type RateRange,
} from './state.ts';

export const burnsModule: DomainModule<BurnsState, BurnsEvent | TreasuryBurned> = {
  name: 'burns',
  createState: createBurnsState,
  eventTypes: burnsEventTypes,
  evolve: evolveBurns,
  commands: [setFeeClass, chargeFeeCommand, defineMilestone, burnMilestone],
};
