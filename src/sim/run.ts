import type { EngineState } from '../engine/state.ts';
import type { GenesisConfig } from '../genesis/config.ts';
import { emissionPools } from '../modules/emission/index.ts';
import { fundAccountId, treasuryFunds } from '../modules/treasury/index.ts';
import { vestedUnitsOfGrant, vestingGrants } from '../modules/vesting/index.ts';
import { supplyUnits } from '../reports/supply.ts';
import { Behaviours } from './behaviours.ts';
import { type SimParams, simSteps } from './params.ts';
import { SimWorld } from './world.ts';

/** One sample of the economy, in base units of the governance token. */
export interface SimSample {
  step: number;
  timeMs: number;
  total: bigint;
  circulating: bigint;
  vesting: bigint;
  staked: bigint;
  treasury: bigint;
  pools: bigint;
  escrow: bigint;
  burned: bigint;
  /**
   * Units the DAO's schedules and funds have let go to holders, cumulative: vested to holders'
   * own accounts (claimed or not), distributed by emission pools, spent by treasury funds, paid
   * as staking rewards (the reward burn included). Fees and revenue flowing back do not undo it.
   */
  released: bigint;
  /** Balance of each treasury fund, by fund id. */
  funds: Record<string, bigint>;
}

export interface SimRun {
  seed: number;
  samples: SimSample[];
  commands: number;
  rejections: Record<string, number>;
  decimals: number;
  symbol: string;
  maxSupplyUnits: bigint;
}

/** Runs one seeded simulation; `onStep` reports progress (steps done). */
export async function runSimulation(config: GenesisConfig, params: SimParams, seed: number, onStep: (done: number) => void = () => {}): Promise<SimRun> {
  const world = await SimWorld.create(config, { holders: params.holders, seed });
  try {
    const behaviours = new Behaviours(world, params);
    const steps = simSteps(params);
    const stepsPerSample = Math.max(1, Math.round(params.sampleSeconds / params.stepSeconds));
    const samples: SimSample[] = [sample(world, 0)];
    for (let step = 1; step <= steps; step += 1) {
      world.clock.advanceMs(params.stepSeconds * 1000);
      behaviours.step(step);
      await world.flush();
      if (step % stepsPerSample === 0 || step === steps) samples.push(sample(world, step));
      onStep(step);
    }
    const asset = world.engine.state.ledger.assets.get(config.governanceToken);
    return {
      seed,
      samples,
      commands: world.commands,
      rejections: Object.fromEntries([...world.rejections].sort(([a], [b]) => a.localeCompare(b))),
      decimals: world.decimals,
      symbol: asset?.symbol ?? config.governanceToken,
      maxSupplyUnits: asset?.maxSupplyUnits ?? asset?.mintedUnits ?? 0n,
    };
  } finally {
    await world.close();
  }
}

function sample(world: SimWorld, step: number): SimSample {
  const state = world.engine.state;
  const { asset, byCategory } = supplyUnits(state, world.nowMs, world.config.governanceToken);
  const funds: Record<string, bigint> = {};
  for (const fund of world.config.treasury.funds) funds[fund.id] = world.balance(fundAccountId(fund.id));
  return {
    step,
    timeMs: world.nowMs,
    total: asset.mintedUnits - asset.burnedUnits,
    ...byCategory,
    burned: asset.burnedUnits,
    released: releasedUnits(state, world.nowMs),
    funds,
  };
}

function releasedUnits(state: EngineState, atMs: number): bigint {
  let released = 0n;
  for (const grant of vestingGrants(state.modules.vesting)) {
    if (!grant.beneficiaryId.startsWith('@')) released += vestedUnitsOfGrant(grant, atMs);
  }
  for (const pool of emissionPools(state.modules.emission)) released += pool.distributedUnits;
  for (const fund of treasuryFunds(state.modules.treasury)) released += fund.spentUnits;
  for (const stake of state.modules.staking.stakes.values()) released += stake.paidUnits;
  return released;
}
