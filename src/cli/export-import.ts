import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { exportLog, importLog } from '../engine/log-file.ts';
import { PolityError } from '../kernel/errors.ts';
import { isValidId } from '../kernel/ids.ts';
import { openStore } from '../store/open.ts';
import { readDaoFile, resolveDataDir, storeConfig, writeDaoFile } from './config.ts';
import { openDaoStore } from './dao-store.ts';
import { callApi, resolveTarget, type ServerOptions } from './http-client.ts';
import { emit, type JsonOption, warn } from './output.ts';
import { assertNoLiveServer, warnIfLiveServer } from './server-pid.ts';

interface LogFileOptions extends JsonOption {
  log?: string;
  data?: string;
}

export function registerExportImport(program: Command): void {
  program
    .command('export')
    .description('write the whole log of a DAO to a JSON Lines file, offline; or `export ballots PROPOSAL`: its signed ballots (from a running server)')
    .argument('[what]', '"ballots" to export a proposal\'s signed ballots')
    .argument('[proposal]', 'the proposal, with "ballots"')
    .option('--log <file.jsonl>', 'the file to write the log to')
    .option('--out <file.json>', 'with "ballots": the file to write (default: stdout)')
    .option('--data <dir>', 'data directory (default: $POLITY_DATA or ./data)')
    .option('--url <url>', 'with "ballots": server URL (default: $POLITY_URL or http://127.0.0.1:7070)')
    .option('--token <token>', 'with "ballots": API bearer token (default: $POLITY_TOKEN, else DATA/admin.token)')
    .option('--json', 'print one JSON object')
    .action(async (what: string | undefined, proposal: string | undefined, options: LogFileOptions & { out?: string; url?: string; token?: string }) => {
      if (what === 'ballots') return exportBallots(proposal, options);
      if (what !== undefined) throw new PolityError('usage', `export ${what}: only "ballots" or --log`);
      if (options.log === undefined) throw new PolityError('usage', 'give --log FILE (or: export ballots PROPOSAL)');
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
    .action(async (options: LogFileOptions & { log: string }) => {
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

/** The signed ballots of a proposal, for `polity tally --ballots FILE` anywhere. */
async function exportBallots(proposal: string | undefined, options: ServerOptions & { out?: string }): Promise<void> {
  if (proposal === undefined) throw new PolityError('usage', 'export ballots PROPOSAL');
  const answer = await callApi<{ ballots: unknown[] }>(resolveTarget(options), {
    method: 'GET',
    path: `/v1/proposals/${encodeURIComponent(proposal)}/ballots`,
  });
  const text = `${JSON.stringify(answer, null, 1)}\n`;
  if (options.out === undefined) {
    process.stdout.write(text);
    return;
  }
  writeFileSync(resolve(options.out), text);
  emit(options, { proposal, ballots: answer.ballots.length, file: resolve(options.out) }, () => [
    `wrote ${answer.ballots.length} signed ballots of ${proposal} to ${resolve(options.out ?? '')}`,
  ]);
}
