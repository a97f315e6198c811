/**
 * Table shapes as Kysely sees them. Amounts are strings of base units: TEXT in SQLite,
 * NUMERIC(78,0) in PostgreSQL; flags are 0/1 integers on both, so one query serves both.
 */
type Int = number | string;

export interface LogTable {
  dao_id: string;
  seq: Int;
  time_ms: Int;
  actor_id: string;
  command_type: string;
  body_json: string;
  prev_hash: string;
  hash: string;
}

export interface SnapshotTable {
  dao_id: string;
  seq: Int;
  hash: string;
  state_json: string;
}

export interface AssetTable {
  dao_id: string;
  id: string;
  kind: string;
  symbol: string;
  decimals: number;
  supply: string;
  max_supply: string | null;
  transferable: number;
  owner_id: string;
  minted: string;
  burned: string;
  created_seq: Int;
}

export interface AccountTable {
  dao_id: string;
  id: string;
  asset_id: string;
  owner_id: string;
  allow_overdraft: number;
  overdraft_limit: string | null;
  max_balance: string | null;
  closed: number;
  system: string | null;
  created_seq: Int;
}

export interface TransferTable {
  dao_id: string;
  id: string;
  kind: string;
  asset_id: string;
  from_id: string;
  to_id: string;
  amount: string;
  token_id: string | null;
  pending: number;
  timeout_seconds: number | null;
  expires_at_ms: Int | null;
  memo: string | null;
  status: string;
  posted: string | null;
  seq: Int;
  time_ms: Int;
  resolved_seq: Int | null;
}

/**
 * An account's posted balance after every log record that moved it. The latest row is the
 * current balance (accounts holds only what rarely changes), so a movement writes one narrow
 * row per account instead of an insert and an update. Pending reservations are the sums of
 * the account's pending rows in transfers.
 */
export interface CheckpointTable {
  dao_id: string;
  account_id: string;
  seq: Int;
  time_ms: Int;
  balance: string;
}

export interface NftTokenTable {
  dao_id: string;
  asset_id: string;
  token_id: string;
  owner_account_id: string | null;
}

export interface ActorTable {
  dao_id: string;
  id: string;
  kind: string;
  name: string | null;
  public_key: string | null;
  created_seq: Int;
}

export interface ApiTokenTable {
  dao_id: string;
  id: string;
  actor_id: string;
  secret_hash: string;
  scopes: string;
  cap_asset_id: string | null;
  cap_amount: string | null;
  cap_period_seconds: number | null;
  revoked: number;
  created_seq: Int;
}

export interface GrantTable {
  dao_id: string;
  actor_id: string;
  action: string;
  resource: string;
  active: number;
}

export interface Database {
  log: LogTable;
  snapshots: SnapshotTable;
  assets: AssetTable;
  accounts: AccountTable;
  transfers: TransferTable;
  balance_checkpoints: CheckpointTable;
  nft_tokens: NftTokenTable;
  actors: ActorTable;
  api_tokens: ApiTokenTable;
  grants: GrantTable;
}
