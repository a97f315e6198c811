import { bootstrapAdmin } from '../src/access/bootstrap.ts';
import { Engine, type SubmitOutcome } from '../src/engine/engine.ts';
import type { CommandEnvelope, Principal } from '../src/engine/types.ts';
import type { BatchResult } from '../src/ledger/index.ts';
import type { Store } from '../src/store/types.ts';
import type { BenchDatabase, Synchronous } from './db.ts';
import { accountId, assetId, treasuryId } from './workload.ts';

/** Funds every account gets: far more than the transfers of any run take out of it. */
export const accountFunding = '100000';
const treasuryMint = '1000000000000';
const setupBatch = 8_190;
const setupInflight = 8;

export interface BenchDao {
  daoId: string;
  engine: Engine;
  store: Store;
  admin: Principal;
  adminToken: string;
  accounts: number;
  setupMs: number;
  /** Engine.close (commits what is queued and writes a snapshot), then store.close; ms each. */
  close(): Promise<{ engineCloseMs: number; storeCloseMs: number }>;
}

/**
 * A fresh DAO through the public code paths only: the bootstrap admin, one asset, a
 * treasury minted a large supply, `accounts` accounts created and funded from the
 * treasury with ordinary transfer batches.
 */
export async function openBenchDao(db: BenchDatabase, daoId: string, accounts: number, synchronous?: Synchronous): Promise<BenchDao> {
  const started = performance.now();
  const store = await db.openStore(daoId, synchronous);
  const engine = await Engine.open({ store });
  const { adminId, adminToken } = await bootstrapAdmin(engine);
  const admin: Principal = { actorId: adminId };
  await must(engine.submit(admin, { type: 'ledger.create_asset', payload: { id: assetId, kind: 'fungible', symbol: 'USD', decimals: 2 } }));
  await must(engine.submit(admin, { type: 'ledger.create_accounts', payload: { accounts: [{ id: treasuryId, asset: assetId }] } }));
  await must(engine.submit(admin, { type: 'ledger.mint', payload: { id: 'mint-treasury', asset: assetId, to: treasuryId, amount: treasuryMint } }));
  const creates: CommandEnvelope[] = [];
  for (let start = 0; start < accounts; start += setupBatch) {
    const items = [];
    for (let index = start; index < Math.min(accounts, start + setupBatch); index += 1) items.push({ id: accountId(index), asset: assetId });
    creates.push({ type: 'ledger.create_accounts', payload: { accounts: items } });
  }
  await submitAll(engine, admin, creates, setupInflight);
  const funds: CommandEnvelope[] = [];
  for (let start = 0; start < accounts; start += setupBatch) {
    const items = [];
    for (let index = start; index < Math.min(accounts, start + setupBatch); index += 1) {
      items.push({ id: `fund-${index}`, from: treasuryId, to: accountId(index), amount: accountFunding });
    }
    funds.push({ type: 'ledger.create_transfers', payload: { transfers: items } });
  }
  await submitAll(engine, admin, funds, setupInflight);
  return {
    daoId,
    engine,
    store,
    admin,
    adminToken,
    accounts,
    setupMs: performance.now() - started,
    async close() {
      const a = performance.now();
      await engine.close();
      const b = performance.now();
      await store.close();
      return { engineCloseMs: b - a, storeCloseMs: performance.now() - b };
    },
  };
}

/** Submits every envelope, `inflight` at a time; throws on any rejected command or item. */
export async function submitAll(engine: Engine, principal: Principal, envelopes: CommandEnvelope[], inflight: number): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < envelopes.length) {
      const envelope = envelopes[next++] as CommandEnvelope;
      const outcome = await must(engine.submit<BatchResult>(principal, envelope));
      const bad = outcome.results.find((result) => result.status !== 'created');
      if (bad) throw new Error(`setup ${envelope.type}: item ${bad.id} ${bad.status}`);
    }
  };
  await Promise.all(Array.from({ length: inflight }, lane));
}

export async function must<R>(pending: Promise<SubmitOutcome<R>>): Promise<R> {
  const outcome = await pending;
  if (!outcome.ok) throw new Error(`setup command rejected: ${outcome.code}: ${outcome.message}`);
  return outcome.result;
}
