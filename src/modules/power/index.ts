/** The power module: voting power at a snapshot, and delegation. The only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { delegatePower } from './commands/delegate.ts';
import { trackPower } from './commands/track.ts';
import { undelegatePower } from './commands/undelegate.ts';
import { evolvePower, type PowerEvent, powerEventTypes } from './events.ts';
import { createPowerState, type PowerState } from './state.ts';

export type { DelegatePayload, DelegateResult } from './commands/delegate.ts';
export type { TrackPayload, TrackResult } from './commands/track.ts';
export type { UndelegatePayload, UndelegateResult } from './commands/undelegate.ts';
export type { PowerDelegated, PowerEvent, PowerTracked, PowerUndelegated } from './events.ts';
export { type DelegationShare, delegationsAt, delegatorsAt, type Snapshot, trackedAssets, trackedBalanceAt, trackedSinceSeq } from './queries.ts';
export type { Delegation, PowerState, TrackedAsset } from './state.ts';
export {
  type DelegatedPowerInput,
  delegatedPowerAt,
  delegatedSharesFrom,
  delegatedSharesTo,
  eligiblePowerAt,
  ownPowerAt,
  type PowerStrategy,
  powerStrategyProblem,
  type StrategyProblem,
} from './strategy.ts';

export const powerModule: DomainModule<PowerState, PowerEvent> = {
  name: 'power',
  createState: createPowerState,
  eventTypes: powerEventTypes,
  evolve: evolvePower,
  commands: [trackPower, delegatePower, undelegatePower],
};
