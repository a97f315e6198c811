import { describe, expect, it } from 'vitest';
import type { TreasuryBurned, TreasurySpent } from '../treasury/index.ts';
import { evolveConstitution } from './events.ts';
import { outflowPeriodSecondsMax, outflowsKeptMax } from './limits.ts';
import { outflowInWindowUnits } from './queries.ts';
import { createConstitutionState } from './state.ts';

const spent = (fundId: string, amountUnits: bigint): TreasurySpent => ({ type: 'treasury_spent', spendId: 's', fundId, toId: 'x', amountUnits });
const burned = (fundId: string, amountUnits: bigint): TreasuryBurned => ({ type: 'treasury_burned', burnId: 'b', fundId, assetId: 'gov', amountUnits });

describe('the outflows the rolling windows read', () => {
  it('counts spends and burns per fund; the window is (at - period, at]', () => {
    const state = createConstitutionState();
    evolveConstitution(state, spent('ops', 100n), { seq: 1, timeMs: 1_000 });
    evolveConstitution(state, burned('ops', 50n), { seq: 2, timeMs: 2_000 });
    evolveConstitution(state, spent('community', 7n), { seq: 3, timeMs: 2_000 });
    expect(outflowInWindowUnits(state, 'ops', 10, 2_000)).toBe(150n);
    expect(outflowInWindowUnits(state, 'ops', 1, 2_000)).toBe(50n); // (1000, 2000]: the spend at 1000 has left
    expect(outflowInWindowUnits(state, 'ops', 10, 1_500)).toBe(100n); // the burn at 2000 is not yet in
    expect(outflowInWindowUnits(state, 'community', 10, 2_000)).toBe(7n);
    expect(outflowInWindowUnits(state, 'none', 10, 2_000)).toBe(0n);
  });

  it(`drops outflows older than the longest window (${outflowPeriodSecondsMax} s)`, () => {
    const state = createConstitutionState();
    evolveConstitution(state, spent('ops', 100n), { seq: 1, timeMs: 0 });
    evolveConstitution(state, spent('ops', 1n), { seq: 2, timeMs: outflowPeriodSecondsMax * 1000 });
    expect(state.outflows.get('ops')).toEqual([{ timeMs: outflowPeriodSecondsMax * 1000, amountUnits: 1n }]);
  });

  it(`keeps at most ${outflowsKeptMax} entries per fund, merging the oldest forward (never undercounting)`, () => {
    const state = createConstitutionState();
    for (let index = 0; index <= outflowsKeptMax; index += 1) evolveConstitution(state, spent('ops', 1n), { seq: index + 1, timeMs: index });
    const kept = state.outflows.get('ops') ?? [];
    expect(kept.length).toBe(outflowsKeptMax);
    expect(kept[0]).toEqual({ timeMs: 1, amountUnits: 2n });
    expect(kept.reduce((sum, outflow) => sum + outflow.amountUnits, 0n)).toBe(BigInt(outflowsKeptMax + 1));
    // a window that still holds the merged entry's later time counts both amounts
    expect(outflowInWindowUnits(state, 'ops', 1, 1)).toBe(2n);
  });
});
