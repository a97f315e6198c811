import { systemActorId } from '../access/state.ts';
import { daySeconds } from '../kernel/rates.ts';
import { expiriesPerCommandMax } from '../ledger/limits.ts';
import { emissionPools, emittableUnits } from '../modules/emission/index.ts';
import { dueProposals } from '../modules/governance/index.ts';
import { releasableUnits, vestingGrants } from '../modules/vesting/index.ts';
import type { Engine } from './engine.ts';

export interface Keeper {
  /** Submits every command that is due now; resolves when they are committed. */
  tick(): Promise<number>;
  stop(): void;
}

/**
 * The built-in keeper: time-driven transitions with effects are ordinary commands that
 * anyone may submit; the keeper submits the due ones as the system actor: it expires pending
 * transfers whose timeout has passed and moves proposals on (starts the vote when the
 * discussion is over, executes queued ones whose category auto-executes) every tick, and
 * releases vested tokens and emits pool
 * rewards that have come due (once per `releaseEveryMs`, a day by default: a release every
 * second would fill the log with dust).
 */
export function startKeeper(engine: Engine, options: { intervalMs?: number; releaseEveryMs?: number; onError?: (error: unknown) => void } = {}): Keeper {
  let running = false;
  let lastReleaseMs = Number.NEGATIVE_INFINITY;
  const releaseEveryMs = options.releaseEveryMs ?? daySeconds * 1000;
  const tick = async (): Promise<number> => {
    if (running) return 0;
    running = true;
    try {
      let done = (await expireDue(engine)) + (await advanceProposals(engine));
      if (engine.nowMs() - lastReleaseMs >= releaseEveryMs) {
        lastReleaseMs = engine.nowMs();
        done += await releaseDue(engine);
      }
      return done;
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => {
    tick().catch((error: unknown) => options.onError?.(error));
  }, options.intervalMs ?? 1000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}

async function expireDue(engine: Engine): Promise<number> {
  const now = engine.nowMs();
  const due: string[] = [];
  for (const id of engine.state.ledger.pendingIds) {
    const expiresAtMs = engine.state.ledger.transfers.get(id)?.expiresAtMs;
    if (expiresAtMs !== undefined && expiresAtMs <= now) due.push(id);
  }
  let expired = 0;
  for (let start = 0; start < due.length; start += expiriesPerCommandMax) {
    const pendingIds = due.slice(start, start + expiriesPerCommandMax);
    const outcome = await engine.submit<{ expired: string[] }>({ actorId: systemActorId }, { type: 'ledger.expire_pending', payload: { pendingIds } });
    if (outcome.ok) expired += outcome.result.expired.length;
  }
  return expired;
}

/** Vesting claims and pool emissions that would move something now, submitted together. */
async function releaseDue(engine: Engine): Promise<number> {
  const now = engine.nowMs();
  const { vesting, emission } = engine.state.modules;
  const system = { actorId: systemActorId };
  const submitted = [
    ...vestingGrants(vesting)
      .filter((grant) => releasableUnits(grant, now) > 0n)
      .map((grant) => engine.submit(system, { type: 'vesting.claim', payload: { id: grant.id } })),
    ...emissionPools(emission)
      .filter((pool) => emittableUnits(pool, now) > 0n)
      .map((pool) => engine.submit(system, { type: 'emission.emit', payload: { pool: pool.id } })),
  ];
  const outcomes = await Promise.all(submitted);
  return outcomes.filter((outcome) => outcome.ok).length;
}

/** Proposals whose discussion is over start voting; auto-executing ones run after their timelock. */
async function advanceProposals(engine: Engine): Promise<number> {
  const due = dueProposals(engine.state, engine.nowMs());
  const system = { actorId: systemActorId };
  const outcomes = await Promise.all([
    ...due.startVoting.map((proposal) => engine.submit(system, { type: 'governance.start_voting', payload: { proposal } })),
    ...due.execute.map((proposal) => engine.submit(system, { type: 'governance.execute', payload: { proposal } })),
  ]);
  return outcomes.filter((outcome) => outcome.ok).length;
}
