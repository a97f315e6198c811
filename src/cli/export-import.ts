import { createReadStream, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { exportLog, importLog } from '../engine/log-file.ts';
import { PolityError } from '../kernel/errors.ts';
import { isValidId } from '../kernel/ids.ts';
import { openStore } from '../store/open.ts';
import { readDaoFile, resolveDataDir, storeConfig, writeDaoFile } from './config.ts';
import { openDaoStore } from './dao-store.ts';
import { emit, type JsonOption, warn } from './output.ts';
import { assertNoLiveServer, warnIfLiveServer } from './server-pid.ts';

interface LogFileOptions extends JsonOption {
  log: string;
  data?: string;
}

export function registerExportImport(program: Command): void {
  program
    .command('export')
    .description('write the whole log of a DAO to a JSON Lines file, offline')
    .requiredOption('--log <file.jsonl>', 'the file to write')
    .option('--data <dir>', 'data directory (default: $POLITY_DATA or ./data)')
    .option('--json', 'print one JSON object')
    .action(async (options: LogFileOptions) => {
      const dataDir = resolveDataDir(options.data);
      warnIfLiveServer(dataDir, 'export');
      const file = resolve(options.log);
      const { dao, store } = await openDaoStore(dataDir);
      const summary = await closing(store, () => exportLog(store, file));
      emit(options, { ...summary, file, daoId: dao.daoId, dataDir }, () => [
        `exported ${summary.records} records of DAO ${dao.daoId} to ${file} (head seq ${summary.headSeq})`,
      ]);
    });
  program
    .command('import')
    .description('rebuild a DAO in a fresh data directory from an exported log file, offline')
    .requiredOption('--log <file.jsonl>', 'the file to read')
    .option('--data <dir>', 'a new data directory (default: $POLITY_DATA or ./data)')
    .option('--json', 'print one JSON object')
    .addHelpText('after', '\nThe admin token is not in the log (only its hash is); copy admin.token from the original node if you need it.')
    .action(async (options: LogFileOptions) => {
      const dataDir = resolveDataDir(options.data);
      const file = resolve(options.log);
      assertNoLiveServer(dataDir, 'import');
      const existing = readDaoFile(dataDir);
      if (existing) throw new PolityError('already_initialized', `${dataDir} already holds DAO ${existing.daoId}; import needs a fresh --data directory`);
      const daoId = await firstRecordDaoId(file);
      const store = await openStore(storeConfig(dataDir, daoId));
      const summary = await closing(store, () => importLog(store, file));
      // Written last, like init: a failed import leaves no polity.json claiming a DAO.
      writeDaoFile(dataDir, { daoId, createdAtMs: Date.now() });
      warn('the admin token is not part of the log; copy admin.token from the original data dir to use local commands here');
      emit(options, { ...summary, file, daoId, dataDir }, () => [
        `imported ${summary.records} records of DAO ${daoId} into ${dataDir} (head seq ${summary.headSeq})`,
      ]);
    });
}

async function closing<T>(store: { close(): Promise<void> }, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    await store.close();
  }
}

/** The DAO id of an exported log, from its first record: the data dir must be named before the store opens. */
async function firstRecordDaoId(file: string): Promise<string> {
  if (!existsSync(file)) throw new PolityError('file_not_found', `--log ${file}: no such file`);
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let first: string | undefined;
  for await (const line of lines) {
    first = line;
    break;
  }
  lines.close();
  if (!first) throw new PolityError('file_invalid', `--log ${file} is empty; there is nothing to import`);
  let daoId: unknown;
  try {
    daoId = (JSON.parse(first) as { daoId?: unknown }).daoId;
  } catch (error) {
    throw new PolityError('file_invalid', `--log ${file}: line 1 is not JSON (${(error as Error).message})`);
  }
  if (!isValidId(daoId)) throw new PolityError('file_invalid', `--log ${file}: line 1 has no valid daoId`);
  return daoId;
}
