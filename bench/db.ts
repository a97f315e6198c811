import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sqliteFile } from '../src/store/open.ts';
import { openPostgresStore } from '../src/store/postgres.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/types.ts';

export type Synchronous = 'full' | 'normal';

/**
 * One fresh database: a SQLite file in the run's temp data dir, or a PostgreSQL schema.
 * The naive baseline keeps its own tables in the same database as the engine's
 * library-spread scenario.
 */
export interface BenchDatabase {
  backend: 'sqlite' | 'postgres';
  /** The SQLite file, or the URL and schema. */
  location: string;
  sqlite?: { dataDir: string; file: string };
  postgres?: { url: string; schema: string };
  openStore(daoId: string, synchronous?: Synchronous): Promise<Store>;
}

/**
 * The databases of one run: every scenario gets a fresh one of its own (so none runs on
 * the tables another one grew), all under one temp dir or one schema-name prefix, all
 * removed at the end.
 */
export class BenchDatabases {
  private readonly created: BenchDatabase[] = [];
  private readonly root: string | undefined;
  private readonly tag = randomBytes(4).toString('hex');

  constructor(
    readonly backend: 'sqlite' | 'postgres',
    private readonly databaseUrl: string,
  ) {
    this.root = backend === 'sqlite' ? mkdtempSync(join(tmpdir(), 'polity-bench-')) : undefined;
  }

  /** Where the run's data lives. */
  get location(): string {
    return this.root ?? `${redact(this.databaseUrl)} schemas polity_bench_${this.tag}_*`;
  }

  async fresh(name: string): Promise<BenchDatabase> {
    const database = this.root ? this.sqlite(this.root, name) : await this.postgres(name);
    this.created.push(database);
    return database;
  }

  private sqlite(root: string, name: string): BenchDatabase {
    const dataDir = join(root, name);
    mkdirSync(dataDir, { recursive: true });
    const file = sqliteFile(dataDir);
    return {
      backend: 'sqlite',
      location: file,
      sqlite: { dataDir, file },
      openStore: (daoId, synchronous = 'full') => openSqliteStore({ file, daoId, synchronous }),
    };
  }

  private async postgres(name: string): Promise<BenchDatabase> {
    const schema = `polity_bench_${this.tag}_${name.replace(/[^a-z0-9]/g, '_')}`;
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const url = this.databaseUrl;
    return {
      backend: 'postgres',
      location: `${redact(url)} schema ${schema}`,
      postgres: { url, schema },
      openStore: (daoId) => openPostgresStore({ url, daoId, schema }),
    };
  }

  async cleanup(keep: boolean): Promise<void> {
    if (keep) return;
    if (this.root) {
      rmSync(this.root, { recursive: true, force: true });
      return;
    }
    const schemas = this.created.map((database) => database.postgres?.schema).filter((schema) => schema !== undefined);
    if (schemas.length === 0) return;
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
