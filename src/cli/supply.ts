import type { Command } from 'commander';
import { loadState } from '../engine/replay.ts';
import type { SupplyReport } from '../reports/supply.ts';
import { supplyAt } from '../reports/supply-at.ts';
import { renderTable } from '../sim/render/index.ts';
import { resolveDataDir } from './config.ts';
import { openDaoStore } from './dao-store.ts';
import { emit, type JsonOption } from './output.ts';

interface SupplyOptions extends JsonOption {
  data?: string;
  at?: string;
  asset?: string;
}

/**
 * `polity supply`: reads the DAO's own database (no server needed; reading beside a running
 * server is safe, WAL readers see committed transactions only).
 */
export function registerSupply(program: Command): void {
  program
    .command('supply')
    .description('supply of the governance token: total, minted, burned, circulating, vesting, staked, treasury, pools, escrow, per allocation')
    .option('--data <dir>', 'data directory (default: $POLITY_DATA or ./data)')
    .option('--at <time>', 'ISO time (2026-01-01), offset from genesis (+12mo, +2y, +90d) or now (default)')
    .option('--asset <id>', 'another fungible asset than the governance token')
    .option('--json', 'print one JSON object')
    .action(async (options: SupplyOptions) => {
      const { store } = await openDaoStore(resolveDataDir(options.data));
      try {
        const loaded = await loadState(store);
        const report = await supplyAt({ store, current: loaded, at: options.at, asset: options.asset, nowMs: Date.now() });
        emit(options, report, () => supplyLines(report));
      } finally {
        await store.close();
      }
    });
}

function supplyLines(report: SupplyReport): string[] {
  const categories = ['total', 'minted', 'burned', 'circulating', 'vesting', 'staked', 'treasury', 'pools', 'escrow'] as const;
  const lines = [
    `${report.symbol} supply at ${report.at}${report.maxSupply === null ? '' : ` (max supply ${report.maxSupply})`}`,
    renderTable(
      ['', report.symbol],
      categories.map((name) => [name, report[name]]),
      { align: ['left', 'right'] },
    ),
  ];
  if (report.allocations.length > 0) {
    const rows = report.allocations.map((a) => [a.label, a.total, a.released, a.locked]);
    lines.push('', renderTable(['allocation', 'total', 'released', 'locked'], rows, { align: ['left', 'right', 'right', 'right'] }));
  }
  return lines;
}
