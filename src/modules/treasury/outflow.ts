import { can } from '../../access/state.ts';
import type { EngineState } from '../../engine/state.ts';
import { type CommandContext, type Rejected, rejected } from '../../engine/types.ts';
import { formatAmount, parseAmount } from '../../kernel/amount.ts';
import { isPolityError } from '../../kernel/errors.ts';
import type { Asset, Transfer } from '../../ledger/state.ts';
import { recentSpendsMax } from './limits.ts';
import { spentInWindowUnits } from './queries.ts';
import { fundResource, type TreasuryFund } from './state.ts';

/** A spend or burn out of a fund, as checked before anything moves. */
export interface OutflowRequest {
  /** The permission it needs on `fund:<id>`. */
  action: string;
  fundId: string;
  amount: string;
  transferId: string;
  /** How the ledger transfer of an earlier attempt with this id must look to be the same. */
  matches: (previous: Transfer, fund: TreasuryFund, units: bigint) => boolean;
  /** The rejection for an id used before with another body. */
  existsCode: string;
}

export type CheckedOutflow = { fund: TreasuryFund; asset: Asset; units: bigint; repeated: boolean };

/**
 * The shared checks of treasury.spend and treasury.burn before anything moves, in order:
 * not_authorized, fund_not_found, amount_invalid, <kind>_exists (a repeat with the same body
 * is `repeated`). The rolling limit comes next: `checkOutflowLimit` (burn) or `spendFromFund`
 * (spend, which every module spending from a fund goes through).
 */
export function checkOutflow(state: EngineState, ctx: CommandContext, request: OutflowRequest): CheckedOutflow | Rejected {
  const resource = fundResource(request.fundId);
  if (!can(state.access, ctx.actorId, request.action, [resource])) return rejected('not_authorized', `${ctx.actorId} lacks ${request.action} on ${resource}`);
  const fund = state.modules.treasury.funds.get(request.fundId);
  if (!fund) return rejected('fund_not_found', `no fund ${request.fundId}`);
  const asset = state.ledger.assets.get(fund.assetId);
  if (!asset) throw new Error(`fund ${fund.id} names a missing asset`);
  let units: bigint;
  try {
    units = parseAmount(request.amount, { decimals: asset.decimals, allowZero: false });
  } catch (error) {
    if (isPolityError(error)) return rejected('amount_invalid', error.message);
    throw error;
  }
  const previous = state.ledger.transfers.get(request.transferId);
  if (previous) {
    if (request.matches(previous, fund, units)) return { fund, asset, units, repeated: true };
    return rejected(request.existsCode, `${request.transferId} exists with other fields`);
  }
  return { fund, asset, units, repeated: false };
}

/** Outflows of one fund made earlier in the same command: not in the state yet, but they count. */
export interface EarlierOutflows {
  units: bigint;
  count: number;
}

/**
 * The rolling window, in order spending_limit_exceeded, recent_spends_max_reached: what left
 * the fund in (now - period, now], plus what left it earlier in this command, plus this amount
 * must stay within the limit.
 */
export function checkOutflowLimit(
  fund: TreasuryFund,
  asset: Asset,
  request: { units: bigint; nowMs: number; earlier?: EarlierOutflows },
): Rejected | undefined {
  const limit = fund.spendingLimit;
  if (limit === undefined) return undefined;
  const { units, nowMs, earlier = { units: 0n, count: 0 } } = request;
  const spent = spentInWindowUnits(fund, nowMs) + earlier.units;
  if (spent + units > limit.amountUnits) {
    const left = limit.amountUnits > spent ? limit.amountUnits - spent : 0n;
    return rejected(
      'spending_limit_exceeded',
      `fund ${fund.id} may move ${formatAmount(limit.amountUnits, asset.decimals)} per ${limit.periodSeconds} s; ${formatAmount(left, asset.decimals)} is left in this window`,
    );
  }
  const windowStartMs = nowMs - limit.periodSeconds * 1000;
  const inWindow = fund.recentSpends.filter((spend) => spend.timeMs > windowStartMs).length + earlier.count;
  if (inWindow >= recentSpendsMax)
    return rejected('recent_spends_max_reached', `fund ${fund.id} made ${recentSpendsMax} outflows in this window; wait for the oldest to leave it`);
  return undefined;
}
