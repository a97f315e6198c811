import type { TokenSpent } from '../../access/events.ts';
import { periodStartMs } from '../../access/state.ts';
import type { EngineState } from '../../engine/state.ts';
import type { Transfer } from '../state.ts';

/**
 * What a token's spending becomes when part of a pending transfer it paid for is released
 * (voided, expired, or posted only in part). Spending counts per cap period: a release in a
 * later period gives nothing back, since that period's count started from zero.
 * `earlier` carries refunds of the same command that are not in state yet.
 */
export function refundSpending(state: EngineState, transfer: Transfer, releasedUnits: bigint, earlier?: TokenSpent): TokenSpent | undefined {
  if (transfer.capTokenId === undefined || releasedUnits === 0n) return undefined;
  const token = state.access.tokens.get(transfer.capTokenId);
  const cap = token?.spendingCap;
  if (!token || !cap) return undefined;
  const chargedPeriod = periodStartMs(transfer.timeMs, cap.periodSeconds);
  const current = earlier ?? { type: 'token_spent', tokenId: token.id, periodStartMs: token.spendPeriodStartMs, spentUnits: token.spentUnits };
  if (current.periodStartMs !== chargedPeriod) return undefined;
  const spentUnits = current.spentUnits > releasedUnits ? current.spentUnits - releasedUnits : 0n;
  return { type: 'token_spent', tokenId: token.id, periodStartMs: chargedPeriod, spentUnits };
}
