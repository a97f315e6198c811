import { afterEach, describe, expect, it } from 'vitest';
import { backends } from '../../test/support/backends.ts';
import { LedgerWorld } from '../../test/support/ledger-world.ts';
import { LedgerMoves } from './moves.ts';

/** How modules move value: by the ledger's own rules, in a namespace clients cannot take. */
// The schema and the draft logic do not touch the database: one backend is enough here.
const sqlite = backends.find((backend) => backend.name === 'sqlite') ?? backends[0];

describe('LedgerMoves', () => {
  let world: LedgerWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('a client cannot choose a transfer id with a colon, so module ids cannot be taken first', async () => {
    world = await LedgerWorld.open(sqlite as (typeof backends)[number]);
    const { a, b } = await world.pair();
    // Validation runs before sequencing: submit throws at once.
    expect(() => world?.submit('ledger.create_transfers', { transfers: [{ id: 'stake:s1:r9', from: a, to: b, amount: '1' }] })).toThrow(/transfers\/0\/id/);
    expect(() => world?.submit('ledger.mint', { id: 'treasury:spend:x', asset: 'nope', to: a, amount: '1' })).toThrow(/id Expected string/);
  });

  it('decides each move by the ledger rules and sees the earlier moves of the same command', async () => {
    world = await LedgerWorld.open(sqlite as (typeof backends)[number]);
    const { asset, a, b } = await world.pair({ funds: '10' });
    const ctx = { seq: 99, timeMs: world.clock.nowMs(), daoId: world.engine.daoId, actorId: 'system' };
    const moves = new LedgerMoves(world.engine.state, ctx);
    expect(moves.transfer({ id: 'm:1', fromId: a, toId: b, units: 600n })).toBeUndefined();
    // The first move already took 6.00 of the 10.00: a second of 6.00 is refused.
    expect(moves.transfer({ id: 'm:2', fromId: a, toId: b, units: 600n })).toMatchObject({ code: 'insufficient_funds' });
    expect(moves.burn({ id: 'm:3', fromId: b, units: 100n })).toBeUndefined();
    expect(moves.events.map((event) => event.type)).toEqual(['transfer_created', 'transfer_created']);
    // Nothing reached the committed state: the draft holds it until the engine evolves the events.
    expect(world.balance(a)).toBe(1000n);
    expect(moves.draft.account(b)?.creditsPostedUnits).toBe(600n);
    expect(world.assetState(asset).burnedUnits).toBe(0n);
  });

  it('funds from mint only for a caller who may mint: a module permission alone creates no money', async () => {
    world = await LedgerWorld.open(sqlite as (typeof backends)[number]);
    const asset = await world.asset({ supply: 'fixed', maxSupply: '100' });
    const target = await world.account(asset);
    const member = await world.actor();
    const asMember = new LedgerMoves(world.engine.state, { seq: 1, timeMs: world.clock.nowMs(), daoId: world.engine.daoId, ...member });
    expect(asMember.fund({ id: 'x:1', assetId: asset, toId: target, units: 10_000n, source: 'mint' })).toMatchObject({ code: 'not_authorized' });
    const asAdmin = new LedgerMoves(world.engine.state, { seq: 1, timeMs: world.clock.nowMs(), daoId: world.engine.daoId, ...world.admin });
    expect(asAdmin.fund({ id: 'x:2', assetId: asset, toId: target, units: 10_000n, source: 'mint' })).toBeUndefined();
    // The fixed supply (100.00, two decimals) still holds for the admin.
    expect(asAdmin.fund({ id: 'x:3', assetId: asset, toId: target, units: 1n, source: 'mint' })).toMatchObject({ code: 'max_supply_exceeded' });
  });
});
