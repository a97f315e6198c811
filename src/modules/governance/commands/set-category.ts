import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { parseAmount } from '../../../kernel/amount.ts';
import { isPolityError, PolityError } from '../../../kernel/errors.ts';
import { percentToPpm } from '../../../kernel/rates.ts';
import { governanceDecimals } from '../../economy/index.ts';
import { powerStrategyProblem } from '../../power/index.ts';
import type { BallotType } from '../../voting/index.ts';
import type { CategorySet } from '../events.ts';
import { actionsPerProposalMax, categoriesMax } from '../limits.ts';
import { canAdminister } from '../rules.ts';
import { SetCategorySchema } from '../schema.ts';
import type { Category } from '../state.ts';
import { type StrategySpec, toPowerStrategy } from '../strategy.ts';

export type SetCategoryPayload = Static<typeof SetCategorySchema>;

/**
 * Creates or replaces a category's rules (periods, quorum, support, ballot type, power
 * strategy). Open proposals keep the rules their voting started with only where voting has
 * fixed them (snapshot, eligible power, support); a DAO changes categories by a proposal.
 */
export const setCategory: CommandDefinition<EngineState, SetCategoryPayload, { id: string; status: string }> = {
  type: 'governance.set_category',
  schema: SetCategorySchema,
  apply(state, payload, ctx) {
    if (!canAdminister(state, ctx, `category:${payload.id}`)) return rejected('not_authorized', `${ctx.actorId} may not set governance categories`);
    const categories = state.modules.governance.categories;
    if (!categories.has(payload.id) && categories.size >= categoriesMax) return rejected('too_many_categories', `at most ${categoriesMax} categories`);
    let category: Category;
    try {
      category = toCategory(state, payload);
    } catch (error) {
      if (isPolityError(error)) return rejected(error.code, error.message);
      throw error;
    }
    for (const strategy of [category.strategy, ...(category.chambers ?? []).map((chamber) => chamber.strategy)]) {
      const strategyProblem = powerStrategyProblem(state, toPowerStrategy(strategy));
      if (strategyProblem) return rejected(strategyProblem.code, `strategy: ${strategyProblem.message}`);
    }
    const event: CategorySet = { type: 'governance_category_set', category };
    return accepted([event], { id: payload.id, status: categories.has(payload.id) ? 'updated' : 'created' });
  },
};

function toCategory(state: EngineState, payload: SetCategoryPayload): Category {
  const decimals = governanceDecimals(state);
  const category: Category = {
    id: payload.id,
    discussionSeconds: payload.discussionSeconds,
    votingSeconds: payload.votingSeconds,
    timelockSeconds: payload.timelockSeconds,
    gracePeriodSeconds: payload.gracePeriodSeconds,
    quorumPpm: percentToPpm(payload.quorumPercent),
    supportPpm: percentToPpm(payload.supportPercent),
    ballotType: (payload.ballotType ?? 'basic') as BallotType,
    strategy: payload.strategy as StrategySpec,
    proposerMinPowerUnits: payload.proposerMinPower === undefined ? 0n : parseAmount(payload.proposerMinPower, { decimals }),
    lateQuorumSeconds: payload.lateQuorumSeconds ?? 0,
    earlyDecision: payload.earlyDecision === true,
    voteChanging: payload.voteChanging === true,
    autoExecute: payload.autoExecute === true,
    actionsMax: payload.actionsMax ?? actionsPerProposalMax,
  };
  if (payload.quorumChoices !== undefined) category.quorumChoices = payload.quorumChoices;
  if (payload.chambers !== undefined) {
    if (category.ballotType !== 'basic') throw new PolityError('chambers_need_basic_ballot', 'chambers decide for/against/abstain votes only');
    category.chambers = payload.chambers.map((chamber) => ({ id: chamber.id, weight: chamber.weight, strategy: chamber.strategy as StrategySpec }));
  }
  return category;
}
