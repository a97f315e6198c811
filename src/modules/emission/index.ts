/** The emission module: the only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { createPool } from './commands/create-pool.ts';
import { distribute } from './commands/distribute.ts';
import { emit } from './commands/emit.ts';
import { type EmissionEvent, emissionEventTypes, evolveEmission } from './events.ts';
import { createEmissionState, type EmissionState } from './state.ts';

export type { CreatePoolPayload, CreatePoolResult } from './commands/create-pool.ts';
export { type DistributePayload, type DistributeResult, distributeAction, type Payout } from './commands/distribute.ts';
export type { EmitPayload, EmitResult } from './commands/emit.ts';
export type { EmissionEvent, PoolCreated, PoolDistributed, PoolEmitted } from './events.ts';
export { contributionsMax, factorsMax } from './limits.ts';
export { emissionPool, emissionPools, emittableUnits, poolAccountId, poolRewardsAccountId, scheduledEmissionUnits } from './queries.ts';
export { weightedShares } from './shares.ts';
export type { EmissionPool, EmissionState, FactorWeight } from './state.ts';

export const emissionModule: DomainModule<EmissionState, EmissionEvent> = {
  name: 'emission',
  createState: createEmissionState,
  eventTypes: emissionEventTypes,
  evolve: evolveEmission,
  commands: [createPool, emit, distribute],
};
