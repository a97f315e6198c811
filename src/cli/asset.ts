import { type Command, Option } from 'commander';
import { callApi, resolveTarget, type ServerOptions, withServerOptions } from './http-client.ts';
import { checkAmount, checkCount, checkIdOption, chooseId } from './input.ts';
import { reportItem } from './item-results.ts';
import { describe, emit } from './output.ts';

interface AssetCreateOptions extends ServerOptions {
  id?: string;
  kind: string;
  symbol: string;
  decimals?: string;
  maxSupply?: string;
  supply?: string;
  nonTransferable?: boolean;
}

export function registerAsset(program: Command): void {
  const asset = program.command('asset').description('assets: fungible tokens and NFT collections (talks to a running server)');
  withServerOptions(
    asset
      .command('create')
      .description('create an asset')
      .option('--id <id>', 'asset id (default: a generated UUID, printed)')
      .addOption(new Option('--kind <kind>', 'asset kind').choices(['fungible', 'non_fungible']).default('fungible'))
      .requiredOption('--symbol <symbol>', 'ticker symbol, letters and digits')
      .option('--decimals <n>', 'decimal places of one unit, 0-18')
      .option('--max-supply <amount>', 'cap on the supply, a decimal string')
      .addOption(new Option('--supply <policy>', 'whether more can be minted later').choices(['fixed', 'mintable']))
      .option('--non-transferable', 'holders cannot transfer it (soulbound)'),
  ).action(async (options: AssetCreateOptions) => {
    const chosen = chooseId(options.id);
    const body = {
      id: chosen.id,
      kind: options.kind,
      symbol: options.symbol,
      ...(options.decimals !== undefined ? { decimals: checkCount(options.decimals, '--decimals', { min: 0, max: 18 }) } : {}),
      ...(options.maxSupply !== undefined ? { maxSupply: checkAmount(options.maxSupply, '--max-supply') } : {}),
      ...(options.supply !== undefined ? { supply: options.supply } : {}),
      ...(options.nonTransferable ? { transferable: false } : {}),
    };
    reportItem(options, 'asset', chosen, await callApi(resolveTarget(options), { method: 'POST', path: '/v1/assets', body }));
  });
  withServerOptions(asset.command('show').description('show an asset').argument('<id>', 'asset id')).action(async (id: string, options: ServerOptions) => {
    const path = `/v1/assets/${encodeURIComponent(checkIdOption(id, 'asset id'))}`;
    const found = await callApi<object>(resolveTarget(options), { method: 'GET', path });
    emit(options, found, () => describe(found));
  });
}
