import { join } from 'node:path';
import { openPostgresStore } from './postgres.ts';
import { openSqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';

export interface StoreConfig {
  /** The data directory: the SQLite file lives here, and so does the node's config. */
  dataDir: string;
  daoId: string;
  /** postgres://... selects PostgreSQL instead of the embedded SQLite file. */
  databaseUrl?: string | undefined;
  postgresSchema?: string | undefined;
}

export function sqliteFile(dataDir: string): string {
  return join(dataDir, 'polity.sqlite');
}

export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl) {
    const options = { url: config.databaseUrl, daoId: config.daoId };
    return openPostgresStore(config.postgresSchema ? { ...options, schema: config.postgresSchema } : options);
  }
  return openSqliteStore({ file: sqliteFile(config.dataDir), daoId: config.daoId });
}
