/**
 * Governance benchmark: `npm run bench:governance -- [--ballots 1000000] [--choices 10] [--repeat 3] [--ingest 20000] [--concurrency 64] [--live 1000000] [--json]`.
 * 1. Tally of N ballots for each ballot type over 10 choices, the median of `--repeat` runs
 *    (targets: ranked-choice <= 2 s, the others <= 1 s), and snapshot.js's own scoring on
 *    the same ballots once, for comparison.
 * 2. Signed-ballot ingestion over HTTP (target >= 5,000 ballots/s): relayed 200 per
 *    `POST /v1/ballots` (the headline figure) and one per `POST /v1/commands`.
 * 3. Reading the tally of a proposal holding `--live` ballots (bench/governance-live.ts): a full
 *    recount, the first read, and one more ballot plus a read.
 * With --json the last line is one JSON object: {"ballots", "results": [{"type", "seconds",
 * "snapshotSeconds"}], "ingestBallotsPerSecond", "ingest", "live"}.
 */
import { ingestBenchmark } from './governance-ingest.ts';
import { liveBenchmark } from './governance-live.ts';
import { tallyBenchmark } from './governance-tally.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

const json = process.argv.includes('--json');
const log = (line: string) => {
  if (!json) console.log(line);
  else console.error(line);
};
const ballots = option('ballots', 1_000_000);
const choices = option('choices', 10);
const tallies = await tallyBenchmark(ballots, choices, { log, repeat: option('repeat', 3) });
for (const result of tallies.results) {
  log(
    `${result.type.padEnd(18)} ${result.seconds.toFixed(3).padStart(7)} s (runs ${result.runs.join(', ')})  (target ${result.targetSeconds} s)  snapshot.js ${result.snapshotSeconds === null ? 'n/a' : `${result.snapshotSeconds.toFixed(3)} s`}`,
  );
}
const count = option('ingest', 20_000);
const relayed = await ingestBenchmark(count, 8, log, 200);
log(
  `signed ballots over HTTP, relayed 200 per POST /v1/ballots: ${relayed.ballotsPerSecond}/s (${relayed.accepted} of ${relayed.ballots} counted in ${relayed.seconds} s; target >= 5,000/s)`,
);
const single = await ingestBenchmark(count, option('concurrency', 64), log, 1);
log(
  `signed ballots over HTTP, one per POST /v1/commands: ${single.ballotsPerSecond}/s (${single.accepted} of ${single.ballots} counted in ${single.seconds} s)`,
);
const liveBallots = option('live', 1_000_000);
const live = liveBenchmark(liveBallots, 1_000);
for (const result of live) {
  log(
    `a proposal with ${liveBallots} ballots, ${result.type.padEnd(18)} recount ${result.recountSeconds} s, first read ${result.firstReadSeconds} s, one more ballot + read ${result.ballotAndReadMicros} µs (${result.reads} reads)`,
  );
}
const report = { ...tallies, ingestBallotsPerSecond: relayed.ballotsPerSecond, ingest: { relayed, single }, live: { ballots: liveBallots, results: live } };
if (json) console.log(JSON.stringify(report));
