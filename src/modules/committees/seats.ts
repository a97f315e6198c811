/**
 * How an election's ballots fill a committee's seats. The counting itself is the shared voting
 * library's (Snapshot's approval and ranked-choice rules, exact in bigint); this file decides
 * how its single-winner results fill several seats.
 */
import { assert } from '../../kernel/assert.ts';
import { type Ballot, tally, validateChoice } from '../voting/index.ts';
import type { ElectionMethod } from './state.ts';

/** A ballot over an election's candidates: the shared `Ballot` with Snapshot's index lists. */
export interface SeatBallot extends Ballot {
  choice: readonly number[];
}

/** A filled seat: the 1-based candidate index and the power that carried it. */
export interface SeatWinner {
  candidate: number;
  votes: bigint;
}

/** Whether `choice` is a valid ballot of this method over `candidateCount` candidates. */
export function isValidChoice(method: ElectionMethod, choice: readonly number[], candidateCount: number): boolean {
  return candidateCount > 0 && validateChoice(method, choice, candidateCount) === undefined;
}

/**
 * Fills up to `seats` seats from `candidateCount` candidates (numbered in order of standing).
 *
 * Approval: the highest approval counts win, ties broken by earlier standing; a candidate
 * nobody approved is not elected, so seats may stay empty.
 *
 * Ranked-choice: sequential instant run-off. The run-off is run over all candidates; its
 * winner takes the first seat and is struck from every ballot (each ballot stays a full
 * ranking of those left), then the run-off is run again for the next seat, until the seats
 * or the candidates run out. Without a single ballot nobody is elected.
 */
export function fillSeats(method: ElectionMethod, candidateCount: number, ballots: readonly SeatBallot[], seats: number): SeatWinner[] {
  if (candidateCount === 0) return [];
  return method === 'approval' ? approvalSeats(candidateCount, ballots, seats) : runOffSeats(candidateCount, ballots, seats);
}

function approvalSeats(candidateCount: number, ballots: readonly SeatBallot[], seats: number): SeatWinner[] {
  const { scores } = tally('approval', candidateCount, ballots);
  const order = scores
    .map((votes, i) => ({ candidate: i + 1, votes }))
    .filter((entry) => entry.votes > 0n)
    .sort((a, b) => (a.votes === b.votes ? a.candidate - b.candidate : a.votes > b.votes ? -1 : 1));
  return order.slice(0, seats);
}

function runOffSeats(candidateCount: number, ballots: readonly SeatBallot[], seats: number): SeatWinner[] {
  const winners: SeatWinner[] = [];
  // remaining[k] is the original number of the candidate numbered k + 1 in this round's ballots.
  let remaining = Array.from({ length: candidateCount }, (_, i) => i + 1);
  let current = ballots;
  while (winners.length < seats && remaining.length > 0) {
    const { winner, scores } = tally('ranked-choice', remaining.length, current);
    if (winner === null) break;
    const original = remaining[winner - 1];
    assert(original !== undefined, 'the run-off winner is one of the remaining candidates');
    winners.push({ candidate: original, votes: scores[winner - 1] ?? 0n });
    current = strike(current, winner);
    remaining = remaining.filter((_, k) => k !== winner - 1);
  }
  return winners;
}

/** Removes one choice from every ballot and renumbers those after it. */
export function strike(ballots: readonly SeatBallot[], choice: number): SeatBallot[] {
  return ballots.map((ballot) => ({
    ...ballot,
    choice: ballot.choice.filter((index) => index !== choice).map((index) => (index > choice ? index - 1 : index)),
  }));
}

/**
 * Keeps the candidates marked `keep` and renumbers every ballot to match: the others leave
 * approval sets, and leave rankings so that the voter's next preference counts instead.
 */
export function keepCandidates(ballots: readonly SeatBallot[], keep: readonly boolean[]): SeatBallot[] {
  const renumbered: number[] = [];
  let next = 0;
  for (const kept of keep) renumbered.push(kept ? ++next : 0);
  return ballots.map((ballot) => ({
    ...ballot,
    choice: ballot.choice.map((index) => renumbered[index - 1] ?? 0).filter((index) => index > 0),
  }));
}
