/**
 * Test support for the power tests (not imported by the module): snapshots of the live
 * engine and members holding a tracked asset, so each test reads one line per step.
 */
import { expect } from 'vitest';
import type { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { Engine } from '../../engine/engine.ts';
import { loadState } from '../../engine/replay.ts';
import type { Principal } from '../../engine/types.ts';
import { ownPowerAt, type PowerStrategy, type Snapshot } from './index.ts';

export interface Member extends Principal {
  account: string;
}

/** The state after the last committed record. */
export function snapshotNow(w: LedgerWorld): Snapshot {
  return { seq: w.engine.head.seq, timeMs: w.engine.headTimeMs };
}

export function power(w: LedgerWorld, actorId: string, at: Snapshot, strategy: PowerStrategy): bigint {
  return ownPowerAt(w.engine.state, actorId, at, strategy);
}

/** A new member with an account of `asset`, minted `funds` (token units) when not "0". */
export async function member(w: LedgerWorld, asset: string, funds = '0'): Promise<Member> {
  const principal = await w.actor();
  const account = await w.account(asset, { owner: principal.actorId });
  if (funds !== '0') await w.mint(asset, account, funds);
  return { ...principal, account };
}

/** A tracked fungible asset with 2 decimals. */
export async function trackedAsset(w: LedgerWorld): Promise<string> {
  const asset = await w.asset({ supply: 'mintable' });
  expect(await w.ok('power.track', { asset })).toEqual({ assetId: asset, status: 'tracked' });
  return asset;
}

/** The outcome of a command as one word: its result status, its rejection code, or a validation code. */
export async function outcomeCode(w: LedgerWorld, type: string, payload: unknown, principal: Principal = w.admin): Promise<string> {
  try {
    const outcome = await w.submit<{ status?: string }>(type, payload, principal);
    return outcome.ok ? (outcome.result.status ?? 'accepted') : outcome.code;
  } catch (error) {
    return (error as { code?: string }).code ?? 'thrown';
  }
}

/** Replaying the whole log into a fresh engine, and loading a snapshot, give the live power state. */
export async function expectReplaySame(w: LedgerWorld): Promise<void> {
  await w.engine.flush();
  const live = w.engine.state.modules.power;
  const store = await w.dao.testStore.reopen();
  try {
    const engine = await Engine.open({ store, clock: w.clock, snapshotOnClose: false });
    expect(engine.state.modules.power).toEqual(live);
    await engine.close();
  } finally {
    await store.close();
  }
  await w.engine.snapshot();
  expect((await loadState(w.dao.store)).state.modules.power).toEqual(live);
}
