/** The revenue module: the only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { claim } from './commands/claim.ts';
import { createPolicy } from './commands/create-policy.ts';
import { deposit } from './commands/deposit.ts';
import { recordActivity } from './commands/record-activity.ts';
import { evolveRevenue, type RevenueEvent, revenueEventTypes } from './events.ts';
import { createRevenueState, type RevenueState } from './state.ts';

export { accumulatorScale } from './accumulator.ts';
export type { ClaimPayload, ClaimResult } from './commands/claim.ts';
export type { CreatePolicyPayload, CreatePolicyResult } from './commands/create-policy.ts';
export type { DepositPayload, DepositResult } from './commands/deposit.ts';
export type { RecordActivityPayload, RecordActivityResult } from './commands/record-activity.ts';
export { type DepositInput, depositRevenue } from './deposit.ts';
export type { RevenueActivityRecorded, RevenueClaimed, RevenueDeposited, RevenueEvent, RevenuePolicyCreated } from './events.ts';
export { checkRevenueInvariants, type RevenueBalance, revenueBalance } from './invariants.ts';
export { activityPointsMax, epochSecondsMax, policiesMax } from './limits.ts';
export { claimableUnits, owedScaled, revenueAccountId, revenueDustAccountId, revenuePolicies, revenuePolicy } from './queries.ts';
export type { ActivityKind, RevenueHolder, RevenueMode, RevenuePolicy, RevenueState } from './state.ts';

export const revenueModule: DomainModule<RevenueState, RevenueEvent> = {
  name: 'revenue',
  createState: createRevenueState,
  eventTypes: revenueEventTypes,
  evolve: evolveRevenue,
  commands: [createPolicy, deposit, recordActivity, claim],
};
