import { expect, it } from 'vitest';
import { liveBenchmark } from '../bench/governance-live.ts';
import { ballotTypes } from '../src/modules/voting/index.ts';

// The live tally bench on a small proposal: it throws when a live tally differs from the recount.
it('runs the live tally benchmark for every type, the first read equal to the recount', () => {
  const results = liveBenchmark(3_000, 20);
  expect(results.map((result) => result.type)).toEqual([...ballotTypes]);
  for (const result of results) {
    expect(result.recountSeconds).toBeGreaterThanOrEqual(0);
    expect(result.ballotAndReadMicros).toBeGreaterThan(0);
  }
});
