import { PolityError } from '../../kernel/errors.ts';
import { apportion } from './apportion.ts';

/** Combined chamber scores are integers in units of 10^-18 of a weight unit. */
export const chamberDecimals = 18;
export const chamberScale = 10n ** BigInt(chamberDecimals);

export interface Chamber {
  /** The chamber's weight (for example 60 for the venture DAO, 40 for the governance DAO). */
  weight: bigint;
  /** The chamber's tally scores, one per choice (any unit: only their proportions matter). */
  scores: readonly bigint[];
}

export interface CombinedScores {
  /** Units per weight unit in `scores`: chamberScale. */
  scale: bigint;
  /** Per choice: sum over chambers of weight * score / (sum of that chamber's scores), times scale. */
  scores: bigint[];
}

/**
 * Normalises each chamber's scores to its weight and adds them (the AI DAO paper, section
 * 5.2: venture 60 voting 40 yes / 20 no plus governance 40 voting 30 / 10 gives 70 / 30).
 * Exact: each chamber's weight * scale is apportioned over its scores by largest remainder
 * (floor of weight * scale * score / sum, the leftover units of 10^-18 one each to the largest
 * remainders, the lowest-numbered choice first on equal ones), so a chamber with votes adds
 * exactly weight * scale and every share is within 10^-18 of a weight unit of the exact one.
 * A chamber without votes (all scores zero) adds nothing. Throws PolityError chambers_invalid
 * for no chambers, chambers of different lengths, or negative weights or scores.
 */
export function combineChambers(chambers: readonly Chamber[]): CombinedScores {
  const first = chambers[0];
  if (first === undefined) throw new PolityError('chambers_invalid', 'at least one chamber is needed');
  const length = first.scores.length;
  const combined = new Array<bigint>(length).fill(0n);
  chambers.forEach((chamber, number) => {
    if (chamber.scores.length !== length) {
      throw new PolityError('chambers_invalid', `chamber ${number + 1} has ${chamber.scores.length} scores, chamber 1 has ${length}`);
    }
    if (chamber.weight < 0n || chamber.scores.some((score) => score < 0n)) {
      throw new PolityError('chambers_invalid', `chamber ${number + 1} has a negative weight or score`);
    }
    if (chamber.scores.every((score) => score === 0n)) return;
    apportion(chamber.weight * chamberScale, chamber.scores).forEach((share, index) => {
      combined[index] = (combined[index] as bigint) + share;
    });
  });
  return { scale: chamberScale, scores: combined };
}
