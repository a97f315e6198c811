import fc from 'fast-check';
import { expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { balanceAtSeq } from '../../ledger/queries.ts';
import { eligiblePowerAt, ownPowerAt, trackedBalanceAt } from './index.ts';
import { member } from './test-world.ts';

/*
 * Random streams of transfers, pending transfers (posted in part, in full or voided), mints
 * and burns over six accounts of three members and one system account, with tracking started
 * part way. At every record since tracking started, each member's tracked balance must equal
 * the sum of their accounts' balances from the ledger's own projection (`balanceAtSeq`, read
 * from the database), and eligible power the sum of those.
 * Reproduce a failure with POLITY_TEST_SEED=<seed>; POLITY_TEST_RUNS=<n> searches longer.
 */
const seed = Number(process.env.POLITY_TEST_SEED ?? 20_260_402);
const runs = process.env.POLITY_TEST_RUNS === undefined ? undefined : Number(process.env.POLITY_TEST_RUNS);
const budget = { sqlite: { numRuns: 25, ops: 30 }, postgres: { numRuns: 6, ops: 24 } } as const;
const accountCount = 7; // 0..5 belong to members 0,0,1,1,2,2; 6 to the system

type Op =
  | { kind: 'transfer'; from: number; to: number; cents: number; pending: boolean }
  | { kind: 'resolve'; pick: number; post: boolean; percent: number }
  | { kind: 'mint'; to: number; cents: number }
  | { kind: 'burn'; from: number; cents: number };

const account = fc.nat(accountCount - 1);
const cents = fc.oneof(fc.nat(500), fc.nat(20_000));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('transfer' as const), from: account, to: account, cents, pending: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('resolve' as const), pick: fc.nat(), post: fc.boolean(), percent: fc.nat(100) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('mint' as const), to: account, cents }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('burn' as const), from: account, cents }) },
);

const amount = (value: number): string => `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;

async function runOp(w: LedgerWorld, op: Op, accounts: string[], asset: string, pending: { id: string; cents: number }[]): Promise<void> {
  const name = (index: number) => accounts[index] as string;
  switch (op.kind) {
    case 'transfer': {
      const id = w.id('t');
      await w.submit('ledger.create_transfers', { transfers: [{ id, from: name(op.from), to: name(op.to), amount: amount(op.cents), pending: op.pending }] });
      if (op.pending && w.engine.state.ledger.transfers.get(id)?.status === 'pending') pending.push({ id, cents: op.cents });
      return;
    }
    case 'resolve': {
      const chosen = pending.splice(op.pick % Math.max(pending.length, 1), 1)[0];
      if (!chosen) return;
      if (op.post) await w.submit('ledger.post_pending', { pendingId: chosen.id, amount: amount(Math.floor((chosen.cents * op.percent) / 100)) });
      else await w.submit('ledger.void_pending', { pendingId: chosen.id });
      return;
    }
    case 'mint':
      await w.submit('ledger.mint', { id: w.id('m'), asset, to: name(op.to), amount: amount(op.cents) });
      return;
    case 'burn':
      await w.submit('ledger.burn', { id: w.id('b'), from: name(op.from), amount: amount(op.cents) });
      return;
  }
}

async function checkAgainstProjection(w: LedgerWorld, asset: string, owners: { actorId: string; accounts: string[] }[], fromSeq: number): Promise<void> {
  const db = w.engine.store.db;
  for (let seq = fromSeq; seq <= w.engine.head.seq; seq += 1) {
    const at = { seq, timeMs: 0 };
    let eligible = 0n;
    for (const owner of owners) {
      let expected = 0n;
      for (const id of owner.accounts) expected += (await balanceAtSeq(db, w.engine.daoId, id, seq))?.balanceUnits ?? 0n;
      expect(trackedBalanceAt(w.engine.state.modules.power, asset, owner.actorId, seq), `${owner.actorId} after record ${seq}`).toBe(expected);
      expect(ownPowerAt(w.engine.state, owner.actorId, at, { kind: 'token', asset })).toBe(expected);
      eligible += expected;
    }
    expect(eligiblePowerAt(w.engine.state, at, { kind: 'token', asset })).toBe(eligible);
  }
}

forEachBackend((backend) => {
  const { numRuns, ops } = budget[backend.name];
  it(`tracked balances equal the ledger's balance projection summed per owner (seed ${seed})`, async () => {
    console.info(`power property test: ${backend.name}, seed ${seed} (POLITY_TEST_SEED=${seed} reproduces it)`);
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: ops }), fc.nat(ops), async (stream, trackAfter) => {
        const w = await LedgerWorld.open(backend);
        try {
          const asset = await w.asset({ supply: 'mintable' });
          const owners: { actorId: string; accounts: string[] }[] = [];
          for (let index = 0; index < 3; index += 1) {
            const first = await member(w, asset, '100');
            owners.push({ actorId: first.actorId, accounts: [first.account, await w.account(asset, { owner: first.actorId })] });
          }
          const systemAccount = await w.account(asset, { owner: 'system' });
          await w.mint(asset, systemAccount, '1000');
          const accounts = [...owners.flatMap((owner) => owner.accounts), systemAccount];
          const pending: { id: string; cents: number }[] = [];
          let trackedSeq: number | undefined;
          for (const [index, op] of stream.entries()) {
            if (index === Math.min(trackAfter, stream.length - 1)) {
              await w.ok('power.track', { asset });
              trackedSeq = w.engine.head.seq;
            }
            await runOp(w, op, accounts, asset, pending);
          }
          // the admin owns the asset's issuance and burn accounts only: supply bookkeeping, no holdings
          const checked = [...owners, { actorId: w.admin.actorId, accounts: [] }];
          await checkAgainstProjection(w, asset, checked, trackedSeq ?? w.engine.head.seq);
        } finally {
          await w.close();
        }
      }),
      { seed, numRuns: runs ?? numRuns, endOnFailure: process.env.POLITY_TEST_SHRINK !== '1' },
    );
  });
});
