import type { EngineState } from '../engine/state.ts';
import type { DomainEvent } from '../engine/types.ts';
import { assert } from '../kernel/assert.ts';
import type { TableRows } from '../store/types.ts';
import type { LedgerEvent } from './events.ts';
import { balanceUnits, burnAccountId, issuanceAccountId, nftKey } from './state.ts';

/**
 * Collects what one group commit changed in the ledger's tables. Entities are written once
 * per commit in their final state; balance checkpoints are taken after every log record, so
 * a balance can be read back at any past sequence number or time.
 */
export class LedgerProjection {
  private readonly assets = new Set<string>();
  /** Accounts created in this commit get whole rows; the rest only their moving columns. */
  private readonly createdAccounts = new Set<string>();
  private readonly closedAccounts = new Set<string>();
  private readonly transfers = new Set<string>();
  private readonly nfts = new Map<string, { assetId: string; tokenId: string }>();
  private readonly recordAccounts = new Set<string>();
  private readonly checkpoints: unknown[][] = [];

  constructor(private readonly daoId: string) {}

  /** Call after the event was evolved into the state. */
  collect(event: DomainEvent, state: EngineState): void {
    const ledgerEvent = event as LedgerEvent;
    switch (ledgerEvent.type) {
      case 'asset_created':
        this.assets.add(ledgerEvent.asset.id);
        this.create(issuanceAccountId(ledgerEvent.asset.id));
        this.create(burnAccountId(ledgerEvent.asset.id));
        return;
      case 'account_created':
        return this.create(ledgerEvent.account.id);
      case 'account_closed':
        this.closedAccounts.add(ledgerEvent.accountId);
        return this.touch(ledgerEvent.accountId);
      case 'transfer_created':
        return this.collectMovement(ledgerEvent.transfer.id, state);
      case 'pending_resolved':
        return this.collectMovement(ledgerEvent.transferId, state);
    }
  }

  private collectMovement(transferId: string, state: EngineState): void {
    const transfer = state.ledger.transfers.get(transferId);
    assert(transfer, `transfer ${transferId} exists`);
    this.transfers.add(transferId);
    this.touch(transfer.fromId);
    this.touch(transfer.toId);
    if (transfer.kind !== 'transfer') this.assets.add(transfer.assetId);
    if (transfer.tokenId !== undefined) this.nfts.set(nftKey(transfer.assetId, transfer.tokenId), { assetId: transfer.assetId, tokenId: transfer.tokenId });
  }

  private create(accountId: string): void {
    this.createdAccounts.add(accountId);
    this.touch(accountId);
  }

  private touch(accountId: string): void {
    this.recordAccounts.add(accountId);
  }

  /** Call once a log record's events are all evolved: checkpoints the balances it moved. */
  endRecord(seq: number, timeMs: number, state: EngineState): void {
    for (const accountId of this.recordAccounts) {
      const account = state.ledger.accounts.get(accountId);
      assert(account, `account ${accountId} exists`);
      this.checkpoints.push([this.daoId, accountId, seq, timeMs, balanceUnits(account).toString()]);
    }
    this.recordAccounts.clear();
  }

  rows(state: EngineState): TableRows[] {
    const dao = this.daoId;
    const out: TableRows[] = [];
    const table = (name: string, key: string[], columns: string[], rows: unknown[][]): void => {
      if (rows.length > 0) out.push({ table: name, key, columns, rows });
    };
    table(
      'assets',
      ['dao_id', 'id'],
      assetColumns,
      [...this.assets].map((id) => assetRow(dao, state, id)),
    );
    table(
      'accounts',
      ['dao_id', 'id'],
      accountColumns,
      [...this.createdAccounts].map((id) => accountRow(dao, state, id)),
    );
    const closed = [...this.closedAccounts].filter((id) => !this.createdAccounts.has(id));
    if (closed.length > 0) {
      const rows = closed.map((id) => [1, dao, id]);
      out.push({ table: 'accounts', key: ['dao_id', 'id'], columns: ['closed', 'dao_id', 'id'], rows, mode: 'update' });
    }
    table(
      'transfers',
      ['dao_id', 'id'],
      transferColumns,
      [...this.transfers].map((id) => transferRow(dao, state, id)),
    );
    const nftRows = [...this.nfts].map(([key, nft]) => [dao, nft.assetId, nft.tokenId, state.ledger.nftOwners.get(key) ?? null]);
    table('nft_tokens', ['dao_id', 'asset_id', 'token_id'], ['dao_id', 'asset_id', 'token_id', 'owner_account_id'], nftRows);
    table('balance_checkpoints', ['dao_id', 'account_id', 'seq'], checkpointColumns, this.checkpoints);
    return out;
  }
}

const assetColumns = ['dao_id', 'id', 'kind', 'symbol', 'decimals', 'supply', 'max_supply', 'transferable', 'owner_id', 'minted', 'burned', 'created_seq'];
const accountColumns = ['dao_id', 'id', 'asset_id', 'owner_id', 'allow_overdraft', 'overdraft_limit', 'max_balance', 'closed', 'system', 'created_seq'];
const transferColumns = [
  'dao_id',
  'id',
  'kind',
  'asset_id',
  'from_id',
  'to_id',
  'amount',
  'token_id',
  'pending',
  'timeout_seconds',
  'expires_at_ms',
  'memo',
  'status',
  'posted',
  'seq',
  'time_ms',
  'resolved_seq',
];
const checkpointColumns = ['dao_id', 'account_id', 'seq', 'time_ms', 'balance'];

const units = (value: bigint | undefined): string | null => (value === undefined ? null : value.toString());

function assetRow(dao: string, state: EngineState, id: string): unknown[] {
  const a = state.ledger.assets.get(id);
  assert(a, `asset ${id} exists`);
  return [
    dao,
    a.id,
    a.kind,
    a.symbol,
    a.decimals,
    a.supply,
    units(a.maxSupplyUnits),
    a.transferable ? 1 : 0,
    a.ownerId,
    units(a.mintedUnits),
    units(a.burnedUnits),
    a.createdSeq,
  ];
}

function accountRow(dao: string, state: EngineState, id: string): unknown[] {
  const a = state.ledger.accounts.get(id);
  assert(a, `account ${id} exists`);
  return [
    dao,
    a.id,
    a.assetId,
    a.ownerId,
    a.allowOverdraft ? 1 : 0,
    units(a.overdraftLimitUnits),
    units(a.maxBalanceUnits),
    a.closed ? 1 : 0,
    a.system ?? null,
    a.createdSeq,
  ];
}

function transferRow(dao: string, state: EngineState, id: string): unknown[] {
  const t = state.ledger.transfers.get(id);
  assert(t, `transfer ${id} exists`);
  return [
    dao,
    t.id,
    t.kind,
    t.assetId,
    t.fromId,
    t.toId,
    units(t.amountUnits),
    t.tokenId ?? null,
    t.pending ? 1 : 0,
    t.timeoutSeconds ?? null,
    t.expiresAtMs ?? null,
    t.memo ?? null,
    t.status,
    units(t.postedUnits),
    t.seq,
    t.timeMs,
    t.resolvedSeq ?? null,
  ];
}
