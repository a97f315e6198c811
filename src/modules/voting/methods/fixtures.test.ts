import { describe, expect, it } from 'vitest';
import { tally } from '../tally.ts';
import type { BallotType } from '../types.ts';
import { approvalFixtures } from './approval.fixture.ts';
import { basicFixtures } from './basic.fixture.ts';
import { copelandFixtures } from './copeland.fixture.ts';
import type { MethodFixture } from './fixture.ts';
import { quadraticFixtures } from './quadratic.fixture.ts';
import { quadraticCreditsFixtures } from './quadratic-credits.fixture.ts';
import { rankedChoiceFixtures } from './ranked-choice.fixture.ts';
import { singleChoiceFixtures } from './single-choice.fixture.ts';
import { weightedFixtures } from './weighted.fixture.ts';

/** Every method's hand-computed fixtures (the arithmetic is in the fixture files). */
const fixtures: Record<BallotType, MethodFixture[]> = {
  basic: basicFixtures,
  'single-choice': singleChoiceFixtures,
  approval: approvalFixtures,
  'ranked-choice': rankedChoiceFixtures,
  weighted: weightedFixtures,
  quadratic: quadraticFixtures,
  copeland: copelandFixtures,
  'quadratic-credits': quadraticCreditsFixtures,
};

for (const [type, cases] of Object.entries(fixtures) as [BallotType, MethodFixture[]][]) {
  describe(`${type} fixtures`, () => {
    it.each(cases.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
      const result = tally(type, fixture.choiceCount, fixture.ballots);
      expect(result).toEqual({ type, ...fixture.expected, invalid: fixture.expected.invalid ?? [] });
    });
  });
}
