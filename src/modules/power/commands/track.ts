import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import type { PowerTracked } from '../events.ts';
import { trackedAssetsMax } from '../limits.ts';
import { TrackSchema } from '../schema.ts';

export type TrackPayload = Static<typeof TrackSchema>;
export interface TrackResult {
  assetId: string;
  status: 'tracked' | 'exists';
}

/**
 * Starts keeping the per-owner balance history of an asset, so that voting power can be read
 * at any later snapshot. The history is seeded from the balances as they stand: snapshots
 * before this record cannot be answered (`powerStrategyProblem` says so). Tracking stays on:
 * stopping would leave proposals whose snapshot needs the history.
 */
export const trackPower: CommandDefinition<EngineState, TrackPayload, TrackResult> = {
  type: 'power.track',
  schema: TrackSchema,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, 'economy.admin', [`power:${payload.asset}`, 'power:config', 'economy:config'])) {
      return rejected('not_authorized', `${ctx.actorId} may not track voting power of ${payload.asset}`);
    }
    if (!state.ledger.assets.has(payload.asset)) return rejected('asset_not_found', `no asset ${payload.asset}`);
    const tracked = state.modules.power.tracked;
    if (tracked.has(payload.asset)) return accepted([], { assetId: payload.asset, status: 'exists' });
    if (tracked.size >= trackedAssetsMax) return rejected('too_many_tracked_assets', `at most ${trackedAssetsMax} assets are tracked`);
    const event: PowerTracked = { type: 'power_tracked', assetId: payload.asset };
    return accepted([event], { assetId: payload.asset, status: 'tracked' });
  },
};
