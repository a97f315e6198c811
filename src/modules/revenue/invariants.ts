/**
 * The revenue module's invariants over a whole state, for `polity verify` and the tests. O(holders):
 * never on a command's path.
 */
import type { EngineState } from '../../engine/state.ts';
import { balanceUnits } from '../../ledger/state.ts';
import { accumulatorScale } from './accumulator.ts';
import { owedScaledOf } from './distribution.ts';
import type { RevenuePolicy, RevenueState } from './state.ts';

/** The two sides of the conservation invariant of one policy, scaled. */
export interface RevenueBalance {
  /** sum of owed + claimed * SCALE + dust + carried * SCALE */
  accountedScaled: bigint;
  /** deposited * SCALE */
  depositedScaled: bigint;
}

/** Every actor that may be owed something: holder records and, for the stake side, every staker. */
function actorIds(state: RevenueState, policy: RevenuePolicy): Set<string> {
  const ids = new Set(policy.holders.keys());
  if (policy.mode !== 'activity') for (const owner of state.staked.get(policy.assetId)?.owners.keys() ?? []) ids.add(owner);
  return ids;
}

export function revenueBalance(state: RevenueState, policy: RevenuePolicy): RevenueBalance {
  let accountedScaled = policy.dustScaled + (policy.claimedUnits + policy.stake.carriedUnits + policy.activity.carriedUnits) * accumulatorScale;
  for (const actorId of actorIds(state, policy)) accountedScaled += owedScaledOf(state, policy, actorId);
  return { accountedScaled, depositedScaled: policy.depositedUnits * accumulatorScale };
}

function policyFindings(state: EngineState, policy: RevenuePolicy): string[] {
  const out: string[] = [];
  const revenue = state.modules.revenue;
  const { accountedScaled, depositedScaled } = revenueBalance(revenue, policy);
  if (accountedScaled !== depositedScaled) out.push(`owed + claimed + dust + carried is ${accountedScaled}, deposited ${depositedScaled} (scaled)`);
  if (policy.dustUnits * accumulatorScale > policy.dustScaled || (policy.dustUnits + 1n) * accumulatorScale <= policy.dustScaled) {
    out.push(`dust moved ${policy.dustUnits} is not the whole units of the dust ${policy.dustScaled} (scaled)`);
  }
  if (policy.stake.depositedUnits + policy.activity.depositedUnits !== policy.depositedUnits) out.push('the two sides do not add up to the deposits');
  const account = state.ledger.accounts.get(policy.accountId);
  const held = policy.depositedUnits - policy.claimedUnits - policy.dustUnits;
  if (!account || balanceUnits(account) !== held) out.push(`${policy.accountId} does not hold deposited - claimed - dust = ${held}`);
  const dust = state.ledger.accounts.get(policy.dustAccountId);
  if (!dust || balanceUnits(dust) !== policy.dustUnits) out.push(`${policy.dustAccountId} does not hold the dust moved, ${policy.dustUnits}`);
  const references = new Map<number, number>();
  for (const holder of policy.holders.values()) for (const entry of holder.epochs) references.set(entry.epoch, (references.get(entry.epoch) ?? 0) + 1);
  for (const [epoch, book] of policy.activity.epochs) {
    if (book.holders !== (references.get(epoch) ?? 0))
      out.push(`epoch ${epoch} counts ${book.holders} holders, ${references.get(epoch) ?? 0} hold points in it`);
  }
  return out.map((problem) => `revenue policy ${policy.id}: ${problem}`);
}

/** Every broken invariant of every policy, as sentences; empty when all hold. */
export function checkRevenueInvariants(state: EngineState): string[] {
  return [...state.modules.revenue.policies.values()].flatMap((policy) => policyFindings(state, policy));
}
