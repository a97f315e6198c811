import { existsSync } from 'node:fs';
import { PolityError } from '../kernel/errors.ts';
import { openStore, sqliteFile } from '../store/open.ts';
import type { Store } from '../store/types.ts';
import { type DaoFile, requireDaoFile, storeConfig } from './config.ts';

/**
 * Opens the store of an initialized DAO. On SQLite the file must already exist: opening
 * would otherwise create an empty database beside a polity.json that names a DAO, which
 * happens when the DAO was created with DATABASE_URL set and it is unset now.
 */
export async function openDaoStore(dataDir: string): Promise<{ dao: DaoFile; store: Store }> {
  const dao = requireDaoFile(dataDir);
  const config = storeConfig(dataDir, dao.daoId);
  if (!config.databaseUrl && !existsSync(sqliteFile(dataDir))) {
    throw new PolityError(
      'store_empty',
      `${dataDir}/polity.json names DAO ${dao.daoId}, but there is no ${sqliteFile(dataDir)}. Was the DAO created with DATABASE_URL set?`,
    );
  }
  return { dao, store: await openStore(config) };
}
