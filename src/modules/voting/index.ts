/**
 * The voting library: ballot types and tallies by Snapshot's rules, exact in bigint. Pure:
 * no engine state, no commands. The governance module and the CLI import it from here.
 */
export { apportion } from './apportion.ts';
export { type Chamber, type CombinedScores, chamberDecimals, chamberScale, combineChambers } from './chambers.ts';
export { isqrtFloorFast } from './isqrt.ts';
export { ballotsMax, choicesMax } from './limits.ts';
export { basicChoices } from './methods/basic.ts';
export { votingMethods } from './registry.ts';
export { RunningTally } from './running.ts';
export { choiceCountReason, tally, validateBallot, validateChoice } from './tally.ts';
export { parseTallyFile, type TallyFile } from './tally-file.ts';
export { type TallyView, tallyView } from './tally-view.ts';
export { type Ballot, type BallotType, ballotTypes, type InvalidBallot, type TallyResult, type VotingMethod } from './types.ts';
