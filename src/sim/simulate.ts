import type { GenesisConfig } from '../genesis/config.ts';
import { type SimSummary, summarise, writeSimOutput } from './output.ts';
import { type SimParams, simSteps } from './params.ts';
import { createProgress, type ProgressStream } from './render/index.ts';
import { runSimulation, type SimRun } from './run.ts';

export interface SimulationResult {
  runs: SimRun[];
  summary: SimSummary;
  files: string[];
  elapsedMs: number;
}

/**
 * `runs` seeded runs one after the other (seed, seed+1, ...), then the files. Each run is
 * deterministic for its seed: the same config, parameters and seed give the same series.
 */
export async function simulate(config: GenesisConfig, params: SimParams, options: { outDir?: string; progress?: ProgressStream }): Promise<SimulationResult> {
  const started = performance.now();
  const steps = simSteps(params);
  const progress = options.progress ? createProgress({ total: steps * params.runs, stream: options.progress, label: 'simulating' }) : undefined;
  const runs: SimRun[] = [];
  for (let index = 0; index < params.runs; index += 1) {
    let reported = 0;
    runs.push(
      await runSimulation(config, params, params.seed + index, (done) => {
        progress?.tick(done - reported);
        reported = done;
      }),
    );
  }
  progress?.done();
  const summary = summarise(runs, params);
  const files = options.outDir === undefined ? [] : writeSimOutput(options.outDir, runs, summary);
  return { runs, summary, files, elapsedMs: performance.now() - started };
}
