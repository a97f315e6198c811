import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, type Rejected, rejected } from '../../../engine/types.ts';
import { formatAmount, parseAmount } from '../../../kernel/amount.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import type { Asset } from '../../../ledger/state.ts';
import type { AllocationsRecorded } from '../events.ts';
import { allocationTarget } from '../queries.ts';
import { RecordAllocationsSchema } from '../schema.ts';
import type { Allocation } from '../state.ts';

export type RecordAllocationsPayload = Static<typeof RecordAllocationsSchema>;
type AllocationItem = RecordAllocationsPayload['allocations'][number];

/**
 * Records the genesis allocation table: each row names the vesting grant, pool or fund that
 * holds it. The rows must add up exactly to the governance token's max supply, so a report
 * can always say where every unit of the supply was meant to go.
 */
export const recordAllocations: CommandDefinition<EngineState, RecordAllocationsPayload, { count: number }> = {
  type: 'economy.record_allocations',
  schema: RecordAllocationsSchema,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, 'economy.admin', ['economy:config'])) return rejected('not_authorized', `${ctx.actorId} may not record allocations`);
    const economy = state.modules.economy;
    const asset = economy.governanceAssetId === undefined ? undefined : state.ledger.assets.get(economy.governanceAssetId);
    if (!asset) return rejected('not_configured', 'configure the economy (economy.configure) first');
    const allocations: Allocation[] = [];
    for (const item of payload.allocations) {
      const allocation = checkItem(state, asset, item, allocations);
      if ('code' in allocation) return allocation;
      allocations.push(allocation);
    }
    const sumProblem = checkSum(asset, allocations);
    if (sumProblem) return sumProblem;
    if (economy.allocations.length > 0) {
      const same = JSON.stringify(economy.allocations, bigintText) === JSON.stringify(allocations, bigintText);
      return same ? accepted([], { count: allocations.length }) : rejected('allocations_recorded', 'the allocation table is recorded already');
    }
    const event: AllocationsRecorded = { type: 'allocations_recorded', allocations };
    return accepted([event], { count: allocations.length });
  },
};

function checkItem(state: EngineState, asset: Asset, item: AllocationItem, earlier: readonly Allocation[]): Allocation | Rejected {
  if (earlier.some((allocation) => allocation.name === item.name)) return rejected('allocation_duplicate', `allocation ${item.name} is listed twice`);
  const target = allocationTarget(state, item.kind, item.target);
  if (!target) return rejected('allocation_target_not_found', `allocation ${item.name}: no ${item.kind} ${item.target}`);
  if (target.assetId !== asset.id)
    return rejected('allocation_asset_mismatch', `allocation ${item.name}: ${item.kind} ${item.target} holds ${target.assetId}, not ${asset.id}`);
  let units: bigint;
  try {
    units = parseAmount(item.amount, { decimals: asset.decimals, allowZero: false });
  } catch (error) {
    if (isPolityError(error)) return rejected('amount_invalid', `allocation ${item.name}: ${error.message}`);
    throw error;
  }
  if (target.units !== undefined && target.units !== units) {
    return rejected(
      'allocation_units_mismatch',
      `allocation ${item.name}: ${item.kind} ${item.target} holds ${formatAmount(target.units, asset.decimals)}, not ${item.amount}`,
    );
  }
  return { name: item.name, label: item.label, assetId: asset.id, totalUnits: units, kind: item.kind, targetId: item.target };
}

function checkSum(asset: Asset, allocations: readonly Allocation[]): Rejected | undefined {
  const supply = asset.maxSupplyUnits;
  if (supply === undefined) return undefined; // a mintable token without a cap has no total to match
  const sum = allocations.reduce((total, allocation) => total + allocation.totalUnits, 0n);
  if (sum === supply) return undefined;
  const difference = sum > supply ? `${formatAmount(sum - supply, asset.decimals)} over` : `${formatAmount(supply - sum, asset.decimals)} short of`;
  return rejected(
    'allocations_sum_mismatch',
    `allocations add up to ${formatAmount(sum, asset.decimals)} ${asset.symbol}, ${difference} the supply ${formatAmount(supply, asset.decimals)}`,
  );
}

function bigintText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
