import type { EngineState } from '../../engine/state.ts';
import { emissionPool } from '../emission/index.ts';
import { treasuryFund } from '../treasury/index.ts';
import { vestingGrant } from '../vesting/index.ts';
import type { AllocationKind, EconomyState } from './state.ts';

/** What holds an allocation: its asset and, for grants and pools, the units it was given. */
export function allocationTarget(state: EngineState, kind: AllocationKind, id: string): { assetId: string; units?: bigint } | undefined {
  const modules = state.modules;
  if (kind === 'vesting') {
    const grant = vestingGrant(modules.vesting, id);
    return grant && { assetId: grant.assetId, units: grant.totalUnits };
  }
  if (kind === 'pool') {
    const pool = emissionPool(modules.emission, id);
    return pool && { assetId: pool.assetId, units: pool.totalUnits };
  }
  const fund = treasuryFund(modules.treasury, id);
  return fund && { assetId: fund.assetId };
}

export function genesisMs(economy: EconomyState): number | undefined {
  return economy.genesisMs;
}

/** Decimals of the governance token (0 before the economy names one): power and tallies count in its base units. */
export function governanceDecimals(state: EngineState): number {
  const id = state.modules.economy.governanceAssetId;
  return (id === undefined ? undefined : state.ledger.assets.get(id)?.decimals) ?? 0;
}
