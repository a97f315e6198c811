import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { ownPowerAt, powerStrategyProblem } from '../../power/index.ts';
import { type BallotType, choiceCountReason } from '../../voting/index.ts';
import type { ProposalCreated, ProposalFields } from '../events.ts';
import { checkActions, constitutionRejection, proposalFacts } from '../rules.ts';
import { CreateProposalSchema } from '../schema.ts';
import { toPowerStrategy } from '../strategy.ts';

export type CreateProposalPayload = Static<typeof CreateProposalSchema>;

const basicChoices = ['For', 'Against', 'Abstain'];

/**
 * A draft proposal by the caller. Checked now: the category, the proposer's power, every
 * action against its own command's schema, and the constitution (proposer requirements,
 * disclosure of a conflict of interest). Rejections in order: proposal_exists,
 * category_not_found, choices_invalid, too_many_actions, actions_need_basic_ballot,
 * action_not_allowed, action_invalid, proposer_power_too_low, then constitution_* codes.
 */
export const createProposal: CommandDefinition<EngineState, CreateProposalPayload, { id: string; status: string }> = {
  type: 'governance.create',
  schema: CreateProposalSchema,
  apply(state, payload, ctx) {
    const governance = state.modules.governance;
    if (governance.proposals.has(payload.id)) return rejected('proposal_exists', `proposal ${payload.id} exists`);
    const category = governance.categories.get(payload.category);
    if (!category) return rejected('category_not_found', `no governance category ${payload.category}`);
    const ballotType = (payload.ballotType ?? category.ballotType) as BallotType;
    const choices = ballotType === 'basic' ? basicChoices : payload.choices;
    if (!choices || (ballotType === 'basic' && payload.choices !== undefined)) {
      return rejected(
        'choices_invalid',
        ballotType === 'basic' ? 'a basic ballot has the choices For, Against, Abstain' : `a ${ballotType} ballot needs its choices`,
      );
    }
    const countProblem = choiceCountReason(ballotType, choices.length);
    if (countProblem) return rejected('choices_invalid', `a ${ballotType} ballot cannot have ${choices.length} choices: ${countProblem}`);
    const actions = payload.actions ?? [];
    const actionProblem = checkActions(category, actions, ballotType);
    if (actionProblem) return actionProblem;
    const now = { seq: ctx.seq - 1, timeMs: ctx.timeMs };
    const strategy = toPowerStrategy(category.strategy);
    const strategyProblem = powerStrategyProblem(state, strategy, now);
    if (strategyProblem) return rejected(strategyProblem.code, `category ${category.id}: ${strategyProblem.message}`);
    const power = ownPowerAt(state, ctx.actorId, now, strategy);
    if (power < category.proposerMinPowerUnits)
      return rejected('proposer_power_too_low', `${ctx.actorId} has less voting power than category ${category.id} asks of a proposer`);
    const fields: ProposalFields = {
      id: payload.id,
      proposerId: ctx.actorId,
      category: category.id,
      title: payload.title,
      body: payload.body,
      tags: payload.tags ?? [],
      actions,
      choices,
      ballotType,
      secret: payload.secret === true,
    };
    if (payload.disclosure !== undefined) fields.disclosure = payload.disclosure;
    const violation = constitutionRejection(state, proposalFacts(fields, ctx.timeMs), 'create');
    if (violation) return violation;
    const event: ProposalCreated = { type: 'proposal_created', proposal: fields };
    return accepted([event], { id: payload.id, status: 'draft' });
  },
};
