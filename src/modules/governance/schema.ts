import { Type } from '@sinclair/typebox';
import { AmountSchema, IdSchema } from '../../ledger/schema.ts';
import {
  actionsPerProposalMax,
  bodyLengthMax,
  chambersMax,
  choiceLabelLengthMax,
  choicesMax,
  commentLengthMax,
  disclosureLengthMax,
  periodSecondsMax,
  reasonLengthMax,
  tagLengthMax,
  tagsMax,
  titleLengthMax,
} from './limits.ts';
import { StrategySpecSchema } from './strategy.ts';

const Percent = Type.String({ pattern: '^(0|[1-9][0-9]{0,2})(\\.[0-9]{1,4})?$', description: 'percent as a decimal string' });
const Seconds = Type.Integer({ minimum: 0, maximum: periodSecondsMax });
const BallotTypeSchema = Type.Union(
  ['basic', 'single-choice', 'approval', 'ranked-choice', 'weighted', 'quadratic', 'copeland', 'quadratic-credits'].map((type) => Type.Literal(type)),
);

export const SetCategorySchema = Type.Object(
  {
    id: IdSchema,
    discussionSeconds: Seconds,
    votingSeconds: Type.Integer({ minimum: 1, maximum: periodSecondsMax }),
    timelockSeconds: Seconds,
    gracePeriodSeconds: Type.Integer({ minimum: 1, maximum: periodSecondsMax }),
    quorumPercent: Percent,
    supportPercent: Percent,
    ballotType: Type.Optional(BallotTypeSchema),
    strategy: StrategySpecSchema,
    quorumChoices: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: choicesMax }), { minItems: 1, maxItems: choicesMax })),
    proposerMinPower: Type.Optional(AmountSchema),
    lateQuorumSeconds: Type.Optional(Seconds),
    earlyDecision: Type.Optional(Type.Boolean()),
    voteChanging: Type.Optional(Type.Boolean()),
    autoExecute: Type.Optional(Type.Boolean()),
    actionsMax: Type.Optional(Type.Integer({ minimum: 0, maximum: actionsPerProposalMax })),
    chambers: Type.Optional(
      Type.Array(
        Type.Object({ id: IdSchema, weight: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }), strategy: StrategySpecSchema }, { additionalProperties: false }),
        { minItems: 2, maxItems: chambersMax },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ActionSchema = Type.Object({ type: Type.String({ maxLength: 64 }), payload: Type.Unknown() }, { additionalProperties: false });

const Title = Type.String({ minLength: 1, maxLength: titleLengthMax });
const Body = Type.String({ maxLength: bodyLengthMax, description: 'Markdown' });
const Actions = Type.Array(ActionSchema, { maxItems: actionsPerProposalMax });

export const CreateProposalSchema = Type.Object(
  {
    id: IdSchema,
    title: Title,
    body: Body,
    category: IdSchema,
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: tagLengthMax }), { maxItems: tagsMax })),
    actions: Type.Optional(Actions),
    ballotType: Type.Optional(BallotTypeSchema),
    choices: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: choiceLabelLengthMax }), { minItems: 2, maxItems: choicesMax })),
    disclosure: Type.Optional(Type.String({ minLength: 1, maxLength: disclosureLengthMax })),
    secret: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const AmendProposalSchema = Type.Object(
  { proposal: IdSchema, title: Title, body: Body, actions: Type.Optional(Actions) },
  { additionalProperties: false },
);

export const CommentSchema = Type.Object(
  { proposal: IdSchema, id: IdSchema, text: Type.String({ minLength: 1, maxLength: commentLengthMax }), parent: Type.Optional(IdSchema) },
  { additionalProperties: false },
);

export const ProposalRefSchema = Type.Object({ proposal: IdSchema }, { additionalProperties: false });

export const VoteSchema = Type.Object(
  {
    proposal: IdSchema,
    choice: Type.Unknown({ description: "Snapshot's encoding: 1 for / 2 against / 3 abstain for basic; see the README for the others" }),
    snapshotSeq: Type.Integer({ minimum: 0, description: 'the power reference: the seq of the proposal snapshot' }),
    castAtMs: Type.Integer({ minimum: 0, description: "the voter's own time; a later ballot must carry a later time" }),
  },
  { additionalProperties: false },
);

export const VetoSchema = Type.Object(
  { proposal: IdSchema, reason: Type.String({ minLength: 1, maxLength: reasonLengthMax }) },
  { additionalProperties: false },
);
