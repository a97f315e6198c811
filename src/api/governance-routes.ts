import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import type { EngineState } from '../engine/state.ts';
import { formatAmount } from '../kernel/amount.ts';
import { PolityError } from '../kernel/errors.ts';
import { committeeList, committeeMembers, election } from '../modules/committees/index.ts';
import { constitutionVersion, ruleInputs } from '../modules/constitution/index.ts';
import { governanceDecimals } from '../modules/economy/index.ts';
import { ballotsHidden, type Proposal, proposals, proposalView } from '../modules/governance/index.ts';
import { multisigTransactions, signerSets } from '../modules/multisig/index.ts';
import { chamberDecimals, tallyView } from '../modules/voting/index.ts';
import { principalOf } from './auth.ts';
import { economyView } from './economy-views.ts';
import { IdParams, responses } from './schemas.ts';
import { bearerSecurity } from './submit.ts';

const Loose = Type.Object({}, { additionalProperties: true });

/** A proposal as clients read it: its record, its state now, and (unless secret and open) its ballots and tally. */
export function proposalJson(state: EngineState, proposal: Proposal, nowMs: number): Record<string, unknown> {
  const category = state.modules.governance.categories.get(proposal.category);
  const view = category ? proposalView(proposal, category, nowMs) : undefined;
  const decimals = governanceDecimals(state);
  const hidden = ballotsHidden(state, proposal.id, nowMs);
  const { ballots, ...record } = proposal;
  return {
    ...(economyView(record, decimals) as Record<string, unknown>),
    // A chambered vote's combined scores are in units of 10^-18 of a weight unit, whatever the token's decimals.
    state: view ? { ...view, tally: view.tally && tallyView(view.tally, proposal.chambers ? chamberDecimals : decimals) } : null,
    ballots: hidden ? null : [...ballots.values()].map((ballot) => economyView(ballot, decimals)),
    ballotCount: ballots.size,
  };
}

/** Signed ballots relayed together; each counts for its own voter, by its own signature. */
export const ballotsPerRequestMax = 1_000;

const RelayedBallots = Type.Object(
  {
    ballots: Type.Array(
      Type.Object(
        { voter: Type.String({ maxLength: 128 }), payload: Type.Unknown(), signature: Type.String({ maxLength: 200 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: ballotsPerRequestMax },
    ),
  },
  { additionalProperties: false },
);

/**
 * Relays many signed ballots in one request, as Snapshot's relayers do: the caller needs no
 * power of its own, because each ballot is submitted as its voter and must carry the voter's
 * signature over it (`signature_required`, `signature_invalid` otherwise). One status per
 * ballot; the ballots commit together in the writer's group commits.
 */
async function relayBallots(
  engine: Engine,
  ballots: Static<typeof RelayedBallots>['ballots'],
): Promise<{ results: { voter: string; status: string; message?: string }[] }> {
  const outcomes = await Promise.all(
    ballots.map(async (ballot) => {
      try {
        const outcome = await engine.submit({ actorId: ballot.voter }, { type: 'governance.vote', payload: ballot.payload, signature: ballot.signature });
        return outcome.ok ? { voter: ballot.voter, status: 'counted' } : { voter: ballot.voter, status: outcome.code, message: outcome.message };
      } catch (error) {
        if (error instanceof PolityError) return { voter: ballot.voter, status: error.code, message: error.message };
        throw error;
      }
    }),
  );
  return { results: outcomes };
}

/** Multisig signer sets and transactions, committees with their members now, the constitution. */
function bodiesRoutes(app: FastifyInstance, engine: Engine): void {
  const view = (value: unknown) => economyView(value, governanceDecimals(engine.state));
  const get = (url: string, operationId: string, summary: string, answer: () => unknown) =>
    app.get(url, { schema: { tags: ['governance'], operationId, summary, security: bearerSecurity, response: responses({ 200: Loose }) } }, async () =>
      answer(),
    );
  get('/multisig', 'getMultisig', 'Signer sets and their transactions (pending, executed, rejected, expired, cancelled)', () => {
    const state = engine.state.modules.multisig;
    return view({ sets: signerSets(state), transactions: multisigTransactions(state, undefined, engine.nowMs()) });
  });
  get('/committees', 'getCommittees', 'Committees with their members now, roles and elections', () => {
    const state = engine.state.modules.committees;
    return view({
      committees: committeeList(state).map((item) => ({ ...item, members: committeeMembers(state, item.id, engine.nowMs()) })),
      elections: [...state.elections.keys()].map((id) => election(state, id)),
    });
  });
  get('/constitution', 'getConstitution', 'The constitution: its rules as a client writes them, and its version', () => ({
    ...constitutionVersion(engine.state.modules.constitution),
    rules: ruleInputs(engine.state),
  }));
}

/** Proposals, their ballots with signatures (from the log), and who the caller is. */
export function governanceRoutes(app: FastifyInstance, engine: Engine): void {
  bodiesRoutes(app, engine);
  app.post<{ Body: Static<typeof RelayedBallots> }>(
    '/ballots',
    {
      schema: {
        tags: ['governance'],
        operationId: 'relayBallots',
        summary: 'Relay up to 1,000 signed ballots: {"ballots": [{"voter", "payload", "signature"}]} -> one status per ballot (counted or a rejection code)',
        security: bearerSecurity,
        body: RelayedBallots,
        response: responses({ 200: Type.Object({ results: Type.Array(Loose) }) }),
      },
    },
    async (request) => relayBallots(engine, request.body.ballots),
  );
  app.get(
    '/me',
    {
      schema: {
        tags: ['governance'],
        operationId: 'whoAmI',
        summary: 'The actor and token of this request, and the DAO',
        security: bearerSecurity,
        response: responses({ 200: Loose }),
      },
    },
    async (request) => ({
      ...principalOf(request),
      daoId: engine.daoId,
    }),
  );
  app.get(
    '/proposals',
    {
      schema: {
        tags: ['governance'],
        operationId: 'listProposals',
        summary: 'Every proposal with its state now',
        security: bearerSecurity,
        response: responses({ 200: Type.Object({ items: Type.Array(Loose) }) }),
      },
    },
    async () => ({ items: proposals(engine.state.modules.governance).map((item) => proposalJson(engine.state, item, engine.nowMs())) }),
  );
  app.get<{ Params: Static<typeof IdParams> }>(
    '/proposals/:id',
    {
      schema: {
        tags: ['governance'],
        operationId: 'getProposal',
        summary: 'A proposal: record, revisions, comments, state now, tally and ballots (hidden while a secret vote is open)',
        security: bearerSecurity,
        params: IdParams,
        response: responses({ 200: Loose }),
      },
    },
    async (request) => proposalJson(engine.state, findProposal(engine, request.params.id), engine.nowMs()),
  );
  app.get<{ Params: Static<typeof IdParams> }>(
    '/proposals/:id/ballots',
    {
      schema: {
        tags: ['governance'],
        operationId: 'exportBallots',
        summary: 'The signed ballots of a proposal as recorded in the log, for an offline re-tally (`polity tally --ballots FILE`)',
        security: bearerSecurity,
        params: IdParams,
        response: responses({ 200: Loose }),
      },
    },
    async (request) => exportBallots(engine, findProposal(engine, request.params.id)),
  );
}

function findProposal(engine: Engine, id: string): Proposal {
  const proposal = engine.state.modules.governance.proposals.get(id);
  if (!proposal) throw new PolityError('proposal_not_found', `no proposal ${id}`);
  return proposal;
}

/**
 * Each counted ballot with the signed command it came from (read back from the log by its
 * seq), the voter's public key and the power it counted with, so anyone can check every
 * signature and recompute the result without trusting this server's tally.
 */
async function exportBallots(engine: Engine, proposal: Proposal): Promise<Record<string, unknown>> {
  if (ballotsHidden(engine.state, proposal.id, engine.nowMs()))
    throw new PolityError('ballots_secret', `the ballots of ${proposal.id} are secret until voting closes`);
  const decimals = governanceDecimals(engine.state);
  const ballots = [];
  for (const ballot of proposal.ballots.values()) {
    const [entry] = await engine.store.readLog(ballot.seq - 1, 1);
    const command = entry?.record.command;
    ballots.push({
      voter: ballot.voter,
      power: formatAmount(ballot.powerUnits, decimals),
      choice: ballot.choice,
      seq: ballot.seq,
      publicKey: engine.state.access.actors.get(ballot.voter)?.publicKey ?? null,
      command: command ? { type: command.type, payload: command.payload } : null,
      signature: command?.signature ?? null,
    });
  }
  return {
    daoId: engine.daoId,
    proposal: proposal.id,
    type: proposal.ballotType,
    choices: proposal.choices,
    decimals,
    snapshotSeq: proposal.snapshot?.seq ?? null,
    ballots,
  };
}
