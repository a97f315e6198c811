import type { Command } from 'commander';
import { PolityError } from '../kernel/errors.ts';
import { callApi, resolveTarget, type ServerOptions, withServerOptions } from './http-client.ts';
import { checkAmount, checkIdOption, chooseId } from './input.ts';
import { reportItem } from './item-results.ts';

interface MintBurnOptions extends ServerOptions {
  id?: string;
  amount?: string;
  tokenId?: string;
  memo?: string;
}

/** Mint and burn: the only ways supply changes, each through the asset's system accounts. */
export function registerMintBurn(program: Command): void {
  withServerOptions(
    program
      .command('mint')
      .description('create new units of an asset into an account (talks to a running server)')
      .option('--id <id>', 'mint id (default: a generated UUID, printed)')
      .requiredOption('--asset <id>', 'the asset')
      .requiredOption('--to <account>', 'the account credited')
      .option('--amount <amount>', 'a decimal string such as "12.5"')
      .option('--token-id <id>', 'the NFT to mint (non-fungible assets)')
      .option('--memo <text>', 'a note kept with the mint'),
  ).action(async (options: MintBurnOptions & { asset: string; to: string }) => {
    const chosen = chooseId(options.id);
    const body = { id: chosen.id, asset: checkIdOption(options.asset, '--asset'), to: options.to, ...movedFields(options) };
    reportItem(options, 'mint', chosen, await callApi(resolveTarget(options), { method: 'POST', path: '/v1/mint', body }));
  });
  withServerOptions(
    program
      .command('burn')
      .description('destroy units of an asset held by an account (talks to a running server)')
      .option('--id <id>', 'burn id (default: a generated UUID, printed)')
      .requiredOption('--from <account>', 'the account debited')
      .option('--amount <amount>', 'a decimal string such as "12.5"')
      .option('--token-id <id>', 'the NFT to burn (non-fungible assets)')
      .option('--memo <text>', 'a note kept with the burn'),
  ).action(async (options: MintBurnOptions & { from: string }) => {
    const chosen = chooseId(options.id);
    const body = { id: chosen.id, from: options.from, ...movedFields(options) };
    reportItem(options, 'burn', chosen, await callApi(resolveTarget(options), { method: 'POST', path: '/v1/burn', body }));
  });
}

function movedFields(options: MintBurnOptions): Record<string, string> {
  if (options.amount === undefined && options.tokenId === undefined) throw new PolityError('usage', 'give --amount (or --token-id for an NFT)');
  return {
    ...(options.amount !== undefined ? { amount: checkAmount(options.amount, '--amount') } : {}),
    ...(options.tokenId !== undefined ? { tokenId: checkIdOption(options.tokenId, '--token-id') } : {}),
    ...(options.memo !== undefined ? { memo: options.memo } : {}),
  };
}
