import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/engine/engine.ts';
import { verifyStore } from '../src/engine/verify.ts';
import { createPrng } from '../src/kernel/prng.ts';
import { balanceUnits, burnAccountId, issuanceAccountId } from '../src/ledger/state.ts';
import { openStore, type StoreConfig } from '../src/store/open.ts';
import { type Backend, forEachBackend } from './support/backends.ts';

/**
 * Kill -9 in the middle of group commits, three times on one database: every transfer the
 * child acknowledged must survive, in memory after replay and in the transfers table, and
 * the log must still verify. Seed with CRASH_SEED to replay a run's kill points.
 */
const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Date.now() % 2 ** 31;
const cycles = 3;
const daoId = 'crash';
const repoRoot = join(import.meta.dirname, '..');

interface Location {
  env: Record<string, string>;
  config: StoreConfig;
}

async function locate(backend: Backend): Promise<Location> {
  const test = await backend.open(daoId);
  await test.store.close(); // the child owns the database while it runs
  const { dataDir, databaseUrl, schema } = test.where;
  if (databaseUrl && schema) {
    return { env: { CRASH_DATABASE_URL: databaseUrl, CRASH_SCHEMA: schema }, config: { dataDir: '.', daoId, databaseUrl, postgresSchema: schema } };
  }
  if (!dataDir) throw new Error('the backend gave no location');
  // Without a URL the child opens SQLite with the default synchronous = FULL.
  return { env: { CRASH_DATA_DIR: dataDir }, config: { dataDir, daoId } };
}

/** Runs the child until it has acknowledged `killAfter` transfers, then SIGKILLs it. */
function runUntilKilled(location: Location, run: number, killAfter: number): Promise<string[]> {
  // Without DATABASE_URL: the child must use exactly the location it is given.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env = { ...inherited, ...location.env, CRASH_DAO: daoId, CRASH_RUN: String(run), CRASH_SEED: String(seed + run) };
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/crash-child.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const acked: string[] = [];
  let partial = '';
  let stderr = '';
  let killed = false;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? ''; // a line without its newline was never fully acknowledged
    acked.push(...lines);
    if (!killed && acked.length >= killAfter) killed = child.kill('SIGKILL');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL' && killed) resolve(acked);
      else reject(new Error(`crash-child exited early (code ${code}, signal ${signal}, ${acked.length} acks):\n${stderr}`));
    });
  });
}

/** Reopens the database and checks that the acknowledged transfers and the invariants held. */
/** Returns how many plain transfers the log holds, acknowledged or not. */
async function checkSurvivors(location: Location, acked: string[], takeSnapshot: boolean): Promise<number> {
  const store = await openStore(location.config);
  try {
    const engine = await Engine.open({ store });
    const { transfers, accounts, assets } = engine.state.ledger;
    const missing = acked.filter((id) => !transfers.has(id));
    expect(missing.slice(0, 5), `${missing.length} acknowledged transfers lost from the log (seed ${seed})`).toEqual([]);
    const rows = await store.db.selectFrom('transfers').select('id').where('dao_id', '=', daoId).execute();
    const tableIds = new Set(rows.map((row) => row.id));
    const missingRows = acked.filter((id) => !tableIds.has(id));
    expect(missingRows.slice(0, 5), `${missingRows.length} acknowledged transfers missing from the table (seed ${seed})`).toEqual([]);
    expect(tableIds.size, 'the transfers table matches the replayed state').toBe(transfers.size);
    for (const asset of assets.values()) {
      const sum = [...accounts.values()].filter((a) => a.assetId === asset.id).reduce((total, a) => total + balanceUnits(a), 0n);
      expect(sum, `conservation of ${asset.id} (seed ${seed})`).toBe(0n);
      const issued = -balanceUnits(accounts.get(issuanceAccountId(asset.id)) ?? expect.fail('issuance account'));
      const burned = balanceUnits(accounts.get(burnAccountId(asset.id)) ?? expect.fail('burn account'));
      expect([issued, burned]).toEqual([asset.mintedUnits, asset.burnedUnits]);
    }
    const report = await verifyStore(store);
    expect(report, `verifyStore (seed ${seed})`).toMatchObject({ ok: true });
    if (takeSnapshot) await engine.snapshot(); // the next child starts from a snapshot plus a tail
    return [...transfers.values()].filter((transfer) => transfer.kind === 'transfer').length;
  } finally {
    await store.close();
  }
}

forEachBackend((backend) => {
  describe('crash safety', () => {
    it(`acknowledged transfers survive SIGKILL, ${cycles} times on one database (seed ${seed})`, async () => {
      console.info(`crash test ${backend.name}: seed ${seed} (set CRASH_SEED to replay)`);
      const prng = createPrng(seed);
      const location = await locate(backend);
      const everAcked: string[] = [];
      let previousSize = 0;
      for (let run = 1; run <= cycles; run += 1) {
        const killAfter = 200 + prng.nextInt(2801);
        const acked = await runUntilKilled(location, run, killAfter);
        expect(acked.length).toBeGreaterThanOrEqual(killAfter);
        everAcked.push(...acked);
        const size = await checkSurvivors(location, everAcked, run === 2);
        expect(size).toBeGreaterThanOrEqual(previousSize + acked.length);
        console.info(
          `run ${run}: killed after ${acked.length} acks (asked ${killAfter}); ${size - previousSize - acked.length} more were durable unacknowledged`,
        );
        previousSize = size;
      }
    }, 60_000);
  });
});
