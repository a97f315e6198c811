import type { Static } from '@sinclair/typebox';
import { systemActorId } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, type Rejected, rejected } from '../../../engine/types.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import { percentToPpm, ppmToPercent, ppmWhole } from '../../../kernel/rates.ts';
import type { PowerDelegated } from '../events.ts';
import { latestValue } from '../history.ts';
import { delegatesMax, delegationCategoriesMax } from '../limits.ts';
import { DelegateSchema } from '../schema.ts';
import { categoryKey, type Delegation, generalCategory } from '../state.ts';

export type DelegatePayload = Static<typeof DelegateSchema>;
export interface DelegateResult {
  delegatorId: string;
  category?: string;
  /** The delegation in force, sorted by delegate; percents normalised ("60.50" -> "60.5"). */
  delegations: { delegate: string; percent: string }[];
  status: 'delegated' | 'unchanged';
}

/**
 * The caller delegates shares of their own voting power, replacing any earlier delegation for
 * the same category. What is not delegated stays with the caller. The delegation counts from
 * the next snapshot on; a snapshot taken earlier keeps what was in force then.
 */
export const delegatePower: CommandDefinition<EngineState, DelegatePayload, DelegateResult> = {
  type: 'power.delegate',
  schema: DelegateSchema,
  apply(state, payload, ctx) {
    const decided = decideDelegations(state, payload, ctx.actorId);
    if ('ok' in decided) return decided;
    const byCategory = state.modules.power.delegations.get(ctx.actorId);
    const key = categoryKey(payload.category);
    const history = byCategory?.get(key);
    const specific = [...(byCategory?.keys() ?? [])].filter((other) => other !== generalCategory);
    if (key !== generalCategory && history === undefined && specific.length >= delegationCategoriesMax) {
      return rejected('too_many_categories', `a delegator holds delegations for at most ${delegationCategoriesMax} categories`);
    }
    const category = payload.category === undefined ? {} : { category: payload.category };
    const result = { delegatorId: ctx.actorId, ...category, delegations: decided.map(asItem) };
    if (sameDelegations(latestValue(history) ?? [], decided)) return accepted([], { ...result, status: 'unchanged' as const });
    const event: PowerDelegated = { type: 'power_delegated', delegatorId: ctx.actorId, ...category, delegations: decided };
    return accepted([event], { ...result, status: 'delegated' as const });
  },
};

/** Checks the items in the order of `delegateRejections`; each rule over every item before the next. */
function decideDelegations(state: EngineState, payload: DelegatePayload, delegatorId: string): Delegation[] | Rejected {
  if (delegatorId === systemActorId) return rejected('not_authorized', 'the system actor holds no voting power to delegate');
  const items = payload.delegations;
  if (items.length > delegatesMax) return rejected('too_many_delegates', `at most ${delegatesMax} delegates`);
  const names = new Set(items.map((item) => item.delegate));
  if (names.size !== items.length) return rejected('duplicate_delegate', 'each delegate appears once');
  if (names.has(delegatorId)) return rejected('self_delegation', 'power a delegator keeps needs no delegation');
  for (const name of names) {
    if (name === systemActorId || !state.access.actors.has(name)) return rejected('delegate_not_found', `no actor ${name} to delegate to`);
  }
  const delegations: Delegation[] = [];
  for (const item of items) {
    const sharePpm = parsePercent(item.percent);
    if (sharePpm === undefined || sharePpm === 0n) return rejected('percent_invalid', `"${item.percent}" is not a share above 0 and at most 100 %`);
    delegations.push({ delegateId: item.delegate, sharePpm });
  }
  const totalPpm = delegations.reduce((sum, delegation) => sum + delegation.sharePpm, 0n);
  if (totalPpm > ppmWhole) return rejected('percent_sum_invalid', `the shares add up to ${ppmToPercent(totalPpm)} %, above 100 %`);
  return delegations.sort((a, b) => (a.delegateId < b.delegateId ? -1 : a.delegateId > b.delegateId ? 1 : 0));
}

function parsePercent(text: string): bigint | undefined {
  try {
    return percentToPpm(text);
  } catch (error) {
    if (isPolityError(error) && error.code === 'percent_invalid') return undefined;
    throw error;
  }
}

function sameDelegations(a: readonly Delegation[], b: readonly Delegation[]): boolean {
  return a.length === b.length && a.every((delegation, index) => delegation.delegateId === b[index]?.delegateId && delegation.sharePpm === b[index]?.sharePpm);
}

function asItem(delegation: Delegation): { delegate: string; percent: string } {
  return { delegate: delegation.delegateId, percent: ppmToPercent(delegation.sharePpm) };
}
