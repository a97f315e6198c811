import { expect, it } from 'vitest';
import * as multisig from './index.ts';

/** Other modules and the API build on these names: changing the list is a deliberate act. */
it('freezes the public exports of the multisig module', () => {
  expect(Object.keys(multisig).sort()).toEqual([
    'multisigAdminAction',
    'multisigModule',
    'multisigResource',
    'multisigSpendId',
    'multisigTransaction',
    'multisigTransactions',
    'signerSet',
    'signerSets',
    'transactionStatusAt',
  ]);
  expect(multisig.multisigModule.commands.map((command) => command.type)).toEqual([
    'multisig.set_signers',
    'multisig.propose',
    'multisig.approve',
    'multisig.reject',
  ]);
});
