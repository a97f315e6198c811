import { expect, it } from 'vitest';
import { domainModules } from '../../engine/modules.ts';
import * as power from './index.ts';

/** Governance and the API build on these names: changing the list is a deliberate act. */
it('freezes the public exports of the power module', () => {
  expect(Object.keys(power).sort()).toEqual([
    'delegatedPowerAt',
    'delegatedSharesFrom',
    'delegatedSharesTo',
    'delegationsAt',
    'delegatorsAt',
    'eligiblePowerAt',
    'ownPowerAt',
    'powerModule',
    'powerStrategyProblem',
    'trackedAssets',
    'trackedBalanceAt',
    'trackedSinceSeq',
  ]);
  expect(power.powerModule.commands.map((command) => command.type)).toEqual(['power.track', 'power.delegate', 'power.undelegate']);
  expect([...power.powerModule.eventTypes].sort()).toEqual([
    'identity_issued',
    'identity_revoked',
    'pending_resolved',
    'power_delegated',
    'power_tracked',
    'power_undelegated',
    'stake_closed',
    'stake_opened',
    'transfer_created',
  ]);
});

it('is registered after the modules whose slices it reads while following their events', () => {
  const order = Object.keys(domainModules);
  expect(order.indexOf('power')).toBeGreaterThan(order.indexOf('staking'));
  expect(order.indexOf('power')).toBeGreaterThan(order.indexOf('identity'));
});
