import type { Command } from 'commander';
import { PolityError } from '../kernel/errors.ts';
import { callApi, resolveTarget, type ServerOptions, withServerOptions } from './http-client.ts';
import { checkAmount, checkCount, checkIdOption, chooseId } from './input.ts';
import { reportItem } from './item-results.ts';
import { describe, emit } from './output.ts';

interface AccountCreateOptions extends ServerOptions {
  id?: string;
  asset: string;
  owner?: string;
  allowOverdraft?: boolean;
  maxBalance?: string;
}

interface AccountShowOptions extends ServerOptions {
  at?: string;
  seq?: string;
}

export function registerAccount(program: Command): void {
  const account = program.command('account').description('accounts: balances of one asset (talks to a running server)');
  withServerOptions(
    account
      .command('create')
      .description('create an account')
      .option('--id <id>', 'account id (default: a generated UUID, printed)')
      .requiredOption('--asset <id>', 'the asset the account holds')
      .option('--owner <actor>', 'the actor who may spend from it')
      .option('--allow-overdraft', 'the balance may go below zero')
      .option('--max-balance <amount>', 'the balance may not exceed this, a decimal string'),
  ).action(async (options: AccountCreateOptions) => {
    const chosen = chooseId(options.id);
    const item = {
      id: chosen.id,
      asset: checkIdOption(options.asset, '--asset'),
      ...(options.owner !== undefined ? { owner: checkIdOption(options.owner, '--owner') } : {}),
      ...(options.allowOverdraft ? { allowOverdraft: true } : {}),
      ...(options.maxBalance !== undefined ? { maxBalance: checkAmount(options.maxBalance, '--max-balance') } : {}),
    };
    const answer = await callApi(resolveTarget(options), { method: 'POST', path: '/v1/accounts', body: { accounts: [item] } });
    reportItem(options, 'account', chosen, answer);
  });
  withServerOptions(
    account
      .command('show')
      .description('show an account and its balance, now or in the past')
      .argument('<id>', 'account id')
      .option('--at <time>', 'the balance as of this time (ISO 8601, such as 2025-01-31T12:00:00Z, or milliseconds since 1970)')
      .option('--seq <n>', 'the balance as of this log sequence number'),
  ).action(async (id: string, options: AccountShowOptions) => {
    const path = `/v1/accounts/${encodeURIComponent(id)}${asOfQuery(options)}`;
    const found = await callApi<object>(resolveTarget(options), { method: 'GET', path });
    emit(options, found, () => describe(found));
  });
}

function asOfQuery(options: AccountShowOptions): string {
  if (options.at !== undefined && options.seq !== undefined) throw new PolityError('usage', 'give --at or --seq, not both');
  if (options.seq !== undefined) return `?seq=${checkCount(options.seq, '--seq', { min: 0, max: Number.MAX_SAFE_INTEGER })}`;
  if (options.at !== undefined) return `?at=${encodeURIComponent(checkTime(options.at))}`;
  return '';
}

/** Accepts ISO 8601 or epoch milliseconds; sends what the user typed once it parses. */
function checkTime(text: string): string {
  const valid = /^[0-9]{1,15}$/.test(text) || (/^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(text) && !Number.isNaN(Date.parse(text)));
  if (!valid)
    throw new PolityError('time_invalid', `--at "${text.slice(0, 80)}" is not a time: use ISO 8601 (2025-01-31T12:00:00Z) or milliseconds since 1970`);
  return text;
}
