import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLedgerInvariants } from '../engine/invariants.ts';
import { loadGenesisConfig } from '../genesis/config.ts';
import { supplyUnits } from '../reports/supply.ts';
import { Behaviours } from './behaviours.ts';
import { defaultSimParams, type SimParams } from './params.ts';
import { SimWorld } from './world.ts';

const btt = loadGenesisConfig(join(import.meta.dirname, '..', '..', 'examples', 'btt.yaml'));
const seed = Number(process.env.POLITY_TEST_SEED ?? 20261123);

/**
 * Random mixes of everything the economy does (vesting claims, sales, stakes, reward claims,
 * unstakes, fee charges with burns and stakers' revenue, emission and distribution, fund
 * spends, milestone burns), driven by the simulator's behaviours with random parameters.
 * After every step: the ledger's invariants (conservation per asset, no overdraft, pending
 * reservations match) and revenue sharing's (what it owes equals what it holds) hold, the
 * fixed supply was never exceeded, and the supply report's categories add up to the total.
 */
describe('economy property', () => {
  it('conservation and the fixed supply hold after every step of random economic activity', async () => {
    console.info(`economy property seed ${seed} (set POLITY_TEST_SEED to replay)`);
    const seen = { stakes: 0, feeBurns: 0n, distributions: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          worldSeed: fc.integer({ min: 1, max: 2 ** 30 }),
          stakeChancePerDayPpm: fc.integer({ min: 0, max: 200_000 }),
          stakeSharePpm: fc.integer({ min: 1, max: 1_000_000 }),
          claimChancePerDayPpm: fc.integer({ min: 0, max: 500_000 }),
          feesPerDayTokens: fc.integer({ min: 0, max: 50_000 }),
          stepDays: fc.integer({ min: 1, max: 20 }),
        }),
        async (drawn) => {
          const params: SimParams = {
            ...defaultSimParams,
            holders: 40,
            years: 1,
            stepSeconds: drawn.stepDays * 86_400,
            stakeChancePerDayPpm: drawn.stakeChancePerDayPpm,
            stakeSharePpm: drawn.stakeSharePpm,
            claimChancePerDayPpm: drawn.claimChancePerDayPpm,
            feesPerDayTokens: drawn.feesPerDayTokens,
            burnMonths: [1, 2, 3, 4],
            milestoneMonths: [1, 2, 3],
            miningIntervalDays: 10,
          };
          const world = await SimWorld.create(btt, { holders: params.holders, seed: drawn.worldSeed });
          try {
            const behaviours = new Behaviours(world, params);
            const maxSupply = 21_000_000n * 10n ** 18n;
            for (let step = 1; step * params.stepSeconds <= 200 * 86_400; step += 1) {
              world.clock.advanceMs(params.stepSeconds * 1000);
              behaviours.step(step);
              await world.flush();
              const state = world.engine.state;
              expect(checkLedgerInvariants(state, world.engine.head.seq)).toEqual([]);
              const asset = state.ledger.assets.get('BTT');
              expect(asset?.mintedUnits).toBe(maxSupply);
              const { byCategory } = supplyUnits(state, world.nowMs);
              const parts = Object.values(byCategory).reduce((sum, units) => sum + units, 0n);
              expect(parts).toBe((asset?.mintedUnits ?? 0n) - (asset?.burnedUnits ?? 0n));
            }
            const state = world.engine.state;
            seen.stakes += state.modules.staking.stakes.size;
            seen.distributions += state.modules.emission.distributions.size;
            for (const entry of state.modules.burns.feeClasses.values()) seen.feeBurns += entry.burnedUnits;
          } finally {
            await world.close();
          }
        },
      ),
      { seed, numRuns: 6 },
    );
    // The random mixes did exercise staking, fee burns and distributions.
    expect(seen.stakes).toBeGreaterThan(0);
    expect(seen.feeBurns).toBeGreaterThan(0n);
    expect(seen.distributions).toBeGreaterThan(0);
  }, 120_000);
});
