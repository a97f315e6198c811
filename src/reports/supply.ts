import type { EngineState } from '../engine/state.ts';
import { formatAmount } from '../kernel/amount.ts';
import { PolityError } from '../kernel/errors.ts';
import { type Account, type Asset, balanceUnits } from '../ledger/state.ts';
import type { Allocation } from '../modules/economy/index.ts';
import { emissionPool, scheduledEmissionUnits } from '../modules/emission/index.ts';
import { vestedUnitsOfGrant, vestingGrant, vestingGrants } from '../modules/vesting/index.ts';

/** Where a unit of supply sits. Every outstanding unit is in exactly one of these. */
export type SupplyCategory = 'circulating' | 'vesting' | 'staked' | 'treasury' | 'pools' | 'escrow';

export const supplyCategories: readonly SupplyCategory[] = ['circulating', 'vesting', 'staked', 'treasury', 'pools', 'escrow'];

export interface AllocationLine {
  name: string;
  label: string;
  kind: Allocation['kind'];
  total: string;
  released: string;
  locked: string;
}

export interface SupplyReport {
  at: string;
  atMs: number;
  asset: string;
  symbol: string;
  maxSupply: string | null;
  /** Outstanding: minted less burned. The six categories add up to it exactly. */
  total: string;
  minted: string;
  burned: string;
  circulating: string;
  vesting: string;
  staked: string;
  treasury: string;
  pools: string;
  escrow: string;
  allocations: AllocationLine[];
}

/**
 * Module-owned accounts by the prefix of their id; any other account is a holder's and its
 * units circulate. Revenue-sharing accounts hold what stakers are owed, like reward pools.
 */
function categoryOf(account: Account): SupplyCategory {
  const id = account.id;
  if (id.charCodeAt(0) !== 64 /* @ */) return 'circulating';
  if (id.startsWith('@vesting.')) return 'vesting';
  if (id.startsWith('@staking.')) return 'staked';
  if (id.startsWith('@treasury.')) return 'treasury';
  if (id.startsWith('@pool.') || id.startsWith('@revenue.')) return 'pools';
  return 'circulating';
}

/** The supply in base units: the report before formatting (the simulator samples this). */
export interface SupplyUnits {
  asset: Asset;
  atMs: number;
  byCategory: Record<SupplyCategory, bigint>;
  allocations: { allocation: Allocation; releasedUnits: bigint }[];
}

/**
 * The supply of the governance token (or `assetId`) at `atMs`, from a state that holds every
 * command up to that time. What depends only on time is computed, not waited for: units a
 * vesting schedule has released by `atMs` count as released (in the beneficiary's category)
 * even if nobody has claimed them yet. Reserved units (pending transfers, such as staking
 * rewards promised to stakers) are `escrow`.
 */
export function supplyUnits(state: EngineState, atMs: number, assetId?: string): SupplyUnits {
  const asset = reportAsset(state, assetId);
  const byCategory: Record<SupplyCategory, bigint> = { circulating: 0n, vesting: 0n, staked: 0n, treasury: 0n, pools: 0n, escrow: 0n };
  for (const account of state.ledger.accounts.values()) {
    if (account.assetId !== asset.id || account.system !== undefined) continue;
    byCategory.escrow += account.debitsPendingUnits;
    byCategory[categoryOf(account)] += balanceUnits(account) - account.debitsPendingUnits;
  }
  for (const grant of vestingGrants(state.modules.vesting)) {
    if (grant.assetId !== asset.id) continue;
    const releasable = vestedUnitsOfGrant(grant, atMs) - grant.releasedUnits;
    if (releasable <= 0n) continue;
    const beneficiary = state.ledger.accounts.get(grant.beneficiaryId);
    byCategory.vesting -= releasable;
    byCategory[beneficiary ? categoryOf(beneficiary) : 'circulating'] += releasable;
  }
  const allocations = state.modules.economy.allocations
    .filter((allocation) => allocation.assetId === asset.id)
    .map((allocation) => ({ allocation, releasedUnits: releasedUnits(state, allocation, atMs) }));
  return { asset, atMs, byCategory, allocations };
}

export function supplyReport(state: EngineState, atMs: number, assetId?: string): SupplyReport {
  const { asset, byCategory, allocations } = supplyUnits(state, atMs, assetId);
  const format = (amount: bigint) => formatAmount(amount, asset.decimals);
  return {
    at: new Date(atMs).toISOString(),
    atMs,
    asset: asset.id,
    symbol: asset.symbol,
    maxSupply: asset.maxSupplyUnits === undefined ? null : format(asset.maxSupplyUnits),
    total: format(asset.mintedUnits - asset.burnedUnits),
    minted: format(asset.mintedUnits),
    burned: format(asset.burnedUnits),
    circulating: format(byCategory.circulating),
    vesting: format(byCategory.vesting),
    staked: format(byCategory.staked),
    treasury: format(byCategory.treasury),
    pools: format(byCategory.pools),
    escrow: format(byCategory.escrow),
    allocations: allocations.map(({ allocation, releasedUnits }) => ({
      name: allocation.name,
      label: allocation.label,
      kind: allocation.kind,
      total: format(allocation.totalUnits),
      released: format(releasedUnits),
      locked: format(allocation.totalUnits - releasedUnits),
    })),
  };
}

function reportAsset(state: EngineState, assetId: string | undefined): Asset {
  const id = assetId ?? state.modules.economy.governanceAssetId;
  if (id === undefined) throw new PolityError('not_configured', 'this DAO has no governance token: name one with --asset, or init it from a genesis config');
  const asset = state.ledger.assets.get(id);
  if (!asset || asset.kind !== 'fungible') throw new PolityError('asset_not_found', `no fungible asset ${id}`);
  return asset;
}

/** Released: what the allocation's schedule has let go by `atMs`; a fund's is all of it. */
function releasedUnits(state: EngineState, allocation: Allocation, atMs: number): bigint {
  if (allocation.kind === 'vesting') {
    const grant = vestingGrant(state.modules.vesting, allocation.targetId);
    return grant ? vestedUnitsOfGrant(grant, atMs) : 0n;
  }
  if (allocation.kind === 'pool') {
    const pool = emissionPool(state.modules.emission, allocation.targetId);
    return pool ? scheduledEmissionUnits(pool, atMs) : 0n;
  }
  return allocation.totalUnits;
}
