import type { Static } from '@sinclair/typebox';
import { can, systemActorId } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, type Rejected, rejected } from '../../../engine/types.ts';
import { formatAmount, parseAmount } from '../../../kernel/amount.ts';
import { canonicalJson } from '../../../kernel/canonical-json.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import type { Asset } from '../../../ledger/state.ts';
import type { VestingCreated } from '../events.ts';
import { vestingHoldAccountId } from '../queries.ts';
import { checkSchedule, copySchedule } from '../schedules.ts';
import { CreateVestingSchema } from '../schema.ts';
import type { VestingGrant } from '../state.ts';

export type CreateVestingPayload = Static<typeof CreateVestingSchema>;

export interface CreateVestingResult {
  id: string;
  status: 'created' | 'exists';
  holdAccountId: string;
  amount: string;
}

/**
 * Opens a grant: creates its hold account `@vesting.<id>` and funds it with the whole amount,
 * minted from the asset's issuance (the ledger enforces a fixed supply) or moved from a source
 * account the caller may spend from. Claims later pay the beneficiary out of the hold account.
 */
export const createVesting: CommandDefinition<EngineState, CreateVestingPayload, CreateVestingResult> = {
  type: 'vesting.create',
  schema: CreateVestingSchema,
  weight: () => 2,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, 'economy.admin', [`vesting:${payload.id}`])) {
      return rejected('not_authorized', `${ctx.actorId} may not create vesting grants`);
    }
    const existing = state.modules.vesting.grants.get(payload.id);
    if (existing) return repeated(state, existing, payload);
    const grant = newGrant(state, payload, ctx);
    if ('code' in grant) return grant;
    const moves = new LedgerMoves(state, ctx);
    const problem =
      moves.ensureAccount({ id: grant.holdAccountId, assetId: grant.assetId, ownerId: systemActorId, allowOverdraft: false }) ?? fund(moves, grant);
    if (problem) return rejected(problem.code, problem.message);
    const event: VestingCreated = { type: 'vesting_created', grant };
    moves.note(event);
    return accepted(moves.events, result(state, grant, 'created'));
  },
};

/** Checks the payload in the documented order and builds the grant it asks for. */
function newGrant(state: EngineState, payload: CreateVestingPayload, ctx: CommandContext): VestingGrant | Rejected {
  const asset = state.ledger.assets.get(payload.asset);
  if (!asset) return rejected('asset_not_found', `no asset ${payload.asset}`);
  const beneficiary = state.ledger.accounts.get(payload.beneficiary);
  if (!beneficiary) return rejected('beneficiary_not_found', `no account ${payload.beneficiary}`);
  if (beneficiary.assetId !== asset.id) return rejected('asset_mismatch', `${beneficiary.id} holds ${beneficiary.assetId}, not ${asset.id}`);
  const scheduleProblem = checkSchedule(payload.schedule);
  if (scheduleProblem) return rejected('schedule_invalid', scheduleProblem);
  const totalUnits = amountUnits(payload.amount, asset);
  if (typeof totalUnits !== 'bigint') return totalUnits;
  return {
    id: payload.id,
    assetId: asset.id,
    beneficiaryId: beneficiary.id,
    holdAccountId: vestingHoldAccountId(payload.id),
    totalUnits,
    releasedUnits: 0n,
    startMs: payload.startMs ?? ctx.timeMs,
    schedule: copySchedule(payload.schedule),
    attested: [],
    source: payload.source ?? 'mint',
    createdSeq: ctx.seq,
  };
}

function amountUnits(amount: string, asset: Asset): bigint | Rejected {
  try {
    return parseAmount(amount, { decimals: asset.decimals, allowZero: false });
  } catch (error) {
    if (isPolityError(error)) return rejected('amount_invalid', error.message);
    throw error;
  }
}

/** Mints into the hold account, or moves from the source as the caller (ownership and caps apply). */
function fund(moves: LedgerMoves, grant: VestingGrant): ReturnType<LedgerMoves['transfer']> {
  return moves.fund({ id: `vesting:${grant.id}:fund`, assetId: grant.assetId, toId: grant.holdAccountId, units: grant.totalUnits, source: grant.source });
}

/**
 * The same id again: the same body is a retry and gets the first result; anything else is a
 * conflict. A payload without startMs matches whatever start the grant took.
 */
function repeated(state: EngineState, grant: VestingGrant, payload: CreateVestingPayload) {
  const asset = state.ledger.assets.get(grant.assetId);
  const units = asset ? amountUnits(payload.amount, asset) : undefined;
  const same =
    payload.asset === grant.assetId &&
    payload.beneficiary === grant.beneficiaryId &&
    units === grant.totalUnits &&
    canonicalJson(payload.schedule) === canonicalJson(grant.schedule) &&
    (payload.startMs === undefined || payload.startMs === grant.startMs) &&
    (payload.source ?? 'mint') === grant.source;
  if (!same) return rejected('vesting_exists', `vesting grant ${grant.id} exists with other fields`);
  return accepted([], result(state, grant, 'exists'));
}

function result(state: EngineState, grant: VestingGrant, status: CreateVestingResult['status']): CreateVestingResult {
  const decimals = state.ledger.assets.get(grant.assetId)?.decimals ?? 0;
  return { id: grant.id, status, holdAccountId: grant.holdAccountId, amount: formatAmount(grant.totalUnits, decimals) };
}
