import { expect, it } from 'vitest';
import * as burns from './index.ts';

/** Other modules and the API build on these names: changing the list is a deliberate act. */
it('freezes the public exports of the burns module', () => {
  expect(Object.keys(burns).sort()).toEqual([
    'burnedByReason',
    'burnsModule',
    'chargeFee',
    'feeClass',
    'feeClasses',
    'feeCollectorAccountId',
    'feeDiscountPpm',
    'feeIncomeClass',
    'feeSplit',
    'milestone',
    'milestoneBurnAction',
    'milestoneResource',
    'milestones',
  ]);
  expect(burns.burnsModule.commands.map((command) => command.type)).toEqual([
    'burns.set_fee_class',
    'burns.charge_fee',
    'burns.define_milestone',
    'burns.milestone',
  ]);
});
