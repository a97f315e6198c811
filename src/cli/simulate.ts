import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadGenesisConfig } from '../genesis/config.ts';
import { parseDuration } from '../kernel/duration.ts';
import { PolityError } from '../kernel/errors.ts';
import { summaryText } from '../sim/output.ts';
import { defaultSimParams, type SimParams } from '../sim/params.ts';
import { simulate } from '../sim/simulate.ts';
import { emit, type JsonOption } from './output.ts';

interface SimulateOptions extends JsonOption {
  config: string;
  out?: string;
  years?: string;
  step?: string;
  seed?: string;
  runs?: string;
  holders?: string;
  params?: string;
}

function positiveInteger(text: string | undefined, option: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^[1-9][0-9]*$/.test(text) || Number(text) > max) throw new PolityError('usage', `${option} must be a whole number from 1 to ${max}`);
  return Number(text);
}

/**
 * Behaviour parameters from a JSON file: any key of `SimParams` (see src/sim/params.ts), each
 * of the default's type; an unknown key or a wrong type is refused, never ignored.
 */
function paramsFile(path: string | undefined): Partial<SimParams> {
  if (path === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PolityError('params_invalid', `--params ${path}: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new PolityError('params_invalid', `--params ${path}: expected a JSON object`);
  for (const [key, value] of Object.entries(parsed)) {
    const fallback = (defaultSimParams as unknown as Record<string, unknown>)[key];
    if (fallback === undefined)
      throw new PolityError('params_invalid', `--params ${path}: unknown parameter "${key}"; known: ${Object.keys(defaultSimParams).join(', ')}`);
    const sameShape = Array.isArray(fallback)
      ? Array.isArray(value)
      : typeof value === typeof fallback && (typeof value !== 'number' || Number.isSafeInteger(value));
    if (!sameShape) throw new PolityError('params_invalid', `--params ${path}: "${key}" must be like ${JSON.stringify(fallback)}`);
  }
  return parsed as Partial<SimParams>;
}

export function simParamsFromOptions(options: SimulateOptions): SimParams {
  const fromFile = paramsFile(options.params);
  const base = { ...defaultSimParams, ...fromFile };
  const stepSeconds = options.step === undefined ? base.stepSeconds : parseDuration(options.step);
  if (stepSeconds < 3_600) throw new PolityError('usage', '--step must be at least 1h');
  return {
    ...base,
    years: positiveInteger(options.years, '--years', base.years, 50),
    stepSeconds,
    seed: options.seed === undefined ? base.seed : positiveInteger(options.seed, '--seed', 1, 2 ** 31),
    runs: positiveInteger(options.runs, '--runs', base.runs, 100),
    holders: positiveInteger(options.holders, '--holders', base.holders, 1_000_000),
    sampleSeconds: Math.max(stepSeconds, base.sampleSeconds),
  };
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('run the economy of a genesis config for years on a virtual clock (the real engine, in memory) and write series, tables and charts')
    .requiredOption('--config <file>', 'genesis config (YAML), such as examples/btt.yaml')
    .option('--out <dir>', 'where to write series.csv, series.json, summary.txt, summary.json and the SVG charts')
    .option('--years <n>', 'years to simulate (default 8)')
    .option('--step <duration>', 'clock step such as 1d, 7d, 12h (default 1d)')
    .option('--seed <n>', 'seed of the first run (default 1); run k uses seed+k')
    .option('--runs <k>', 'seeded runs for Monte Carlo bands (default 1)')
    .option('--holders <n>', 'simulated holders (default 10000)')
    .option('--params <file.json>', 'behaviour parameters to change, e.g. {"stakeChancePerDayPpm": 5000, "feesPerDayTokens": 10000} (keys: src/sim/params.ts)')
    .option('--json', 'print the summary as one JSON object')
    .action(async (options: SimulateOptions) => {
      const config = loadGenesisConfig(options.config);
      const params = simParamsFromOptions(options);
      const outDir = options.out === undefined ? undefined : resolve(options.out);
      const result = await simulate(config, params, { ...(outDir ? { outDir } : {}), ...(options.json ? {} : { progress: process.stderr }) });
      emit(options, { ...result.summary, elapsedMs: Math.round(result.elapsedMs), files: result.files, outDir: outDir ?? null }, () => [
        summaryText(result.summary),
        `Done in ${(result.elapsedMs / 1000).toFixed(1)} s${outDir ? `; wrote ${result.files.join(', ')} to ${outDir}` : ''}.`,
      ]);
    });
}
