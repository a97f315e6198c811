import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, type Rejected, rejected } from '../../../engine/types.ts';
import { formatAmount, parseAmount } from '../../../kernel/amount.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import { depositInto } from '../deposit.ts';
import { DepositSchema } from '../schema.ts';

export type DepositPayload = Static<typeof DepositSchema>;

export interface DepositResult {
  id: string;
  policy: string;
  status: 'deposited' | 'exists';
  transferId: string;
  amount: string;
  /** The parts that went to each side and the dust moved with it (token units); absent on a retry. */
  stake?: string;
  activity?: string;
  dust?: string;
}

export function depositTransferId(policyId: string, depositId: string): string {
  return `revenue:${policyId}:deposit:${depositId}`;
}

/**
 * Pays `amount` from the caller's account `from` into the policy. The money leaves as the
 * caller (the ledger checks ownership, funds and spending caps); the deposit id makes a retry
 * harmless: the same id and body again is "exists", another body `deposit_exists`.
 */
export const deposit: CommandDefinition<EngineState, DepositPayload, DepositResult> = {
  type: 'revenue.deposit',
  schema: DepositSchema,
  weight: () => 2,
  apply(state, payload, ctx) {
    const policy = state.modules.revenue.policies.get(payload.policy);
    if (!policy) return rejected('policy_not_found', `no revenue policy ${payload.policy}`);
    const decimals = state.ledger.assets.get(policy.assetId)?.decimals ?? 0;
    const units = amountUnits(payload.amount, decimals);
    if (typeof units !== 'bigint') return units;
    const transferId = depositTransferId(policy.id, payload.id);
    const base = { id: payload.id, policy: policy.id, transferId, amount: formatAmount(units, decimals) };
    const previous = state.ledger.transfers.get(transferId);
    if (previous) {
      if (previous.fromId !== payload.from || previous.amountUnits !== units)
        return rejected('deposit_exists', `deposit ${payload.id} exists with other fields`);
      return accepted([], { ...base, status: 'exists' as const });
    }
    const moves = new LedgerMoves(state, ctx);
    const outcome = depositInto(state, moves, { policyId: policy.id, fromAccountId: payload.from, units, transferId, asCaller: true });
    if ('code' in outcome) return rejected(outcome.code, outcome.message);
    const { plan } = outcome;
    return accepted(moves.events, {
      ...base,
      status: 'deposited' as const,
      stake: formatAmount(plan.stakeUnits, decimals),
      activity: formatAmount(plan.activityUnits, decimals),
      dust: formatAmount(plan.dustUnits, decimals),
    });
  },
};

function amountUnits(amount: string, decimals: number): bigint | Rejected {
  try {
    return parseAmount(amount, { decimals, allowZero: false });
  } catch (error) {
    if (isPolityError(error)) return rejected('amount_invalid', error.message);
    throw error;
  }
}
