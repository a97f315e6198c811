import type { Static } from '@sinclair/typebox';
import { can, systemActorId } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, type Rejected, rejected } from '../../../engine/types.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import { percentToPpm, ppmWhole } from '../../../kernel/rates.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import type { RevenuePolicyCreated } from '../events.ts';
import { policiesMax } from '../limits.ts';
import { revenueAccountId, revenueDustAccountId } from '../queries.ts';
import { CreatePolicySchema } from '../schema.ts';
import type { RevenuePolicy } from '../state.ts';

export type CreatePolicyPayload = Static<typeof CreatePolicySchema>;

export interface CreatePolicyResult {
  id: string;
  status: 'created' | 'exists';
  accountId: string;
  dustAccountId: string;
}

/** The policy's terms as the payload gives them, checked. */
interface Terms {
  stakePpm: number;
  epochSeconds: number | undefined;
}

/**
 * Opens a revenue policy and its two system accounts: `@revenue.<id>` holds what was deposited
 * and is not yet claimed, `@revenue.<id>.dust` receives whole units of rounding dust.
 */
export const createPolicy: CommandDefinition<EngineState, CreatePolicyPayload, CreatePolicyResult> = {
  type: 'revenue.create_policy',
  schema: CreatePolicySchema,
  weight: () => 2,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, 'economy.admin', [`policy:${payload.id}`])) {
      return rejected('not_authorized', `${ctx.actorId} may not create revenue policies`);
    }
    const existing = state.modules.revenue.policies.get(payload.id);
    if (existing) return repeated(existing, payload);
    if (state.modules.revenue.policies.size >= policiesMax) return rejected('too_many_policies', `a DAO has at most ${policiesMax} revenue policies`);
    const asset = state.ledger.assets.get(payload.asset);
    if (!asset) return rejected('asset_not_found', `no asset ${payload.asset}`);
    if (asset.kind !== 'fungible') return rejected('asset_not_fungible', `${asset.id} is non-fungible: revenue is shared in a fungible asset`);
    const terms = termsOf(payload);
    if ('code' in terms) return terms;
    const accountId = revenueAccountId(payload.id);
    const dustAccountId = revenueDustAccountId(payload.id);
    const moves = new LedgerMoves(state, ctx);
    const problem =
      moves.ensureAccount({ id: accountId, assetId: asset.id, ownerId: systemActorId, allowOverdraft: false }) ??
      moves.ensureAccount({ id: dustAccountId, assetId: asset.id, ownerId: systemActorId, allowOverdraft: false });
    if (problem) return rejected(problem.code, problem.message);
    const event: RevenuePolicyCreated = {
      type: 'revenue_policy_created',
      policy: { id: payload.id, assetId: asset.id, mode: payload.mode, ...terms, startMs: ctx.timeMs, accountId, dustAccountId },
    };
    moves.note(event);
    return accepted(moves.events, { id: payload.id, status: 'created', accountId, dustAccountId });
  },
};

/**
 * Which fields each mode takes: stake takes neither, activity an epoch length, hybrid both.
 * A field a mode does not use is refused rather than ignored: it shows a misunderstanding.
 */
function termsOf(payload: CreatePolicyPayload): Terms | Rejected {
  const wantsPercent = payload.mode === 'hybrid';
  const wantsEpochs = payload.mode !== 'stake';
  if ((payload.stakePercent !== undefined) !== wantsPercent) {
    return rejected('policy_invalid', wantsPercent ? 'a hybrid policy needs stakePercent' : `a ${payload.mode} policy takes no stakePercent`);
  }
  if ((payload.epochSeconds !== undefined) !== wantsEpochs) {
    return rejected('policy_invalid', wantsEpochs ? `an ${payload.mode} policy needs epochSeconds` : 'a stake policy takes no epochSeconds');
  }
  let stakePpm = payload.mode === 'stake' ? ppmWhole : 0n;
  if (payload.stakePercent !== undefined) {
    try {
      stakePpm = percentToPpm(payload.stakePercent);
    } catch (error) {
      if (isPolityError(error)) return rejected('percent_invalid', error.message);
      throw error;
    }
  }
  return { stakePpm: Number(stakePpm), epochSeconds: payload.epochSeconds };
}

/** The same id again: the same terms are a retry and get the first result; others a conflict. */
function repeated(policy: RevenuePolicy, payload: CreatePolicyPayload) {
  const terms = termsOf(payload);
  const same =
    !('code' in terms) &&
    payload.asset === policy.assetId &&
    payload.mode === policy.mode &&
    terms.stakePpm === policy.stakePpm &&
    terms.epochSeconds === policy.epochSeconds;
  if (!same) return rejected('policy_exists', `revenue policy ${policy.id} exists with other terms`);
  return accepted([], { id: policy.id, status: 'exists' as const, accountId: policy.accountId, dustAccountId: policy.dustAccountId });
}
