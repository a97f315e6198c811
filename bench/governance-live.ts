/**
 * Live tally benchmark: `node --import tsx bench/governance-live.ts [--ballots N] [--reads N]
 * [--choices N] [--only TYPE]... [--json]`. What reading a proposal's tally costs once it
 * holds N ballots (default 1,000,000, over --choices choices, default 10, the tally bench's
 * seeded ballots), on the engine's own path: ballot_cast events through evolveGovernance into
 * a proposal in its voting period, then proposalTally (what `proposal show`, the proposal list,
 * the API and the keeper read):
 * - recount: tally() of every ballot, which each read cost before the live tally;
 * - first read: the running tally built from the ballots;
 * - ballot + read: one more ballot_cast event and a read, averaged over --reads (default
 *   1,000) or as many as fit in 5 seconds: O(the ballot's terms) to count it; a read is O(choices), or for ranked-choice a
 *   run-off over the distinct rankings (with 10 random choices, about as many as ballots).
 */
// The engine's module registry first: it imports every module, and entering the import cycle
// through governance's events.ts would read governanceModule before it is initialised.
import '../src/engine/modules.ts';
import { pathToFileURL } from 'node:url';
import { createPrng } from '../src/kernel/prng.ts';
import { evolveGovernance } from '../src/modules/governance/events.ts';
import type { GovernanceEvent } from '../src/modules/governance/index.ts';
import { type GovernanceState, type Proposal, proposalTally } from '../src/modules/governance/index.ts';
import { countedBallot } from '../src/modules/governance/live-tally.ts';
import { createGovernanceState } from '../src/modules/governance/state.ts';
import { votingProposal } from '../src/modules/governance/testing/proposal.ts';
import { type Ballot, type BallotType, ballotTypes, type TallyResult, tally } from '../src/modules/voting/index.ts';
import { generateBallots } from './governance-tally.ts';
import { round, table } from './stats.ts';

export interface LiveBenchResult {
  type: BallotType;
  /** Seconds for tally() of all the ballots: each read's cost without a live tally. */
  recountSeconds: number;
  /** Seconds for the first proposalTally (builds the running tally). */
  firstReadSeconds: number;
  /** Microseconds for one more ballot and a read, averaged over `reads`. */
  ballotAndReadMicros: number;
  reads: number;
}

/** Time spent on ballot + read per type at most (at least one read). */
const readSecondsMax = 5;

export function liveBenchmark(ballots: number, reads: number, only: readonly BallotType[] = [], choiceCount = 10): LiveBenchResult[] {
  const results: LiveBenchResult[] = [];
  for (const type of ballotTypes) {
    if (only.length > 0 && !only.includes(type)) continue;
    const choices = type === 'basic' ? 3 : choiceCount;
    const generated = generateBallots(type, choices, ballots + reads, createPrng(7));
    const state = stateWithVotingProposal(type, choices);
    const proposal = state.proposals.get('p') as Proposal;
    let seq = 1;
    const cast = (ballot: Ballot): void => {
      seq += 1;
      evolveGovernance(state, ballotCast(ballot), { seq, timeMs: seq });
    };
    for (let index = 0; index < ballots; index += 1) cast(generated[index] as Ballot);
    let started = performance.now();
    const recount = tally(type, choices, [...proposal.ballots.values()].map(countedBallot));
    const recountSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const first = proposalTally(proposal);
    const firstReadSeconds = (performance.now() - started) / 1000;
    sameResult(type, first, recount);
    started = performance.now();
    let done = 0;
    // Slow reads (ranked-choice over many distinct rankings) stop after readSecondsMax.
    while (done < reads && (done === 0 || performance.now() - started < readSecondsMax * 1000)) {
      cast(generated[ballots + done] as Ballot);
      proposalTally(proposal);
      done += 1;
    }
    const ballotAndReadMicros = ((performance.now() - started) * 1000) / done;
    sameResult(type, proposalTally(proposal), tally(type, choices, [...proposal.ballots.values()].map(countedBallot)));
    results.push({
      type,
      recountSeconds: round(recountSeconds, 3),
      firstReadSeconds: round(firstReadSeconds, 3),
      ballotAndReadMicros: round(ballotAndReadMicros, 1),
      reads: done,
    });
  }
  return results;
}

/** A benchmark of a wrong answer is worthless: the live tally must be the recount. */
function sameResult(type: BallotType, live: TallyResult, recount: TallyResult): void {
  const text = (result: TallyResult) => JSON.stringify(result, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  if (text(live) !== text(recount)) throw new Error(`${type}: the live tally differs from the recount`);
}

/** A state holding one proposal `p` in its voting period. */
function stateWithVotingProposal(type: BallotType, choices: number): GovernanceState {
  const state = createGovernanceState();
  const choiceNames = Array.from({ length: choices }, (_, index) => `choice ${index + 1}`);
  state.proposals.set('p', votingProposal({ ballotType: type, choices: choiceNames }));
  return state;
}

function ballotCast(ballot: Ballot): GovernanceEvent {
  return {
    type: 'ballot_cast',
    proposalId: 'p',
    voter: ballot.voter,
    choice: ballot.choice,
    castAtMs: 0,
    ownUnits: ballot.power,
    powerUnits: ballot.power,
    adjustments: [],
  };
}

function parseArgs(argv: string[]): { ballots: number; reads: number; choices: number; only: BallotType[]; json: boolean } {
  const options = { ballots: 1_000_000, reads: 1_000, choices: 10, only: [] as BallotType[], json: false };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    const next = argv[index + 1];
    if (arg === '--ballots' || arg === '--reads' || arg === '--choices') {
      const value = Number(next);
      if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${arg} needs a positive integer`);
      options[arg.slice(2) as 'ballots' | 'reads' | 'choices'] = value;
      index += 1;
    } else if (arg === '--only') {
      if (!(ballotTypes as readonly string[]).includes(next ?? '')) throw new Error(`--only needs one of ${ballotTypes.join(', ')}`);
      options.only.push(next as BallotType);
      index += 1;
    } else if (arg === '--json') options.json = true;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const options = parseArgs(process.argv.slice(2));
  const results = liveBenchmark(options.ballots, options.reads, options.only, options.choices);
  if (options.json) console.log(JSON.stringify({ ballots: options.ballots, choices: options.choices, reads: options.reads, results }));
  else {
    console.log(
      `a proposal with ${options.ballots.toLocaleString('en-US')} ballots over ${options.choices} choices; ballot + read averaged over up to ${options.reads.toLocaleString('en-US')} reads (5 s at most)`,
    );
    console.log(
      table(
        [
          ['type', 'recount s', 'first read s', 'ballot + read µs', 'reads'],
          ...results.map((result) => [
            result.type,
            String(result.recountSeconds),
            String(result.firstReadSeconds),
            String(result.ballotAndReadMicros),
            String(result.reads),
          ]),
        ],
        new Set([1, 2, 3, 4]),
      ),
    );
  }
}
