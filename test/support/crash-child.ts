/**
 * The process `test/crash.test.ts` kills. It opens the store named by its environment,
 * sets up an asset with funded accounts if the DAO is new, then submits transfer batches
 * from several concurrent workers forever. Each transfer id goes to stdout, one line each,
 * only after its command resolved with status `created`: every line the parent reads is a
 * promise that the transfer is durable.
 *
 * Environment: CRASH_DAO, CRASH_RUN (makes ids unique per run), CRASH_SEED, and either
 * CRASH_DATA_DIR (SQLite, default synchronous FULL) or CRASH_DATABASE_URL + CRASH_SCHEMA.
 */
import { bootstrapAdmin } from '../../src/access/bootstrap.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { Principal } from '../../src/engine/types.ts';
import { createPrng, type Prng } from '../../src/kernel/prng.ts';
import type { BatchResult } from '../../src/ledger/index.ts';
import { openStore } from '../../src/store/open.ts';

const crashAssetId = 'crashcoin';
const crashAccountCount = 8;
const transfersPerCommand = 50;
const workers = 4;

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`crash-child needs ${name}`);
  return value;
};

const crashAccountId = (index: number): string => `crash-acct-${index}`;

async function must(engine: Engine, principal: Principal, type: string, payload: unknown): Promise<void> {
  const outcome = await engine.submit(principal, { type, payload });
  if (!outcome.ok) throw new Error(`setup ${type} rejected: ${outcome.code} ${outcome.message}`);
}

/** Idempotent: every step is a create with a fixed id, so a restarted child repeats it harmlessly. */
async function setUp(engine: Engine): Promise<Principal> {
  if (!engine.state.access.actors.has('admin')) await bootstrapAdmin(engine);
  const admin = { actorId: 'admin' };
  await must(engine, admin, 'ledger.create_asset', { id: crashAssetId, kind: 'fungible', symbol: 'CRASH', decimals: 2 });
  const accounts = Array.from({ length: crashAccountCount }, (_, index) => ({ id: crashAccountId(index), asset: crashAssetId }));
  await must(engine, admin, 'ledger.create_accounts', { accounts });
  for (const { id } of accounts) await must(engine, admin, 'ledger.mint', { id: `crash-mint-${id}`, asset: crashAssetId, to: id, amount: '1000000' });
  return admin;
}

function batch(prng: Prng, prefix: string): { id: string; from: string; to: string; amount: string }[] {
  return Array.from({ length: transfersPerCommand }, (_, index) => {
    const from = prng.nextInt(crashAccountCount);
    const to = (from + 1 + prng.nextInt(crashAccountCount - 1)) % crashAccountCount;
    return { id: `${prefix}-${index}`, from: crashAccountId(from), to: crashAccountId(to), amount: '0.01' };
  });
}

/** Submits batches until killed; prints each created transfer's id once it is durable. */
async function work(engine: Engine, admin: Principal, worker: number, run: string, prng: Prng): Promise<never> {
  for (let command = 0; ; command += 1) {
    const transfers = batch(prng, `r${run}-w${worker}-c${command}`);
    const outcome = await engine.submit<BatchResult>(admin, { type: 'ledger.create_transfers', payload: { transfers } });
    if (!outcome.ok) throw new Error(`transfer batch rejected: ${outcome.code}`);
    const created = outcome.result.results.filter((result) => result.status === 'created').map((result) => `${result.id}\n`);
    if (created.length > 0) process.stdout.write(created.join(''));
  }
}

async function main(): Promise<void> {
  const databaseUrl = process.env.CRASH_DATABASE_URL;
  const config = databaseUrl
    ? { dataDir: '.', daoId: env('CRASH_DAO'), databaseUrl, postgresSchema: env('CRASH_SCHEMA') }
    : { dataDir: env('CRASH_DATA_DIR'), daoId: env('CRASH_DAO') };
  const engine = await Engine.open({ store: await openStore(config) });
  const admin = await setUp(engine);
  const run = env('CRASH_RUN');
  const seed = Number(env('CRASH_SEED'));
  await Promise.all(Array.from({ length: workers }, (_, worker) => work(engine, admin, worker, run, createPrng(seed + worker))));
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
