/** The constitution module: declarative, typed rules that proposals are checked against. The only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { setRules } from './commands/set-rules.ts';
import { type ConstitutionEvent, constitutionEventTypes, evolveConstitution } from './events.ts';
import { type ConstitutionState, createConstitutionState } from './state.ts';

export { checkConstitution, requiredSupportPpm, requiredVotingSeconds } from './checks.ts';
export type { SetRulesPayload, SetRulesResult } from './commands/set-rules.ts';
export type { ConstitutionEvent, ConstitutionRulesSet } from './events.ts';
export type { CheckPhase, ProposalFacts, Violation } from './facts.ts';
export { committeeRule, constitutionRule, constitutionRules, constitutionVersion, outflowInWindowUnits } from './queries.ts';
export { type ConstitutionViolationCode, constitutionViolationCodes } from './rejections.ts';
export { guaranteedSharePpm, type IncomeReserveStatus, incomeReserveStatus, reserveSatisfied } from './reserve.ts';
export { ruleInputs } from './rules.ts';
export { type RuleInput, RuleInputSchema, SetRulesSchema } from './schema.ts';
export {
  type CommitteeEligibilityRule,
  type ConflictOfInterestRule,
  type ConstitutionChangeRule,
  type ConstitutionState,
  constitutionAmendAction,
  constitutionResource,
  type IncomeReserveRule,
  type MaxSpendRule,
  type Outflow,
  type ProposerRule,
  type RollingOutflowRule,
  type Rule,
  type RuleKind,
} from './state.ts';

export const constitutionModule: DomainModule<ConstitutionState, ConstitutionEvent> = {
  name: 'constitution',
  createState: createConstitutionState,
  eventTypes: constitutionEventTypes,
  evolve: evolveConstitution,
  commands: [setRules],
};
