/** Pure reads over the revenue state. */
import { payout } from './accumulator.ts';
import { owedScaledOf } from './distribution.ts';
import type { RevenuePolicy, RevenueState } from './state.ts';

/** The account that holds a policy's deposits until they are claimed. */
export function revenueAccountId(id: string): string {
  return `@revenue.${id}`;
}

/** The account that receives every whole unit of a policy's rounding dust. */
export function revenueDustAccountId(id: string): string {
  return `@revenue.${id}.dust`;
}

/** Every policy, in the order they were created. */
export function revenuePolicies(state: RevenueState): RevenuePolicy[] {
  return [...state.policies.values()];
}

export function revenuePolicy(state: RevenueState, id: string): RevenuePolicy | undefined {
  return state.policies.get(id);
}

/**
 * What a claim by `actorId` would pay: the whole units of everything owed to it. Entitlements
 * change only with deposits and share changes, never with time alone, so `atMs` (any time at
 * or after the last command) does not change the answer; it is taken for a uniform signature.
 */
export function claimableUnits(state: RevenueState, policyId: string, actorId: string, _atMs: number): bigint {
  const policy = state.policies.get(policyId);
  if (!policy) return 0n;
  return payout(owedScaledOf(state, policy, actorId)).units;
}

/** Everything owed to `actorId`, scaled by 10^36 (the fraction below a unit included). */
export function owedScaled(state: RevenueState, policyId: string, actorId: string): bigint {
  const policy = state.policies.get(policyId);
  return policy ? owedScaledOf(state, policy, actorId) : 0n;
}
