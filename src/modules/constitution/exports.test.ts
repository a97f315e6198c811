import { expect, it } from 'vitest';
import * as constitution from './index.ts';

/** Governance, committees and the API build on these names: changing the list is a deliberate act. */
it('freezes the public exports of the constitution module', () => {
  expect(Object.keys(constitution).sort()).toEqual([
    'RuleInputSchema',
    'SetRulesSchema',
    'checkConstitution',
    'committeeRule',
    'constitutionAmendAction',
    'constitutionModule',
    'constitutionResource',
    'constitutionRule',
    'constitutionRules',
    'constitutionVersion',
    'constitutionViolationCodes',
    'guaranteedSharePpm',
    'incomeReserveStatus',
    'outflowInWindowUnits',
    'requiredSupportPpm',
    'requiredVotingSeconds',
    'reserveSatisfied',
    'ruleInputs',
  ]);
  expect(constitution.constitutionModule.commands.map((command) => command.type)).toEqual(['constitution.set_rules']);
  expect([...constitution.constitutionModule.eventTypes]).toEqual(['constitution_rules_set', 'treasury_spent', 'treasury_burned']);
});
