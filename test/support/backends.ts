import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { bootstrapAdmin } from '../../src/access/bootstrap.ts';
import { Engine, type EngineOptions } from '../../src/engine/engine.ts';
import type { Clock } from '../../src/kernel/clock.ts';
import { openPostgresStore } from '../../src/store/postgres.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/types.ts';

/** A database the suite runs on. Every `open` gives a fresh, empty database (dir or schema). */
export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Opens a new empty store; `reopen` opens the same database again (restart tests). */
  open(daoId?: string): Promise<TestStore>;
}

export interface TestStore {
  store: Store;
  reopen(): Promise<Store>;
  /** The SQLite data directory, or the PostgreSQL URL and schema. */
  where: { dataDir?: string; databaseUrl?: string; schema?: string };
}

const databaseUrl = process.env.DATABASE_URL;
const createdSchemas: string[] = [];
const createdDirs: string[] = [];

const sqliteBackend: Backend = {
  name: 'sqlite',
  async open(daoId = 'test') {
    const dataDir = mkdtempSync(join(tmpdir(), 'polity-test-'));
    createdDirs.push(dataDir);
    const file = join(dataDir, 'polity.sqlite');
    // NORMAL keeps crash safety against process kills and makes the suite faster.
    const reopen = () => openSqliteStore({ file, daoId, synchronous: 'normal' });
    return { store: await reopen(), reopen, where: { dataDir } };
  },
};

const postgresBackend = (url: string): Backend => ({
  name: 'postgres',
  async open(daoId = 'test') {
    const schema = `polity_test_${randomBytes(6).toString('hex')}`;
    createdSchemas.push(schema);
    const reopen = () => openPostgresStore({ url, daoId, schema });
    return { store: await reopen(), reopen, where: { databaseUrl: url, schema } };
  },
});

export const backends: Backend[] = databaseUrl ? [sqliteBackend, postgresBackend(databaseUrl)] : [sqliteBackend];

if (!databaseUrl) {
  console.warn('PostgreSQL leg SKIPPED: DATABASE_URL is not set, so database tests run on SQLite only.');
}

/** Runs `suite` once per backend, in a describe block named after it. */
export function forEachBackend(suite: (backend: Backend) => void): void {
  for (const backend of backends) describe(backend.name, () => suite(backend));
}

afterAll(async () => {
  for (const dir of createdDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (!databaseUrl || createdSchemas.length === 0) return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  for (const schema of createdSchemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

export interface TestDao {
  engine: Engine;
  store: Store;
  testStore: TestStore;
  adminToken: string;
  admin: { actorId: string };
  close(): Promise<void>;
}

/** A fresh DAO with its bootstrap admin, on the given backend. */
export async function openTestDao(backend: Backend, options: { clock?: Clock } & Partial<EngineOptions> = {}): Promise<TestDao> {
  const testStore = await backend.open();
  const engine = await Engine.open({ ...options, store: testStore.store });
  const { adminToken, adminId } = await bootstrapAdmin(engine);
  return {
    engine,
    store: testStore.store,
    testStore,
    adminToken,
    admin: { actorId: adminId },
    async close() {
      await engine.close();
      await testStore.store.close();
    },
  };
}
