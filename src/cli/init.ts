import { mkdirSync } from 'node:fs';
import type { Command } from 'commander';
import { bootstrapAdmin } from '../access/bootstrap.ts';
import { Engine } from '../engine/engine.ts';
import { applyGenesis, rehearseGenesis } from '../genesis/apply.ts';
import { genesisSteps } from '../genesis/build.ts';
import { type GenesisConfig, loadGenesisConfig } from '../genesis/config.ts';
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
  /** Commands the genesis config turned into (0 without --config). */
  genesisCommands: number;
}

/**
 * Creates a DAO: its database, its bootstrap admin and the admin token file, then
 * polity.json last, so that a crash half-way leaves a data dir that `init` can finish.
 */
export async function initializeDao(dataDir: string, daoId: string, genesis?: GenesisConfig): Promise<InitializedDao> {
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
    const genesisCommands = genesis ? await applyGenesis(engine, { actorId: admin.adminId }, genesisSteps(genesis)) : 0;
    await engine.close();
    const adminTokenFile = writeAdminToken(dataDir, admin.adminToken);
    writeDaoFile(dataDir, { daoId, createdAtMs: Date.now() });
    return { daoId, dataDir, ...admin, adminTokenFile, store: store.location, genesisCommands };
  } finally {
    await store.close();
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
    .option('--config <file>', 'genesis config (YAML): tokens, allocations, vesting, pools, staking, treasury, burns (see examples/)')
    .option('--json', 'print one JSON object')
    .addHelpText('after', '\nSet DATABASE_URL=postgres://... (and optionally POLITY_PG_SCHEMA) to keep the DAO in PostgreSQL instead of SQLite.')
    .action(async (options: InitOptions) => {
      const dataDir = resolveDataDir(options.data);
      const daoId = checkDaoId(options.dao);
      const genesis = options.config === undefined ? undefined : loadGenesisConfig(options.config);
      assertNoLiveServer(dataDir, 'init');
      if (genesis) await rehearseGenesis(genesis, daoId);
      const dao = await initializeDao(dataDir, daoId, genesis);
      emit(options, dao, () => [
        `Created DAO ${dao.daoId} in ${dao.dataDir} (${dao.store})${dao.genesisCommands > 0 ? ` from ${options.config} (${dao.genesisCommands} genesis commands)` : ''}.`,
        `Admin token (saved to ${adminTokenPath(dataDir)}, mode 0600; keep it secret):`,
        `  ${dao.adminToken}`,
        'Start the server with `polity serve` (or `npm start`).',
      ]);
    });
}
