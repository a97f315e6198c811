import { systemActorId } from '../access/state.ts';
import { expiriesPerCommandMax } from '../ledger/limits.ts';
import type { Engine } from './engine.ts';

export interface Keeper {
  /** Submits every command that is due now; resolves when they are committed. */
  tick(): Promise<number>;
  stop(): void;
}

/**
 * The built-in keeper: time-driven transitions with effects are ordinary commands that
 * anyone may submit; the keeper submits the due ones as the system actor. Today: expire
 * pending transfers whose timeout has passed.
 */
export function startKeeper(engine: Engine, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}): Keeper {
  let running = false;
  const tick = async (): Promise<number> => {
    if (running) return 0;
    running = true;
    try {
      return await expireDue(engine);
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
