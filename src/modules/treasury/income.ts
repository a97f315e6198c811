import type { EngineState } from '../../engine/state.ts';
import type { LedgerMoves, MoveRejection } from '../../ledger/moves.ts';
import type { TreasuryIncomeReceived } from './events.ts';
import { incomeSplit } from './income-split.ts';
import { incomeClassPattern } from './schema.ts';
import { type FundPart, fundAccountId } from './state.ts';

export interface IncomeInput {
  /** Each fund's share moves as transfer `<prefix>:<fundId>`: the prefix must be unique. */
  transferIdPrefix: string;
  fromAccountId: string;
  units: bigint;
  incomeClass: string;
}

const incomeClassRegExp = new RegExp(incomeClassPattern);

/**
 * Moves one income payment into the funds, split by the asset's income rules, and notes it.
 * `asCaller` makes every share a move of the caller's own (treasury.deposit); without it
 * the shares move as the system, for a module that has authorised the payment itself.
 * Returns the parts per fund, or the first rejection.
 */
export function moveIncome(
  state: EngineState,
  moves: LedgerMoves,
  input: IncomeInput,
  options: { asCaller: boolean; depositId?: string },
): FundPart[] | MoveRejection {
  if (!incomeClassRegExp.test(input.incomeClass))
    return { code: 'income_class_invalid', message: `"${input.incomeClass.slice(0, 80)}" is not an income class name` };
  if (input.units < 0n) return { code: 'amount_invalid', message: 'income is never negative' };
  const from = moves.draft.account(input.fromAccountId);
  if (!from) return { code: 'debit_account_not_found', message: `no account ${input.fromAccountId}` };
  const rules = state.modules.treasury.incomeRules.get(from.assetId);
  if (!rules) return { code: 'income_rules_not_set', message: `no income rules for ${from.assetId} (treasury.set_income_rules)` };
  const parts = incomeSplit(rules, input.incomeClass, input.units);
  for (const part of parts) {
    if (part.amountUnits === 0n) continue; // a share rounded to nothing moves nothing
    const problem = moves.transfer(
      {
        id: `${input.transferIdPrefix}:${part.fundId}`,
        fromId: from.id,
        toId: fundAccountId(part.fundId),
        units: part.amountUnits,
        memo: `income ${input.incomeClass}`,
      },
      { asCaller: options.asCaller },
    );
    if (problem) return problem;
  }
  const event: TreasuryIncomeReceived = {
    type: 'treasury_income_received',
    transferIdPrefix: input.transferIdPrefix,
    fromAccountId: from.id,
    assetId: from.assetId,
    incomeClass: input.incomeClass,
    amountUnits: input.units,
    parts,
  };
  if (options.depositId !== undefined) event.depositId = options.depositId;
  moves.note(event);
  return parts;
}

/**
 * Income a module passes on to the treasury (fee charging, say): the same split as a
 * deposit, moving as the system because the calling module has authorised the payment.
 * Nothing moves for zero units.
 */
export function receiveIncome(state: EngineState, moves: LedgerMoves, input: IncomeInput): MoveRejection | undefined {
  if (input.units === 0n) return undefined;
  const outcome = moveIncome(state, moves, input, { asCaller: false });
  return Array.isArray(outcome) ? undefined : outcome;
}
