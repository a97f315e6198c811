import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { parseAmount } from '../../../kernel/amount.ts';
import { assert } from '../../../kernel/assert.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import type { CommitteeCreated } from '../events.ts';
import { committeeLabelLengthMax, committeesMax } from '../limits.ts';
import { CreateCommitteeSchema } from '../schema.ts';
import { type Committee, committeeAdminResources, committeesAdminAction, isCommitteeRole, normalizeRoles } from '../state.ts';

export type CreateCommitteePayload = Static<typeof CreateCommitteeSchema>;
export interface CreateCommitteeResult {
  id: string;
  status: 'created' | 'exists';
}

/**
 * Creates a committee with its seats, term and eligibility (BytomDAO: a BID and a minimum
 * stake). It starts empty: an election fills its seats. Governance creates committees (its
 * executor is the system actor); the bootstrap admin may at genesis.
 */
export const createCommittee: CommandDefinition<EngineState, CreateCommitteePayload, CreateCommitteeResult> = {
  type: 'committees.create',
  schema: CreateCommitteeSchema,
  apply(state, payload, ctx) {
    assert(payload.label.length <= committeeLabelLengthMax, 'the schema bounds the label');
    if (!can(state.access, ctx.actorId, committeesAdminAction, committeeAdminResources(payload.id))) {
      return rejected('not_authorized', `${ctx.actorId} lacks ${committeesAdminAction} on committee:${payload.id}`);
    }
    const roles = payload.roles ?? [];
    const unknown = roles.find((role) => !isCommitteeRole(role));
    if (unknown !== undefined) return rejected('role_invalid', `no committee role ${unknown}`);
    const minStake = minStakeUnits(state, payload.eligibility.minStake);
    if (typeof minStake !== 'bigint') return minStake;
    const committee: CommitteeCreated['committee'] = {
      id: payload.id,
      label: payload.label,
      seats: payload.seats,
      termSeconds: payload.termSeconds,
      requiresIdentity: payload.eligibility.requiresIdentity,
      minStakeUnits: minStake,
      roles: normalizeRoles(roles.filter(isCommitteeRole)),
    };
    const committees = state.modules.committees.committees;
    const existing = committees.get(payload.id);
    if (existing) {
      return sameCommittee(existing, committee)
        ? accepted([], { id: payload.id, status: 'exists' })
        : rejected('committee_exists', `committee ${payload.id} exists with other settings`);
    }
    if (committees.size >= committeesMax) return rejected('committees_max_reached', `a DAO has at most ${committeesMax} committees`);
    const event: CommitteeCreated = { type: 'committee_created', committee };
    return accepted([event], { id: payload.id, status: 'created' });
  },
};

/** The minimum stake in governance token base units; 0 when none is asked. */
function minStakeUnits(state: EngineState, minStake: string | undefined) {
  if (minStake === undefined) return 0n;
  const assetId = state.modules.economy.governanceAssetId;
  const asset = assetId === undefined ? undefined : state.ledger.assets.get(assetId);
  if (!asset) return rejected('governance_token_not_configured', 'a minimum stake is counted in the governance token: run economy.configure first');
  try {
    return parseAmount(minStake, { decimals: asset.decimals, allowZero: true });
  } catch (error) {
    if (isPolityError(error)) return rejected('amount_invalid', error.message);
    throw error;
  }
}

/** A retry of the same create; roles compare as they stand now (assign_role may have added some). */
function sameCommittee(existing: Committee, wanted: CommitteeCreated['committee']): boolean {
  return (
    existing.label === wanted.label &&
    existing.seats === wanted.seats &&
    existing.termSeconds === wanted.termSeconds &&
    existing.requiresIdentity === wanted.requiresIdentity &&
    existing.minStakeUnits === wanted.minStakeUnits &&
    existing.roles.join(',') === wanted.roles.join(',')
  );
}
