import { afterEach, describe, expect, it } from 'vitest';
import { type Backend, forEachBackend } from '../../test/support/backends.ts';
import { LedgerWorld } from '../../test/support/ledger-world.ts';
import { bootstrapAdmin } from '../access/bootstrap.ts';
import { canonicalJson } from '../kernel/canonical-json.ts';
import { VirtualClock } from '../kernel/clock.ts';
import type { CommitUnit, Store } from '../store/types.ts';
import { Engine, type SubmitOutcome } from './engine.ts';
import { loadState } from './replay.ts';
import { encodeSnapshot } from './snapshot.ts';
import type { EngineState } from './state.ts';

/** A store whose next commit throws once armed: a full disk, a dropped connection. */
interface FlakyStore extends Store {
  failNextCommit(): void;
}

function flakyStore(inner: Store): FlakyStore {
  let failNext = false;
  return {
    dialect: inner.dialect,
    daoId: inner.daoId,
    db: inner.db,
    location: inner.location,
    overlapsCommits: inner.overlapsCommits,
    async commit(unit: CommitUnit) {
      if (failNext) {
        failNext = false;
        throw new Error('simulated storage failure');
      }
      await inner.commit(unit);
    },
    readLog: (afterSeq, limit) => inner.readLog(afterSeq, limit),
    latestSnapshot: () => inner.latestSnapshot(),
    close: () => inner.close(),
    failNextCommit() {
      failNext = true;
    },
  };
}

/** The same store with its snapshots hidden: loading it replays the whole log. */
function withoutSnapshots(inner: Store): Store {
  return { ...flakyStore(inner), latestSnapshot: async () => undefined };
}

/**
 * The state as comparable text. Live objects keep the key order `apply` built them with;
 * replayed ones the sorted order of the log's canonical JSON, so compare canonically.
 */
function stateText(state: EngineState): string {
  return canonicalJson(JSON.parse(encodeSnapshot(state)));
}

async function logCount(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('log')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('dao_id', '=', store.daoId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const worlds: LedgerWorld[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) await world.close();
});

async function openWorld(backend: Backend, options: { snapshotEveryRecords?: number } = {}): Promise<LedgerWorld> {
  const world = await LedgerWorld.open(backend, options);
  worlds.push(world);
  return world;
}

/** A world whose engine writes through a flaky store, recording the faults it reports. */
async function openFlakyWorld(backend: Backend): Promise<{ w: LedgerWorld; store: FlakyStore; faults: unknown[] }> {
  const testStore = await backend.open();
  const store = flakyStore(testStore.store);
  const faults: unknown[] = [];
  const clock = new VirtualClock();
  const engine = await Engine.open({ store, clock, onFault: (error) => faults.push(error) });
  const { adminToken, adminId } = await bootstrapAdmin(engine);
  const close = async () => {
    await engine.close();
    await store.close();
  };
  const w = new LedgerWorld({ engine, store, testStore, adminToken, admin: { actorId: adminId }, close }, clock);
  worlds.push(w);
  return { w, store, faults };
}

forEachBackend((backend) => {
  describe('group commit', () => {
    it('1,000 commands submitted at once all resolve, in order, with dense seqs, in fewer commits', async () => {
      const w = await openWorld(backend);
      const { a, b } = await w.pair({ funds: '1000' });
      const commitsBefore = w.engine.metrics.commits;
      const headBefore = w.engine.head.seq;
      const pending: Promise<SubmitOutcome>[] = [];
      for (let i = 0; i < 1000; i += 1) {
        pending.push(w.submit('ledger.create_transfers', { transfers: [{ id: `g${i}`, from: a, to: b, amount: '0.01' }] }));
      }
      const outcomes = await Promise.all(pending);
      const seqs = outcomes.map((outcome) => (outcome.ok ? outcome.seq : -1));
      expect(seqs).toEqual(Array.from({ length: 1000 }, (_, i) => headBefore + 1 + i));
      const results = outcomes.map((outcome) => (outcome.ok ? outcome.result : outcome.code));
      expect(results).toEqual(Array.from({ length: 1000 }, (_, i) => ({ results: [{ id: `g${i}`, status: 'created' }] })));
      expect(w.engine.head.seq).toBe(headBefore + 1000);
      const commits = w.engine.metrics.commits - commitsBefore;
      expect(commits).toBeGreaterThanOrEqual(1);
      expect(commits).toBeLessThan(1000);
      expect(w.balance(b)).toBe(1000n);
      expect(await logCount(w.dao.store)).toBe(w.engine.head.seq);
    });

    it('a whole-command rejection changes nothing and logs nothing', async () => {
      const w = await openWorld(backend);
      const { a } = await w.pair();
      const before = { state: stateText(w.engine.state), head: w.engine.head, log: await logCount(w.dao.store) };
      const rejectedBefore = w.engine.metrics.commandsRejected;
      expect(await w.code('ledger.close_account', { id: a })).toBe('account_not_empty');
      expect(await w.code('ledger.mint', { id: 'm-x', asset: 'ghost', to: a, amount: '1' })).toBe('asset_not_found');
      expect(w.engine.metrics.commandsRejected - rejectedBefore).toBe(2);
      expect({ state: stateText(w.engine.state), head: w.engine.head, log: await logCount(w.dao.store) }).toEqual(before);
    });

    it('an accepted command that changes nothing (a repeat) logs nothing either', async () => {
      const w = await openWorld(backend);
      const { a, b } = await w.pair();
      await w.transfer({ id: 'once', from: a, to: b, amount: '1' });
      const head = w.engine.head;
      const outcome = await w.submit('ledger.create_transfers', { transfers: [{ id: 'once', from: a, to: b, amount: '1' }] });
      expect(outcome).toMatchObject({ ok: true, seq: undefined, result: { results: [{ id: 'once', status: 'exists' }] } });
      expect(w.engine.head).toEqual(head);
    });

    it('refuses commands after close', async () => {
      const w = await openWorld(backend);
      worlds.pop();
      await w.close();
      await expect(w.submit('access.create_actor', { id: 'late', kind: 'member' })).rejects.toMatchObject({ code: 'engine_closed' });
    });
  });

  describe('restart', () => {
    it('reopening the store and replaying the log restores identical state and head', async () => {
      const w = await openWorld(backend);
      await busyHistory(w);
      await w.engine.flush();
      const before = { state: stateText(w.engine.state), head: w.engine.head };
      worlds.pop();
      await w.dao.store.close(); // no engine.close(): no snapshot, the whole log is replayed
      const store = await w.dao.testStore.reopen();
      expect(await store.latestSnapshot()).toBeUndefined();
      const engine = await Engine.open({ store, clock: w.clock });
      expect({ state: stateText(engine.state), head: engine.head }).toEqual(before);
      const next = await engine.submit(w.admin, { type: 'access.create_actor', payload: { id: 'after-restart', kind: 'member' } });
      expect(next).toMatchObject({ ok: true, seq: before.head.seq + 1 });
      await engine.close();
      await store.close();
    });

    it('a clean close snapshots; reopening from the snapshot gives the same state', async () => {
      const w = await openWorld(backend);
      await busyHistory(w);
      const before = { state: stateText(w.engine.state), head: w.engine.head };
      worlds.pop();
      await w.close();
      const store = await w.dao.testStore.reopen();
      expect((await store.latestSnapshot())?.seq).toBe(before.head.seq);
      const engine = await Engine.open({ store });
      expect({ state: stateText(engine.state), head: engine.head }).toEqual(before);
      await store.close();
    });

    it('a snapshot plus the log tail gives the same state as replaying the whole log', async () => {
      const w = await openWorld(backend);
      await busyHistory(w);
      await w.engine.snapshot();
      const snapshotSeq = w.engine.head.seq;
      await busyHistory(w);
      await w.engine.flush();
      expect((await w.dao.store.latestSnapshot())?.seq).toBe(snapshotSeq);
      const fromSnapshot = await loadState(w.dao.store);
      const fromGenesis = await loadState(withoutSnapshots(w.dao.store));
      expect(w.engine.head.seq).toBeGreaterThan(snapshotSeq);
      expect(stateText(fromSnapshot.state)).toBe(stateText(fromGenesis.state));
      expect(stateText(fromSnapshot.state)).toBe(stateText(w.engine.state));
      expect([fromSnapshot.seq, fromSnapshot.hash]).toEqual([fromGenesis.seq, fromGenesis.hash]);
    });

    it('log time never runs backwards across a restart from a snapshot, even if the clock does', async () => {
      const w = await openWorld(backend);
      w.clock.advanceMs(3_600_000);
      await busyHistory(w);
      const lastTimeMs = w.engine.state.ledger.transfers.get([...w.engine.state.ledger.transfers.keys()].at(-1) ?? '')?.timeMs;
      worlds.pop();
      await w.close(); // snapshot at the head: nothing is left to replay
      const store = await w.dao.testStore.reopen();
      const engine = await Engine.open({ store, clock: new VirtualClock() }); // an hour behind
      const outcome = await engine.submit(w.admin, { type: 'access.create_actor', payload: { id: 'late-clock', kind: 'member' } });
      const [record] = await store.readLog((outcome.ok && outcome.seq ? outcome.seq : 1) - 1, 1);
      expect(record?.record.timeMs).toBeGreaterThanOrEqual(lastTimeMs ?? Number.POSITIVE_INFINITY);
      await engine.close();
      await store.close();
    });

    it('snapshotEveryRecords writes snapshots inside group commits', async () => {
      const w = await openWorld(backend, { snapshotEveryRecords: 5 });
      await busyHistory(w);
      const snapshot = await w.dao.store.latestSnapshot();
      expect(snapshot?.seq).toBeGreaterThan(5);
      const loaded = await loadState(w.dao.store);
      expect(stateText(loaded.state)).toBe(stateText(w.engine.state));
    });
  });

  describe('storage failure', () => {
    it('rejects the failed batch with internal_error, reloads, keeps nothing of it, and carries on', async () => {
      const { w, store, faults } = await openFlakyWorld(backend);
      const { a, b } = await w.pair();
      const before = { state: stateText(w.engine.state), head: w.engine.head };
      store.failNextCommit();
      const doomed = ['f1', 'f2', 'f3'].map((id) => w.submit('ledger.create_transfers', { transfers: [{ id, from: a, to: b, amount: '1' }] }));
      const settled = await Promise.allSettled(doomed);
      for (const result of settled) expect(result).toMatchObject({ status: 'rejected', reason: { code: 'internal_error' } });
      expect(faults).toHaveLength(1);
      expect({ state: stateText(w.engine.state), head: w.engine.head }).toEqual(before);
      const rows = await store.db.selectFrom('transfers').select('id').where('dao_id', '=', store.daoId).where('id', 'in', ['f1', 'f2', 'f3']).execute();
      expect(rows).toEqual([]);
      // The ids were never used: retrying them now succeeds.
      expect(await w.transfers([{ id: 'f1', from: a, to: b, amount: '1' }])).toEqual(['created']);
      expect(w.engine.head.seq).toBe(before.head.seq + 1);
      expect(w.balance(b)).toBe(100n);
    });

    it('commands queued behind a failed commit either commit or reject, never half of each', async () => {
      const { w, store } = await openFlakyWorld(backend);
      const { a, b } = await w.pair();
      store.failNextCommit();
      const send = (id: string) => w.submit('ledger.create_transfers', { transfers: [{ id, from: a, to: b, amount: '1' }] });
      const first = Promise.allSettled(['q1', 'q2'].map(send)); // handled at once: they may fail before the next line
      await new Promise((resolve) => setImmediate(resolve)); // the writer takes the first batch
      const second = Promise.allSettled(['q3', 'q4', 'q5'].map(send));
      const settled = [...(await first), ...(await second)];
      await w.engine.flush();
      const ids = ['q1', 'q2', 'q3', 'q4', 'q5'];
      const committed = ids.filter((_, index) => settled[index]?.status === 'fulfilled');
      for (const [index, result] of settled.entries()) {
        if (result.status === 'rejected') expect(result.reason, ids[index]).toMatchObject({ code: 'internal_error' });
      }
      expect(committed).not.toContain('q1');
      expect(ids.filter((id) => w.engine.state.ledger.transfers.has(id))).toEqual(committed);
      expect(w.balance(b)).toBe(BigInt(committed.length * 100));
      const reloaded = await loadState(w.dao.store);
      expect(stateText(reloaded.state)).toBe(stateText(w.engine.state));
    });
  });
});

/** A little of everything: assets, accounts, transfers, pending, NFTs, access changes. */
async function busyHistory(w: LedgerWorld): Promise<void> {
  const { asset, a, b } = await w.pair({ decimals: 6 });
  await w.transfers([
    { id: w.id('t'), from: a, to: b, amount: '1.5' },
    { id: w.id('t'), from: a, to: b, amount: '2', pending: true, timeoutSeconds: 600 },
    { id: w.id('t'), from: b, to: a, amount: '0.25', linked: true },
    { id: w.id('t'), from: a, to: b, amount: '0.000001' },
  ]);
  await w.submit('ledger.burn', { id: w.id('burn'), from: a, amount: '3' });
  const nft = await w.pair({ kind: 'non_fungible', funds: '0' });
  await w.submit('ledger.mint', { id: w.id('m'), asset: nft.asset, to: nft.a, tokenId: w.id('tok') });
  const member = await w.actor();
  await w.submit('access.grant', { actorId: member.actorId, action: 'ledger.transfer', resource: `asset:${asset}` });
  w.clock.advanceMs(1000);
}
