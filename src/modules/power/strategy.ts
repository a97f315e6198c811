/**
 * Voting power strategies, read at a snapshot. Each answers "how much power of its own did
 * this actor have after record `seq`", from the history the module keeps; delegation adds
 * other actors' own power, never what those received (single level).
 */
import type { EngineState } from '../../engine/state.ts';
import { divFloor, isqrtFloor } from '../../kernel/amount.ts';
import { assert } from '../../kernel/assert.ts';
import { ppmWhole, sharePpmFloor } from '../../kernel/rates.ts';
import { valueAt } from './history.ts';
import { strategyDepthMax, strategyPartsMax } from './limits.ts';
import { delegationsAt, delegatorsAt, type Snapshot, trackedBalanceAt } from './queries.ts';
import type { PowerState } from './state.ts';

export type PowerStrategy =
  /** The posted balance of a tracked asset, summed over the actor's accounts. */
  | { kind: 'token'; asset: string }
  /** Units in the actor's open stakes of the asset, each times its tier's voting multiplier, rounded down once. */
  | { kind: 'staked'; asset: string }
  /** `unit` (default 1) for an actor holding a live identity token (BID), else 0. */
  | { kind: 'identity'; unit?: bigint }
  /** Tokens of a tracked non-fungible class the actor's accounts hold. */
  | { kind: 'nft'; asset: string }
  /** The integer square root (rounded down) of another strategy's power. */
  | { kind: 'quadratic'; of: PowerStrategy }
  /** A weighted sum of strategies, each evaluated for the same actor. */
  | { kind: 'sum'; parts: { strategy: PowerStrategy; weight: bigint }[] };

export interface StrategyProblem {
  code: 'strategy_invalid' | 'asset_not_found' | 'asset_not_tracked' | 'snapshot_before_tracking';
  message: string;
}

/**
 * Why a strategy cannot be read (at `at`, when given), or undefined. Governance checks this
 * where it can still reject (a category, a proposal, voting start): the power queries below
 * treat these cases as bugs and assert.
 */
export function powerStrategyProblem(engine: EngineState, strategy: PowerStrategy, at?: Snapshot, depth = 1): StrategyProblem | undefined {
  if (depth > strategyDepthMax) return { code: 'strategy_invalid', message: `strategies nest at most ${strategyDepthMax} deep` };
  switch (strategy.kind) {
    case 'token':
    case 'nft':
      return heldProblem(engine, strategy, at);
    case 'staked':
      return engine.ledger.assets.has(strategy.asset) ? undefined : { code: 'asset_not_found', message: `no asset ${strategy.asset}` };
    case 'identity':
      return (strategy.unit ?? 1n) < 0n ? { code: 'strategy_invalid', message: 'an identity unit is not negative' } : undefined;
    case 'quadratic':
      return powerStrategyProblem(engine, strategy.of, at, depth + 1);
    case 'sum':
      if (strategy.parts.length === 0 || strategy.parts.length > strategyPartsMax) {
        return { code: 'strategy_invalid', message: `a sum has 1 to ${strategyPartsMax} parts` };
      }
      for (const part of strategy.parts) {
        if (part.weight < 0n) return { code: 'strategy_invalid', message: 'a weight is not negative' };
        const problem = powerStrategyProblem(engine, part.strategy, at, depth + 1);
        if (problem) return problem;
      }
      return undefined;
  }
}

function heldProblem(engine: EngineState, strategy: { kind: 'token' | 'nft'; asset: string }, at: Snapshot | undefined): StrategyProblem | undefined {
  const asset = engine.ledger.assets.get(strategy.asset);
  if (asset === undefined) return { code: 'asset_not_found', message: `no asset ${strategy.asset}` };
  if (strategy.kind === 'nft' && asset.kind !== 'non_fungible') return { code: 'strategy_invalid', message: `${asset.id} is not a non-fungible class` };
  const tracked = engine.modules.power.tracked.get(asset.id);
  if (tracked === undefined) return { code: 'asset_not_tracked', message: `${asset.id} is not tracked: run power.track first` };
  if (at !== undefined && at.seq < tracked.trackedSeq) {
    return { code: 'snapshot_before_tracking', message: `${asset.id} is tracked from record ${tracked.trackedSeq}, after the snapshot at ${at.seq}` };
  }
  return undefined;
}

/** The actor's own power at the snapshot: never what others delegated to them. */
export function ownPowerAt(engine: EngineState, actorId: string, at: Snapshot, strategy: PowerStrategy): bigint {
  const state = engine.modules.power;
  switch (strategy.kind) {
    case 'token':
    case 'nft': {
      const units = trackedBalanceAt(state, strategy.asset, actorId, at.seq);
      assert(units !== undefined, `${strategy.asset} is tracked at record ${at.seq} (check powerStrategyProblem first)`);
      return units > 0n ? units : 0n; // an overdrawn account gives no power, and takes none away
    }
    case 'staked':
      return divFloor(valueAt(state.staked.get(strategy.asset)?.get(actorId), at.seq) ?? 0n, ppmWhole);
    case 'identity':
      return valueAt(state.identity.get(actorId), at.seq) === 1 ? (strategy.unit ?? 1n) : 0n;
    case 'quadratic':
      return isqrtFloor(ownPowerAt(engine, actorId, at, strategy.of));
    case 'sum':
      return strategy.parts.reduce((total, part) => total + part.weight * ownPowerAt(engine, actorId, at, part.strategy), 0n);
  }
}

/** Every actor who may have power under a strategy: the keys of the histories it reads. */
function candidates(state: PowerState, strategy: PowerStrategy, into: Set<string>): Set<string> {
  const add = (keys: Iterable<string> | undefined) => {
    for (const key of keys ?? []) into.add(key);
  };
  switch (strategy.kind) {
    case 'token':
    case 'nft':
      add(state.tracked.get(strategy.asset)?.owners.keys());
      break;
    case 'staked':
      add(state.staked.get(strategy.asset)?.keys());
      break;
    case 'identity':
      add(state.identity.keys());
      break;
    case 'quadratic':
      candidates(state, strategy.of, into);
      break;
    case 'sum':
      for (const part of strategy.parts) candidates(state, part.strategy, into);
      break;
  }
  return into;
}

/** The own power of every holder at the snapshot, added up: the base a quorum is a share of. */
export function eligiblePowerAt(engine: EngineState, at: Snapshot, strategy: PowerStrategy): bigint {
  let total = 0n;
  for (const actorId of candidates(engine.modules.power, strategy, new Set())) total += ownPowerAt(engine, actorId, at, strategy);
  return total;
}

export interface DelegatedPowerInput {
  delegateId: string;
  at: Snapshot;
  strategy: PowerStrategy;
  category?: string | undefined;
  /** Delegators who voted themselves: their power stays with their own ballot. */
  /** Who voted directly: only `has` is asked, so a view over the ballots will do. */
  directVoters: Pick<ReadonlySet<string>, 'has'>;
}

/**
 * Power delegated to `delegateId` in force at the snapshot: for each delegator who did not vote
 * directly, their own power times their share, rounded down. The remainder of a split stays
 * with the delegator, unused unless they vote themselves.
 */
export function delegatedPowerAt(engine: EngineState, input: DelegatedPowerInput): bigint {
  let total = 0n;
  for (const share of delegatedSharesTo(engine, input)) total += share.units;
  return total;
}

/** The same, per delegator (sorted by delegator id): what each one's share adds to the delegate. */
export function delegatedSharesTo(engine: EngineState, input: DelegatedPowerInput): { delegatorId: string; units: bigint }[] {
  const state = engine.modules.power;
  const shares: { delegatorId: string; units: bigint }[] = [];
  for (const delegatorId of delegatorsAt(state, input.delegateId, input.at, input.category)) {
    if (input.directVoters.has(delegatorId)) continue;
    const share = delegationsAt(state, delegatorId, input.at, input.category).find((entry) => entry.delegateId === input.delegateId);
    assert(share !== undefined, 'delegatorsAt lists only delegators naming the delegate');
    shares.push({ delegatorId, units: sharePpmFloor(ownPowerAt(engine, delegatorId, input.at, input.strategy), share.ppm) });
  }
  return shares;
}

/**
 * What a delegator's delegation in force at the snapshot gives each delegate (rounded down):
 * the power a delegate's ballot loses when this delegator votes directly.
 */
export function delegatedSharesFrom(
  engine: EngineState,
  input: { delegatorId: string; at: Snapshot; strategy: PowerStrategy; category?: string | undefined; ownUnits?: bigint },
): { delegateId: string; units: bigint }[] {
  // A caller that already has the delegator's own power passes it (ownUnits): it is the same figure.
  const own = input.ownUnits ?? ownPowerAt(engine, input.delegatorId, input.at, input.strategy);
  return delegationsAt(engine.modules.power, input.delegatorId, input.at, input.category).map((share) => ({
    delegateId: share.delegateId,
    units: sharePpmFloor(own, share.ppm),
  }));
}
