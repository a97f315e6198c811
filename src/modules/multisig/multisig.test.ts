import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { systemActorId } from '../../access/state.ts';
import { checkLedgerInvariants } from '../../engine/invariants.ts';
import { loadState } from '../../engine/replay.ts';
import type { Principal } from '../../engine/types.ts';
import { fundAccountId, treasuryFund } from '../treasury/index.ts';
import {
  type MultisigState,
  multisigSpendId,
  multisigTransaction,
  multisigTransactions,
  type ProposeResult,
  type SetSignersResult,
  signerSet,
  signerSets,
} from './index.ts';
import { pendingTransactionsPerSetMax, signerSetsMax, transactionTtlSecondsDefault } from './limits.ts';
import { approveRejections, proposeRejections, rejectRejections, setSignersRejections } from './rejections.ts';

const secondMs = 1000;
const hourSeconds = 3600;

interface Outcome {
  ok: boolean;
  code?: string;
  result?: unknown;
}

/** The status of an accepted command, or the rejection code. */
async function statusOf(w: LedgerWorld, type: string, payload: unknown, principal: Principal = w.admin): Promise<string> {
  const outcome = (await w.submit(type, payload, principal)) as Outcome;
  return outcome.ok ? (outcome.result as { status: string }).status : (outcome.code ?? 'none');
}

/** Schema validation fails before sequencing (synchronously or as a rejected promise). */
async function expectInvalid(w: LedgerWorld, type: string, payload: unknown, principal: Principal = w.admin): Promise<void> {
  await expect(Promise.resolve().then(() => w.submit(type, payload, principal))).rejects.toMatchObject({ code: 'validation_failed' });
}

forEachBackend((backend) => {
  let w: LedgerWorld;
  let asset: string;
  let target: string;
  let alice: Principal;
  let bob: Principal;
  let carol: Principal;
  let dave: Principal;
  const multisig = (): MultisigState => w.engine.state.modules.multisig;

  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
    asset = await w.asset({ decimals: 2 });
    target = await w.account(asset);
    [alice, bob, carol, dave] = [await w.actor(), await w.actor(), await w.actor(), await w.actor()];
  });
  afterAll(async () => {
    await w.close();
  });

  /** A fund made by the real treasury command, holding `initial`. */
  async function fund(initial = '1000', fields: Record<string, unknown> = {}): Promise<string> {
    const id = w.id('fund');
    await w.ok('treasury.create_fund', { id, asset, initial: { amount: initial }, ...fields });
    return id;
  }

  /** A signer set of alice, bob and carol (unless told) on `funds`, made by the admin. */
  async function signers(funds: string[], fields: Record<string, unknown> = {}): Promise<string> {
    const id = w.id('set');
    const payload = { id, signers: [alice.actorId, bob.actorId, carol.actorId], threshold: 2, funds, maxAmount: '100', ...fields };
    expect(await w.ok<SetSignersResult>('multisig.set_signers', payload)).toMatchObject({ id, status: 'set' });
    return id;
  }

  async function proposal(set: string, fundId: string, amount = '50', by: Principal = alice): Promise<string> {
    const id = w.id('tx');
    expect(await statusOf(w, 'multisig.propose', { id, set, fund: fundId, to: target, amount }, by)).toMatch(/^(pending|executed)$/);
    return id;
  }

  const approve = (id: string, by: Principal) => statusOf(w, 'multisig.approve', { id }, by);
  const reject = (id: string, by: Principal) => statusOf(w, 'multisig.reject', { id }, by);

  describe('approvals and execution', () => {
    it('2 of 3: executes on the second approval and the fund pays exactly once', async () => {
      const fundId = await fund();
      const set = await signers([fundId]);
      const before = w.balance(target);
      const id = w.id('tx');
      const proposed = await w.ok<ProposeResult>('multisig.propose', { id, set, fund: fundId, to: target, amount: '12.5', memo: 'audit' }, alice);
      expect(proposed).toMatchObject({ id, amount: '12.5', status: 'pending', approvals: 1, threshold: 2 });
      expect(w.balance(fundAccountId(fundId))).toBe(100_000n);
      expect(await w.ok('multisig.approve', { id }, bob)).toEqual({ id, status: 'executed', approvals: 2, threshold: 2 });
      expect(w.balance(fundAccountId(fundId))).toBe(100_000n - 1250n);
      expect(w.balance(target)).toBe(before + 1250n);
      // a late approval finds the transaction closed and pays nothing more
      expect(await approve(id, carol)).toBe('transaction_closed');
      expect(w.balance(fundAccountId(fundId))).toBe(100_000n - 1250n);
      expect(treasuryFund(w.engine.state.modules.treasury, fundId)?.spentUnits).toBe(1250n);
      expect(w.engine.state.ledger.transfers.get(`treasury:spend:${multisigSpendId(id)}`)).toMatchObject({ amountUnits: 1250n, memo: 'audit' });
      expect(multisigTransaction(multisig(), id)).toMatchObject({ status: 'executed', approvals: [alice.actorId, bob.actorId], rejections: [] });
      expect(signerSet(multisig(), set)?.pendingTransactionIds).toEqual([]);
      expect(checkLedgerInvariants(w.engine.state, 0)).toEqual([]);
    });

    it('3 of 3: waits for every signer', async () => {
      const fundId = await fund();
      const set = await signers([fundId], { threshold: 3 });
      const id = await proposal(set, fundId, '10');
      expect(await approve(id, bob)).toBe('pending');
      expect(w.balance(fundAccountId(fundId))).toBe(100_000n);
      expect(await approve(id, carol)).toBe('executed');
      expect(w.balance(fundAccountId(fundId))).toBe(99_000n);
    });

    it('1 of N: the proposal itself executes', async () => {
      const fundId = await fund();
      const set = await signers([fundId], { threshold: 1 });
      const id = w.id('tx');
      expect(await statusOf(w, 'multisig.propose', { id, set, fund: fundId, to: target, amount: '3' }, carol)).toBe('executed');
      expect(w.balance(fundAccountId(fundId))).toBe(99_700n);
      expect(multisigTransaction(multisig(), id)?.status).toBe('executed');
    });

    it('a non-signer can neither propose nor approve nor reject', async () => {
      const fundId = await fund();
      const set = await signers([fundId]);
      const id = await proposal(set, fundId);
      expect(await approve(id, dave)).toBe('not_a_signer');
      expect(await reject(id, dave)).toBe('not_a_signer');
      expect(await approve(id, w.admin)).toBe('not_a_signer');
      expect(await statusOf(w, 'multisig.propose', { id: w.id('tx'), set, fund: fundId, to: target, amount: '1' }, dave)).toBe('not_a_signer');
      expect(multisigTransaction(multisig(), id)).toMatchObject({ status: 'pending', approvals: [alice.actorId] });
    });

    it('rejections close the transaction once the threshold is out of reach', async () => {
      const fundId = await fund();
      const set = await signers([fundId]);
      const id = await proposal(set, fundId);
      expect(await reject(id, bob)).toBe('pending');
      expect(await reject(id, carol)).toBe('rejected');
      expect(await approve(id, bob)).toBe('transaction_closed');
      expect(multisigTransaction(multisig(), id)).toMatchObject({ status: 'rejected', rejections: [bob.actorId, carol.actorId] });
      // 3 of 3: a single rejection is enough
      const strict = await signers([fundId], { threshold: 3 });
      const other = await proposal(strict, fundId);
      expect(await reject(other, carol)).toBe('rejected');
      expect(w.balance(fundAccountId(fundId))).toBe(100_000n);
    });

    it('the fund’s rolling limit refuses the approval that would exceed it; the transaction stays pending', async () => {
      const fundId = await fund('1000', { spendingLimit: { amount: '100', periodSeconds: hourSeconds } });
      const set = await signers([fundId], { maxAmount: '80' });
      const first = await proposal(set, fundId, '80');
      expect(await approve(first, bob)).toBe('executed');
      const second = await proposal(set, fundId, '30');
      expect(await approve(second, bob)).toBe('spending_limit_exceeded');
      expect(multisigTransaction(multisig(), second)).toMatchObject({ status: 'pending', approvals: [alice.actorId] });
      expect(w.balance(fundAccountId(fundId))).toBe(92_000n);
      // treasury.spend sees the same window: the multisig's outflow counts against it
      expect(await statusOf(w, 'treasury.spend', { id: w.id('spend'), fund: fundId, to: target, amount: '21' })).toBe('spending_limit_exceeded');
      w.clock.advanceMs(hourSeconds * secondMs);
      expect(await approve(second, bob)).toBe('executed');
      expect(w.balance(fundAccountId(fundId))).toBe(89_000n);
    });

    it('above maxAmount is refused; maxAmount itself is allowed', async () => {
      const fundId = await fund();
      const set = await signers([fundId], { maxAmount: '100' });
      expect(await statusOf(w, 'multisig.propose', { id: w.id('tx'), set, fund: fundId, to: target, amount: '100.01' }, alice)).toBe('above_multisig_limit');
      expect(await statusOf(w, 'multisig.propose', { id: w.id('tx'), set, fund: fundId, to: target, amount: '100' }, alice)).toBe('pending');
    });

    it('a proposal repeated with the same body is exists; another body is transaction_exists', async () => {
      const fundId = await fund();
      const set = await signers([fundId]);
      const body = { id: w.id('tx'), set, fund: fundId, to: target, amount: '5', memo: 'x' };
      expect(await statusOf(w, 'multisig.propose', body, alice)).toBe('pending');
      expect(await w.ok('multisig.propose', body, alice)).toMatchObject({ status: 'exists', transactionStatus: 'pending', approvals: 1 });
      expect(await statusOf(w, 'multisig.propose', { ...body, amount: '5.00' }, alice)).toBe('exists');
      expect(await statusOf(w, 'multisig.propose', { ...body, amount: '6' }, alice)).toBe('transaction_exists');
      expect(await statusOf(w, 'multisig.propose', body, bob)).toBe('transaction_exists');
      expect(await approve(body.id, bob)).toBe('executed');
      expect(await w.ok('multisig.propose', body, alice)).toMatchObject({ status: 'exists', transactionStatus: 'executed' });
      expect(w.balance(fundAccountId(fundId))).toBe(99_500n);
    });
  });

  describe('expiry and set changes', () => {
    it(`a transaction expires ${transactionTtlSecondsDefault} s (7 days) after its proposal`, async () => {
      const fundId = await fund();
      const set = await signers([fundId]);
      const startMs = w.clock.nowMs();
      const id = await proposal(set, fundId);
      const late = await proposal(set, fundId);
      expect(multisigTransaction(multisig(), id)?.expiresAtMs).toBe(startMs + 7 * 24 * hourSeconds * secondMs);
      w.clock.setMs(startMs + transactionTtlSecondsDefault * secondMs - 1);
      expect(await approve(id, bob)).toBe('executed');
      w.clock.setMs(startMs + transactionTtlSecondsDefault * secondMs);
      expect(await approve(late, bob)).toBe('transaction_expired');
      expect(await reject(late, bob)).toBe('transaction_expired');
      expect(multisigTransaction(multisig(), late, w.clock.nowMs())?.status).toBe('expired');
      expect(multisigTransaction(multisig(), late)?.status).toBe('pending');
      // the next proposal records it as expired and takes it off the pending list
      await proposal(set, fundId);
      expect(multisigTransaction(multisig(), late)).toMatchObject({ status: 'expired', closedMs: w.clock.nowMs() });
      expect(signerSet(multisig(), set)?.pendingTransactionIds).not.toContain(late);
    });

    it('a set takes its own ttlSeconds', async () => {
      const fundId = await fund();
      const set = await signers([fundId], { ttlSeconds: 60 });
      const id = await proposal(set, fundId);
      w.clock.advanceMs(60 * secondMs);
      expect(await approve(id, bob)).toBe('transaction_expired');
    });

    it('changing the set cancels its pending transactions; the new set starts over', async () => {
      const fundId = await fund();
      const set = await signers([fundId], { ttlSeconds: 60 });
      const old = await proposal(set, fundId);
      w.clock.advanceMs(60 * secondMs);
      const pending = await proposal(set, fundId);
      expect(await approve(pending, bob)).toBe('executed');
      const open = await proposal(set, fundId);
      const elsewhere = await signers([fundId]);
      const untouched = await proposal(elsewhere, fundId);
      // the same body again changes nothing
      const same = { id: set, signers: [alice.actorId, bob.actorId, carol.actorId], threshold: 2, funds: [fundId], maxAmount: '100', ttlSeconds: 60 };
      expect(await w.ok('multisig.set_signers', same)).toEqual({ id: set, revision: 1, status: 'unchanged', closed: [] });
      w.clock.advanceMs(30 * secondMs);
      const changed = { ...same, signers: [alice.actorId, bob.actorId], threshold: 2 };
      expect(await w.ok('multisig.set_signers', changed)).toEqual({
        id: set,
        revision: 2,
        status: 'set',
        closed: [{ transactionId: open, status: 'cancelled' }],
      });
      expect(multisigTransaction(multisig(), open)).toMatchObject({ status: 'cancelled', approvals: [alice.actorId] });
      expect(multisigTransaction(multisig(), old)?.status).toBe('expired');
      expect(await approve(open, bob)).toBe('transaction_closed');
      expect(await approve(untouched, bob)).toBe('executed');
      expect(signerSet(multisig(), set)).toMatchObject({ revision: 2, signers: [alice.actorId, bob.actorId], pendingTransactionIds: [] });
      // carol is no longer a signer; the new set starts over
      expect(await statusOf(w, 'multisig.propose', { id: w.id('tx'), set, fund: fundId, to: target, amount: '1' }, carol)).toBe('not_a_signer');
      const fresh = await proposal(set, fundId, '1');
      expect(multisigTransaction(multisig(), fresh)?.setRevision).toBe(2);
      expect(await approve(fresh, bob)).toBe('executed');
    });

    it('a change made after a pending transaction expired records it as expired', async () => {
      const fundId = await fund();
      const set = await signers([fundId], { ttlSeconds: 60 });
      const id = await proposal(set, fundId);
      w.clock.advanceMs(60 * secondMs);
      const result = await w.ok<SetSignersResult>('multisig.set_signers', {
        id: set,
        signers: [alice.actorId, bob.actorId],
        threshold: 1,
        funds: [fundId],
        maxAmount: '100',
      });
      expect(result.closed).toEqual([{ transactionId: id, status: 'expired' }]);
      expect(multisigTransaction(multisig(), id)?.status).toBe('expired');
    });
  });

  describe('who changes signer sets', () => {
    it('governance (the system actor) and holders of multisig.admin do; signers do not', async () => {
      const fundId = await fund();
      const id = w.id('set');
      const body = { id, signers: [alice.actorId, bob.actorId], threshold: 2, funds: [fundId], maxAmount: '10' };
      expect(await statusOf(w, 'multisig.set_signers', body, alice)).toBe('not_authorized');
      expect(await statusOf(w, 'multisig.set_signers', body, { actorId: systemActorId })).toBe('set');
      const council = await w.actor();
      await w.ok('access.grant', { actorId: council.actorId, action: 'multisig.admin', resource: `multisig:${id}` });
      expect(await statusOf(w, 'multisig.set_signers', { ...body, threshold: 1 }, council)).toBe('set');
      expect(await statusOf(w, 'multisig.set_signers', { ...body, id: w.id('set') }, council)).toBe('not_authorized');
      expect(signerSet(multisig(), id)).toMatchObject({ threshold: 1, revision: 2, funds: [{ fundId, maxAmountUnits: 1000n }] });
      expect(signerSets(multisig()).map((set) => set.id)).toContain(id);
    });

    it('schema: threshold at least 1, unique signers and funds, ids without a colon', async () => {
      const fundId = await fund();
      const base = { id: 'schema-set', signers: [alice.actorId, bob.actorId], threshold: 1, funds: [fundId], maxAmount: '1' };
      await expectInvalid(w, 'multisig.set_signers', { ...base, threshold: 0 });
      await expectInvalid(w, 'multisig.set_signers', { ...base, signers: [alice.actorId, alice.actorId] });
      await expectInvalid(w, 'multisig.set_signers', { ...base, funds: [fundId, fundId] });
      await expectInvalid(w, 'multisig.set_signers', { ...base, id: 'a:b' });
      await expectInvalid(w, 'multisig.set_signers', { ...base, signers: Array.from({ length: 21 }, (_, index) => `m${index}`) });
      await expectInvalid(w, 'multisig.propose', { id: 'x', set: 'y', fund: fundId, to: target, amount: 5 }, alice);
    });
  });

  describe('rejection rows', () => {
    let fundId: string;
    let poor: string;
    let limited: string;
    beforeAll(async () => {
      fundId = await fund();
      poor = await fund('10');
      limited = await fund('1000', { spendingLimit: { amount: '20', periodSeconds: hourSeconds } });
    });

    const rows: [string, string][] = [
      ...setSignersRejections.filter((code) => code !== 'signer_sets_max_reached').map((code): [string, string] => ['multisig.set_signers', code]),
      ...proposeRejections.filter((code) => code !== 'pending_transactions_max_reached').map((code): [string, string] => ['multisig.propose', code]),
      ...approveRejections.map((code): [string, string] => ['multisig.approve', code]),
      ...rejectRejections.map((code): [string, string] => ['multisig.reject', code]),
    ];

    it.each<[string, string]>(rows)('%s: %s', async (type, code) => {
      const set = await signers([fundId, poor, limited]);
      const signed = [alice.actorId, bob.actorId, carol.actorId];
      const setBody = { id: w.id('set'), signers: signed, threshold: 2, funds: [fundId], maxAmount: '100' };
      const tx = { id: w.id('tx'), set, fund: fundId, to: target, amount: '1' };
      const otherAsset = await w.account(await w.asset());
      /** A vote row: a fresh transaction, its setup, then the voter and payload that must give the code. */
      const onTransaction = async (prepare: (id: string) => Promise<unknown>, by: Principal = bob, amount = '1', from = fundId) => {
        const id = await proposal(set, from, amount);
        await prepare(id);
        return [{ id }, by] as [unknown, Principal];
      };
      const table: Record<string, () => Promise<[unknown, Principal]>> = {
        'multisig.set_signers:not_authorized': async () => [setBody, alice],
        'multisig.set_signers:threshold_invalid': async () => [{ ...setBody, threshold: 4 }, w.admin],
        'multisig.set_signers:signer_not_found': async () => [{ ...setBody, signers: [alice.actorId, 'ghost'] }, w.admin],
        'multisig.set_signers:fund_not_found': async () => [{ ...setBody, funds: [fundId, 'nope'] }, w.admin],
        'multisig.set_signers:amount_invalid': async () => [{ ...setBody, maxAmount: '1.001' }, w.admin],
        'multisig.propose:set_not_found': async () => [{ ...tx, set: 'nope' }, alice],
        'multisig.propose:not_a_signer': async () => [tx, dave],
        'multisig.propose:transaction_exists': async () => [{ ...tx, id: await proposal(set, fundId, '2') }, alice],
        'multisig.propose:fund_not_allowed': async () => [{ ...tx, fund: await fund() }, alice],
        'multisig.propose:amount_invalid': async () => [{ ...tx, amount: '0.001' }, alice],
        'multisig.propose:above_multisig_limit': async () => [{ ...tx, amount: '100.01' }, alice],
        'multisig.propose:credit_account_not_found': async () => [{ ...tx, to: 'ghost' }, alice],
        'multisig.propose:asset_mismatch': async () => [{ ...tx, to: otherAsset }, alice],
        'multisig.approve:transaction_not_found': async () => [{ id: 'nope' }, bob],
        'multisig.approve:not_a_signer': () => onTransaction(async () => undefined, dave),
        'multisig.approve:transaction_closed': () => onTransaction((id) => approve(id, bob), carol),
        'multisig.approve:transaction_expired': () => onTransaction(async () => w.clock.advanceMs(transactionTtlSecondsDefault * secondMs)),
        'multisig.approve:already_approved': () => onTransaction(async () => undefined, alice),
        'multisig.approve:already_rejected': () => onTransaction((id) => reject(id, bob)),
        'multisig.approve:spending_limit_exceeded': () => onTransaction(async () => undefined, bob, '21', limited),
        'multisig.approve:insufficient_funds': () => onTransaction(async () => undefined, bob, '11', poor),
        'multisig.reject:transaction_not_found': async () => [{ id: 'nope' }, bob],
        'multisig.reject:not_a_signer': () => onTransaction(async () => undefined, dave),
        'multisig.reject:transaction_closed': () => onTransaction((id) => approve(id, bob), carol),
        'multisig.reject:transaction_expired': () => onTransaction(async () => w.clock.advanceMs(transactionTtlSecondsDefault * secondMs)),
        'multisig.reject:already_approved': () => onTransaction(async () => undefined, alice),
        'multisig.reject:already_rejected': () => onTransaction((id) => reject(id, bob)),
      };
      const make = table[`${type}:${code}`];
      if (!make) return expect.fail(`no row for ${type} ${code}`);
      const [payload, principal] = await make();
      const sets = structuredClone(signerSets(multisig()));
      const transactions = structuredClone(multisigTransactions(multisig()));
      const balances = [fundId, poor, limited].map((id) => w.balance(fundAccountId(id)));
      expect(await statusOf(w, type, payload, principal)).toBe(code);
      expect(signerSets(multisig())).toEqual(sets);
      expect(multisigTransactions(multisig())).toEqual(transactions);
      expect([fundId, poor, limited].map((id) => w.balance(fundAccountId(id)))).toEqual(balances);
    });
  });

  it(`pending_transactions_max_reached: at most ${pendingTransactionsPerSetMax} pending per set; expired ones leave`, async () => {
    const fundId = await fund();
    const set = await signers([fundId], { ttlSeconds: 60 });
    const outcomes = await Promise.all(
      Array.from({ length: pendingTransactionsPerSetMax }, (_, index) =>
        statusOf(w, 'multisig.propose', { id: `bulk-${set}-${index}`, set, fund: fundId, to: target, amount: '1' }, alice),
      ),
    );
    expect(new Set(outcomes)).toEqual(new Set(['pending']));
    const next = { id: w.id('tx'), set, fund: fundId, to: target, amount: '1' };
    expect(await statusOf(w, 'multisig.propose', next, alice)).toBe('pending_transactions_max_reached');
    w.clock.advanceMs(60 * secondMs);
    expect(await statusOf(w, 'multisig.propose', next, alice)).toBe('pending');
    expect(signerSet(multisig(), set)?.pendingTransactionIds).toEqual([next.id]);
    expect(multisigTransactions(multisig(), set).filter((transaction) => transaction.status === 'expired')).toHaveLength(pendingTransactionsPerSetMax);
  });

  it(`signer_sets_max_reached: a DAO holds at most ${signerSetsMax} sets`, async () => {
    const other = await LedgerWorld.open(backend);
    try {
      const otherAsset = await other.asset();
      const fundId = 'f';
      await other.ok('treasury.create_fund', { id: fundId, asset: otherAsset });
      const body = (id: string) => ({ id, signers: [other.admin.actorId], threshold: 1, funds: [fundId], maxAmount: '1' });
      const outcomes = await Promise.all(Array.from({ length: signerSetsMax }, (_, index) => statusOf(other, 'multisig.set_signers', body(`s${index}`))));
      expect(new Set(outcomes)).toEqual(new Set(['set']));
      expect(await statusOf(other, 'multisig.set_signers', body('one-more'))).toBe('signer_sets_max_reached');
      expect(await statusOf(other, 'multisig.set_signers', { ...body('s0'), maxAmount: '2' })).toBe('set');
    } finally {
      await other.close();
    }
  });

  it('queries list transactions by set, oldest first', async () => {
    const fundId = await fund();
    const set = await signers([fundId]);
    const first = await proposal(set, fundId, '1');
    const second = await proposal(set, fundId, '2', bob);
    expect(multisigTransactions(multisig(), set).map((transaction) => [transaction.id, transaction.amountUnits, transaction.proposerId])).toEqual([
      [first, 100n, alice.actorId],
      [second, 200n, bob.actorId],
    ]);
    expect(multisigTransactions(multisig()).length).toBeGreaterThan(2);
    expect(multisigTransaction(multisig(), 'nope')).toBeUndefined();
  });

  it('replaying the log rebuilds the same multisig state', async () => {
    expect(checkLedgerInvariants(w.engine.state, 0)).toEqual([]);
    await w.engine.flush();
    const replayed = await loadState(w.dao.store);
    expect(replayed.state.modules.multisig).toEqual(multisig());
    expect(replayed.state.modules.treasury).toEqual(w.engine.state.modules.treasury);
  });
});
