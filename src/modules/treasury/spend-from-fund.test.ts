import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { systemActorId } from '../../access/state.ts';
import type { TransferCreated } from '../../ledger/events.ts';
import { LedgerMoves } from '../../ledger/moves.ts';
import { fundAccountId, spendFromFund } from './index.ts';
import { spendFromFundRejections } from './rejections.ts';

const hourSeconds = 3600;

forEachBackend((backend) => {
  let w: LedgerWorld;
  let asset: string;
  let target: string;
  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
    asset = await w.asset({ decimals: 0 });
    target = await w.account(asset);
  });
  afterAll(async () => {
    await w.close();
  });

  /** A fund holding `initial` (40 unless told) with a limit of 50 per hour, as the treasury.spend rejection rows use. */
  async function limitedFund(initial = '40'): Promise<string> {
    const id = w.id('fund');
    await w.ok('treasury.create_fund', { id, asset, spendingLimit: { amount: '50', periodSeconds: hourSeconds }, initial: { amount: initial } });
    return id;
  }

  const movesNow = () => {
    const state = w.engine.state;
    return new LedgerMoves(state, { seq: 1_000_000, timeMs: w.clock.nowMs(), daoId: state.daoId, actorId: systemActorId });
  };

  it('moves the units as treasury:spend:<id> and notes treasury_spent', async () => {
    const fund = await limitedFund();
    const moves = movesNow();
    const input = { spendId: '@probe:1', fundId: fund, toAccountId: target, units: 7n, memo: 'grant', atMs: w.clock.nowMs() };
    expect(spendFromFund(w.engine.state, moves, input)).toBeUndefined();
    const created = moves.events[0] as TransferCreated;
    expect(created.transfer).toMatchObject({ id: 'treasury:spend:@probe:1', fromId: fundAccountId(fund), toId: target, amountUnits: 7n, memo: 'grant' });
    expect(moves.events.at(-1)).toEqual({ type: 'treasury_spent', spendId: '@probe:1', fundId: fund, toId: target, amountUnits: 7n });
  });

  it('outflows made earlier in the same command count against the rolling limit', async () => {
    const fund = await limitedFund('100');
    const moves = movesNow();
    const base = { fundId: fund, toAccountId: target, atMs: w.clock.nowMs() };
    expect(spendFromFund(w.engine.state, moves, { ...base, spendId: '@probe:a', units: 30n })).toBeUndefined();
    expect(spendFromFund(w.engine.state, moves, { ...base, spendId: '@probe:b', units: 21n })?.code).toBe('spending_limit_exceeded');
    expect(spendFromFund(w.engine.state, moves, { ...base, spendId: '@probe:c', units: 20n })).toBeUndefined();
  });

  // recent_spends_max_reached needs 1,024 outflows: treasury.spend's row covers it, through this helper.
  it.each<[string]>(spendFromFundRejections.filter((code) => code !== 'recent_spends_max_reached').map((code) => [code]))('rejection row: %s', async (code) => {
    const fund = await limitedFund();
    const taken = w.id('spend');
    await w.ok('treasury.spend', { id: taken, fund, to: target, amount: '1' });
    const base = { spendId: `@probe:${code}`, fundId: fund, toAccountId: target, units: 1n, atMs: w.clock.nowMs() };
    const inputs: Record<string, typeof base> = {
      fund_not_found: { ...base, fundId: 'nope' },
      amount_invalid: { ...base, units: 0n },
      spending_limit_exceeded: { ...base, units: 50n },
      spend_exists: { ...base, spendId: taken },
    };
    const input = inputs[code];
    if (!input) return expect.fail(`no row for ${code}`);
    expect(spendFromFund(w.engine.state, movesNow(), input)?.code).toBe(code);
  });

  it('the ledger refuses what the fund cannot pay: insufficient_funds after the limit', async () => {
    const fund = await limitedFund();
    const input = { spendId: '@probe:poor', fundId: fund, toAccountId: target, units: 45n, atMs: w.clock.nowMs() };
    expect(spendFromFund(w.engine.state, movesNow(), input)?.code).toBe('insufficient_funds');
  });
});
