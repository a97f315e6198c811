import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type VerifyReport, verifyLogFile, verifyStore } from '../engine/verify.ts';
import { PolityError } from '../kernel/errors.ts';
import { resolveDataDir } from './config.ts';
import { openDaoStore } from './dao-store.ts';
import { emit, type JsonOption } from './output.ts';
import { warnIfLiveServer } from './server-pid.ts';

interface VerifyOptions extends JsonOption {
  data?: string;
  log?: string;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('re-check the hash chain and every record of the log, offline')
    .option('--data <dir>', 'verify the DAO in this data directory (default: $POLITY_DATA or ./data)')
    .option('--log <file.jsonl>', 'verify an exported log file instead')
    .option('--json', 'print the report as one JSON object')
    .addHelpText('after', '\nExit status 0 when the log is intact, 1 naming the first bad sequence number otherwise.')
    .action(async (options: VerifyOptions) => {
      if (options.data !== undefined && options.log !== undefined) throw new PolityError('usage', 'give --data or --log, not both');
      const report = options.log !== undefined ? await verifyFile(options.log) : await verifyDataDir(resolveDataDir(options.data));
      if (!report.ok) {
        const at = report.firstBadSeq !== undefined ? ` at seq ${report.firstBadSeq}` : '';
        throw new PolityError('verify_failed', `verify failed${at}: ${report.problem ?? 'the log does not check out'}`, { report });
      }
      emit(options, report, () => [`ok: ${report.records} records verified; head seq ${report.headSeq}, hash ${report.headHash}`]);
    });
}

async function verifyFile(path: string): Promise<VerifyReport> {
  const file = resolve(path);
  if (!existsSync(file)) throw new PolityError('file_not_found', `--log ${file}: no such file`);
  return verifyLogFile(file);
}

/** Reading while a server writes is safe (WAL readers see committed transactions only). */
async function verifyDataDir(dataDir: string): Promise<VerifyReport> {
  warnIfLiveServer(dataDir, 'verify');
  const { store } = await openDaoStore(dataDir);
  try {
    return await verifyStore(store);
  } finally {
    await store.close();
  }
}
