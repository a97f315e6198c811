import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { bootstrapAdmin } from '../access/bootstrap.ts';
import { Engine } from '../engine/engine.ts';
import { PolityError } from '../kernel/errors.ts';
import { openStore } from '../store/open.ts';
import { adminTokenPath, checkDaoId, defaultDaoId, readDaoFile, resolveDataDir, storeConfig, writeAdminToken, writeDaoFile } from './config.ts';
import { emit, type JsonOption } from './output.ts';
import { assertNoLiveServer } from './server-pid.ts';

export interface InitializedDao {
  daoId: string;
  dataDir: string;
  adminId: string;
  adminToken: string;
  adminTokenFile: string;
  store: string;
}

/**
 * Creates a DAO: its database, its bootstrap admin and the admin token file, then
 * polity.json last, so that a crash half-way leaves a data dir that `init` can finish.
 */
export async function initializeDao(dataDir: string, daoId: string): Promise<InitializedDao> {
  const existing = readDaoFile(dataDir);
  if (existing) throw new PolityError('already_initialized', `${dataDir} already holds DAO ${existing.daoId}; use another --data directory`);
  const config = storeConfig(dataDir, daoId);
  mkdirSync(dataDir, { recursive: true }); // on PostgreSQL nothing else creates it
  const store = await openStore(config);
  try {
    const engine = await Engine.open({ store });
    if (engine.head.seq > 0) {
      await engine.close();
      throw new PolityError('already_initialized', `the database ${store.location} already holds DAO ${daoId} (${engine.head.seq} log records)`);
    }
    const admin = await bootstrapAdmin(engine);
    await engine.close();
    const adminTokenFile = writeAdminToken(dataDir, admin.adminToken);
    writeDaoFile(dataDir, { daoId, createdAtMs: Date.now() });
    return { daoId, dataDir, ...admin, adminTokenFile, store: store.location };
  } finally {
    await store.close();
  }
}

/**
 * Genesis configurations (assets, members, governance at creation) come later. Until then
 * an empty file (or one of comments only) is accepted and anything else is refused, rather
 * than silently creating a DAO that differs from what the file asks for.
 */
export function checkGenesisConfig(path: string): void {
  if (!existsSync(path)) throw new PolityError('config_not_found', `--config ${path}: no such file`);
  let document: unknown;
  try {
    document = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PolityError('config_invalid', `--config ${path} is not valid YAML: ${(error as Error).message}`);
  }
  if (document !== null && document !== undefined) {
    throw new PolityError(
      'config_not_supported',
      `--config ${path}: genesis configurations are not supported yet; this version creates only the bare DAO. Remove the file's contents or omit --config.`,
    );
  }
}

interface InitOptions extends JsonOption {
  data?: string;
  config?: string;
  dao: string;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a DAO: its data dir, database and bootstrap admin (prints the admin token once)')
    .option('--data <dir>', 'data directory (default: $POLITY_DATA or ./data)')
    .option('--dao <id>', 'the DAO id', defaultDaoId)
    .option('--config <file>', 'genesis config (YAML); not supported yet: only an empty file is accepted, anything else fails with config_not_supported')
    .option('--json', 'print one JSON object')
    .addHelpText('after', '\nSet DATABASE_URL=postgres://... (and optionally POLITY_PG_SCHEMA) to keep the DAO in PostgreSQL instead of SQLite.')
    .action(async (options: InitOptions) => {
      const dataDir = resolveDataDir(options.data);
      const daoId = checkDaoId(options.dao);
      if (options.config !== undefined) checkGenesisConfig(options.config);
      assertNoLiveServer(dataDir, 'init');
      const dao = await initializeDao(dataDir, daoId);
      emit(options, dao, () => [
        `Created DAO ${dao.daoId} in ${dao.dataDir} (${dao.store}).`,
        `Admin token (saved to ${adminTokenPath(dataDir)}, mode 0600; keep it secret):`,
        `  ${dao.adminToken}`,
        'Start the server with `polity serve` (or `npm start`).',
      ]);
    });
}
