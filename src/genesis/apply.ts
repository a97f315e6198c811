import { bootstrapAdmin } from '../access/bootstrap.ts';
import { Engine } from '../engine/engine.ts';
import type { Principal } from '../engine/types.ts';
import type { Clock } from '../kernel/clock.ts';
import { PolityError } from '../kernel/errors.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import { type GenesisStep, genesisSteps } from './build.ts';
import type { GenesisConfig } from './config.ts';

/** Submits the genesis steps in order as `principal`; the first rejection stops it, named. */
export async function applyGenesis(engine: Engine, principal: Principal, steps: readonly GenesisStep[]): Promise<number> {
  for (const [index, step] of steps.entries()) {
    const outcome = await engine.submit(principal, { type: step.type, payload: step.payload });
    if (!outcome.ok) {
      throw new PolityError('genesis_failed', `genesis step ${index + 1} (${step.why}, ${step.type}) was rejected: ${outcome.code}: ${outcome.message}`, {
        step: index + 1,
        command: step.type,
        rejection: outcome.code,
      });
    }
  }
  return steps.length;
}

/**
 * Runs a config's genesis on a throwaway in-memory DAO first, so that `polity init` never
 * leaves a half-built DAO behind: what the loader cannot see (a rule only the engine checks)
 * fails here, before the real database is touched.
 */
export async function rehearseGenesis(config: GenesisConfig, daoId: string, clock?: Clock): Promise<void> {
  const store = await openSqliteStore({ file: ':memory:', daoId });
  try {
    const engine = await Engine.open(clock ? { store, clock } : { store });
    try {
      const { adminId } = await bootstrapAdmin(engine);
      await applyGenesis(engine, { actorId: adminId }, genesisSteps(config));
    } finally {
      await engine.close();
    }
  } finally {
    await store.close();
  }
}
