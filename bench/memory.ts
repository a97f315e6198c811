import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bootstrapAdmin } from '../src/access/bootstrap.ts';
import { Engine } from '../src/engine/engine.ts';
import type { CommandEnvelope } from '../src/engine/types.ts';
import { openPostgresStore } from '../src/store/postgres.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/types.ts';
import { must, submitAll } from './dao.ts';
import { round } from './stats.ts';
import { assetId } from './workload.ts';

/**
 * Memory with many accounts, in a child process of its own (`node --expose-gc`), so the
 * figures hold one engine and nothing the other scenarios left behind.
 */
export interface MemoryTarget {
  backend: 'sqlite' | 'postgres';
  sqliteFile?: string;
  postgres?: { url: string; schema: string };
  accounts: number;
  daoId: string;
}

export interface MemoryResult {
  accounts: number;
  forcedGc: boolean;
  createSeconds: number;
  accountsPerSecond: number;
  /** Process figures in MiB: before the DAO, after bootstrap, after the accounts (all after GC). */
  baseline: MemoryFigures;
  afterAccounts: MemoryFigures;
  /** (heapUsed after - before) per account, bytes. */
  heapBytesPerAccount: number;
  engineCloseMs: number;
}

export interface MemoryFigures {
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
}

const mib = (bytes: number): number => round(bytes / 1024 / 1024, 1);

function figures(): MemoryFigures {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  return { rssMiB: mib(usage.rss), heapUsedMiB: mib(usage.heapUsed), heapTotalMiB: mib(usage.heapTotal), externalMiB: mib(usage.external) };
}

async function child(target: MemoryTarget): Promise<MemoryResult> {
  const baseline = figures();
  const before = process.memoryUsage().heapUsed;
  let store: Store;
  if (target.backend === 'sqlite' && target.sqliteFile) store = await openSqliteStore({ file: target.sqliteFile, daoId: target.daoId });
  else if (target.postgres) store = await openPostgresStore({ url: target.postgres.url, schema: target.postgres.schema, daoId: target.daoId });
  else throw new Error('no database for the memory scenario');
  const engine = await Engine.open({ store });
  const { adminId } = await bootstrapAdmin(engine);
  const admin = { actorId: adminId };
  await must(engine.submit(admin, { type: 'ledger.create_asset', payload: { id: assetId, kind: 'fungible', symbol: 'USD', decimals: 2 } }));
  const envelopes: CommandEnvelope[] = [];
  for (let start = 0; start < target.accounts; start += 8_190) {
    const accounts = [];
    for (let index = start; index < Math.min(target.accounts, start + 8_190); index += 1) accounts.push({ id: `member-${index}`, asset: assetId });
    envelopes.push({ type: 'ledger.create_accounts', payload: { accounts } });
  }
  const started = performance.now();
  await submitAll(engine, admin, envelopes, 4);
  const createMs = performance.now() - started;
  const afterAccounts = figures();
  const after = process.memoryUsage().heapUsed;
  const closing = performance.now();
  await engine.close();
  const engineCloseMs = performance.now() - closing;
  await store.close();
  return {
    accounts: target.accounts,
    forcedGc: typeof (globalThis as { gc?: unknown }).gc === 'function',
    createSeconds: round(createMs / 1000, 3),
    accountsPerSecond: Math.round(target.accounts / (createMs / 1000)),
    baseline,
    afterAccounts,
    heapBytesPerAccount: Math.round((after - before) / target.accounts),
    engineCloseMs: round(engineCloseMs),
  };
}

/** Runs the memory scenario in `node --expose-gc --import tsx bench/memory.ts`. */
export function runMemory(target: MemoryTarget, timeoutMs: number): Promise<MemoryResult> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, JSON.stringify(target)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as MemoryResult);
      else reject(new Error(`memory scenario exited with ${signal ?? code}${signal ? ' (timeout?)' : ''}: ${stdout.slice(-500)}`));
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = JSON.parse(process.argv[2] ?? '{}') as MemoryTarget;
  console.log(JSON.stringify(await child(target)));
}
