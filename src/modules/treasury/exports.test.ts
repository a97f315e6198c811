import { expect, it } from 'vitest';
import * as treasury from './index.ts';

/** Other modules and the API build on these names: changing the list is a deliberate act. */
it('freezes the public exports of the treasury module', () => {
  expect(Object.keys(treasury).sort()).toEqual([
    'classShares',
    'fundAccountId',
    'fundResource',
    'incomeRules',
    'incomeSplit',
    'receiveIncome',
    'spendFromFund',
    'spendableInWindowUnits',
    'spentInWindowUnits',
    'treasuryBurnAction',
    'treasuryFund',
    'treasuryFunds',
    'treasuryModule',
    'treasurySpendAction',
  ]);
  expect(treasury.treasuryModule.commands.map((command) => command.type)).toEqual([
    'treasury.create_fund',
    'treasury.set_income_rules',
    'treasury.deposit',
    'treasury.spend',
    'treasury.burn',
  ]);
});
