import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGenesisConfig } from '../genesis/config.ts';
import { defaultSimParams, type SimParams } from './params.ts';
import { simulate } from './simulate.ts';

const btt = loadGenesisConfig(join(import.meta.dirname, '..', '..', 'examples', 'btt.yaml'));
const small: SimParams = { ...defaultSimParams, years: 2, holders: 300, runs: 2, seed: 7 };

describe('simulate', () => {
  it('is deterministic for a seed, differs across seeds, and every sample adds up', async () => {
    const first = await simulate(btt, small, {});
    const again = await simulate(btt, small, {});
    expect(again.runs.map((run) => run.samples)).toEqual(first.runs.map((run) => run.samples));
    const [runA, runB] = first.runs;
    expect(runA?.seed).toBe(7);
    expect(runB?.seed).toBe(8);
    expect(runA?.samples).not.toEqual(runB?.samples);
    for (const run of first.runs) {
      for (const sample of run.samples) {
        const parts = sample.circulating + sample.vesting + sample.staked + sample.treasury + sample.pools + sample.escrow;
        expect(parts, `sample at step ${sample.step}`).toBe(sample.total);
        expect(sample.total + sample.burned).toBe(21_000_000n * 10n ** 18n);
      }
    }
  });

  it('releases by the schedules: after two years the mining pool has emitted its first epoch', async () => {
    const result = await simulate(btt, { ...small, runs: 1 }, {});
    const last = result.runs[0]?.samples.at(-1);
    // 2,520,000 of the pool's 6,300,000 come due over years 1-2; miners are paid monthly, so
    // up to a month of emission (105,000) and the stakers' unclaimed revenue still sit in pools.
    expect(last?.pools).toBeLessThan(3_780_000n * 10n ** 18n + 200_000n * 10n ** 18n);
    expect(last?.pools).toBeGreaterThan(3_780_000n * 10n ** 18n);
    expect(result.summary.releaseByYear.map((row) => row.documentYear)).toEqual(['2025', '2026']);
    expect(Number(result.summary.releaseByYear[1]?.simulatedCumulativePercent)).toBeGreaterThan(20);
  });
});
