/**
 * Simulator benchmark: `npm run bench:sim -- [--config examples/btt.yaml] [--years 8] [--holders 10000] [--repeat 3]`.
 * Times `polity simulate` as a user runs it (a fresh process: start-up, genesis, the daily
 * steps on the real engine, and writing every file) and, inside one process, the
 * simulation alone. Target: eight years of daily steps with 10,000 holders in <= 10 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGenesisConfig } from '../src/genesis/config.ts';
import { defaultSimParams } from '../src/sim/params.ts';
import { simulate } from '../src/sim/simulate.ts';
import { median } from './stats.ts';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const config = option('config', 'examples/btt.yaml');
const years = Number(option('years', '8'));
const holders = Number(option('holders', '10000'));
const repeat = Number(option('repeat', '3'));
const out = mkdtempSync(join(tmpdir(), 'polity-bench-sim-'));

try {
  const cli: number[] = [];
  for (let run = 0; run < repeat; run += 1) {
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      ['bin/polity.js', 'simulate', '--config', config, '--years', String(years), '--holders', String(holders), '--out', out, '--json'],
      {
        encoding: 'utf8',
      },
    );
    if (child.status !== 0) throw new Error(`polity simulate failed: ${child.stderr}`);
    cli.push((performance.now() - started) / 1000);
  }
  const inProcess: number[] = [];
  let commands = 0;
  for (let run = 0; run < repeat; run += 1) {
    const result = await simulate(loadGenesisConfig(config), { ...defaultSimParams, years, holders }, {});
    inProcess.push(result.elapsedMs / 1000);
    commands = result.summary.commands;
  }
  const report = {
    config,
    years,
    holders,
    steps: Math.ceil((years * 31_557_600) / defaultSimParams.stepSeconds),
    commands,
    cliSecondsMedian: Number(median(cli).toFixed(2)),
    cliSeconds: cli.map((value) => Number(value.toFixed(2))),
    simulationSecondsMedian: Number(median(inProcess).toFixed(2)),
    simulationSeconds: inProcess.map((value) => Number(value.toFixed(2))),
    targetSeconds: 10,
    machine: { cores: cpus().length, node: process.version },
  };
  console.log(
    `polity simulate, ${years} years daily, ${holders} holders (${report.commands} commands): ${report.cliSecondsMedian} s as a command (median of ${repeat}), ${report.simulationSecondsMedian} s in process; target <= 10 s`,
  );
  console.log(JSON.stringify(report));
} finally {
  rmSync(out, { recursive: true, force: true });
}
