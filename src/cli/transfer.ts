import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PolityError } from '../kernel/errors.ts';
import { pendingTimeoutSecondsMax } from '../ledger/limits.ts';
import { callApi, resolveTarget, type ServerOptions, withServerOptions } from './http-client.ts';
import { checkAmount, checkCount, checkIdOption, chooseId } from './input.ts';
import { reportBatch, reportItem } from './item-results.ts';
import { describe, emit } from './output.ts';

interface TransferCreateOptions extends ServerOptions {
  id?: string;
  from?: string;
  to?: string;
  amount?: string;
  tokenId?: string;
  pending?: boolean;
  timeout?: string;
  memo?: string;
  file?: string;
}

export function registerTransfer(program: Command): void {
  const transfer = program.command('transfer').description('transfers between accounts (talks to a running server)');
  withServerOptions(
    transfer
      .command('create')
      .description('move an amount from one account to another, or a batch of transfers from a file')
      .option('--id <id>', 'transfer id (default: a generated UUID, printed)')
      .option('--from <account>', 'the account debited')
      .option('--to <account>', 'the account credited')
      .option('--amount <amount>', 'a decimal string such as "12.5"')
      .option('--token-id <id>', 'the NFT to move (non-fungible assets)')
      .option('--pending', 'reserve the amount now; post or void it later')
      .option('--timeout <seconds>', 'a pending transfer expires (is voided) after this many seconds')
      .option('--memo <text>', 'a note kept with the transfer')
      .option('--file <batch.json>', 'a batch: {"transfers": [{id, from, to, amount, pending?, timeoutSeconds?, linked?, memo?}, ...]}'),
  ).action(async (options: TransferCreateOptions) => {
    const target = resolveTarget(options);
    if (options.file !== undefined) {
      const body = { transfers: readBatchFile(options.file, options) };
      reportBatch(options, 'transfers', await callApi(target, { method: 'POST', path: '/v1/transfers', body }));
      return;
    }
    const chosen = chooseId(options.id);
    const body = { transfers: [{ id: chosen.id, ...transferFields(options) }] };
    reportItem(options, 'transfer', chosen, await callApi(target, { method: 'POST', path: '/v1/transfers', body }));
  });
  withServerOptions(transfer.command('show').description('show a transfer').argument('<id>', 'transfer id')).action(
    async (id: string, options: ServerOptions) => {
      const found = await callApi<object>(resolveTarget(options), { method: 'GET', path: transferPath(id) });
      emit(options, found, () => describe(found));
    },
  );
  registerResolve(transfer);
}

function transferFields(options: TransferCreateOptions): Record<string, unknown> {
  if (options.from === undefined || options.to === undefined) throw new PolityError('usage', 'give --from and --to (or --file for a batch)');
  if (options.amount === undefined && options.tokenId === undefined) throw new PolityError('usage', 'give --amount (or --token-id for an NFT)');
  if (options.timeout !== undefined && !options.pending) throw new PolityError('usage', '--timeout applies to --pending transfers only');
  return {
    from: options.from,
    to: options.to,
    ...(options.amount !== undefined ? { amount: checkAmount(options.amount, '--amount') } : {}),
    ...(options.tokenId !== undefined ? { tokenId: checkIdOption(options.tokenId, '--token-id') } : {}),
    ...(options.pending ? { pending: true } : {}),
    ...(options.timeout !== undefined ? { timeoutSeconds: checkCount(options.timeout, '--timeout', { min: 1, max: pendingTimeoutSecondsMax }) } : {}),
    ...(options.memo !== undefined ? { memo: options.memo } : {}),
  };
}

/** Reads a batch file. Amounts must be JSON strings: a JSON number may already have been rounded. */
function readBatchFile(path: string, options: TransferCreateOptions): unknown[] {
  const single = ['id', 'from', 'to', 'amount', 'tokenId', 'pending', 'timeout', 'memo'] as const;
  if (single.some((key) => options[key] !== undefined)) throw new PolityError('usage', '--file replaces the single-transfer flags; give one or the other');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PolityError('file_invalid', `--file ${path}: ${(error as Error).message}`);
  }
  const transfers = Array.isArray(parsed) ? parsed : (parsed as { transfers?: unknown } | null)?.transfers;
  if (!Array.isArray(transfers) || transfers.length === 0) {
    throw new PolityError('file_invalid', `--file ${path} must hold {"transfers": [...]} (or an array) with at least one transfer`);
  }
  transfers.forEach((item: unknown, index) => {
    const amount = (item as { amount?: unknown } | null)?.amount;
    if (typeof amount === 'number')
      throw new PolityError('amount_not_string', `--file ${path}: transfers[${index}].amount is a JSON number; write "${amount}" as a string`);
  });
  return transfers;
}

function transferPath(id: string): string {
  return `/v1/transfers/${encodeURIComponent(checkIdOption(id, 'transfer id'))}`;
}

function registerResolve(transfer: Command): void {
  withServerOptions(
    transfer
      .command('post')
      .description('complete a pending transfer')
      .argument('<id>', 'the pending transfer')
      .option('--amount <amount>', 'post only this much and release the rest (default: all of it)'),
  ).action(async (id: string, options: ServerOptions & { amount?: string }) => {
    const body = options.amount !== undefined ? { amount: checkAmount(options.amount, '--amount') } : {};
    const answer = await callApi(resolveTarget(options), { method: 'POST', path: `${transferPath(id)}/post`, body });
    reportItem(options, 'transfer', { id, generated: false }, answer);
  });
  withServerOptions(
    transfer.command('void').description('cancel a pending transfer, releasing the reservation').argument('<id>', 'the pending transfer'),
  ).action(async (id: string, options: ServerOptions) => {
    const answer = await callApi(resolveTarget(options), { method: 'POST', path: `${transferPath(id)}/void`, body: {} });
    reportItem(options, 'transfer', { id, generated: false }, answer);
  });
}
