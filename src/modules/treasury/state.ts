/** The DAO's funds, how income is split among them, and their recent outflows. */

export interface SpendingLimit {
  amountUnits: bigint;
  periodSeconds: number;
}

/** How a fund was first funded: kept so that a retried create can be recognised. */
export interface FundInitial {
  amountUnits: bigint;
  /** 'mint' (from the asset's issuance) or the account it was paid from. */
  source: string;
}

/** One outflow (spend or burn) inside the rolling window of a limited fund. */
export interface RecentSpend {
  timeMs: number;
  amountUnits: bigint;
}

export interface TreasuryFund {
  id: string;
  assetId: string;
  accountId: string;
  label?: string | undefined;
  spendingLimit?: SpendingLimit | undefined;
  initial?: FundInitial | undefined;
  createdSeq: number;
  /** Outflows of a limited fund, oldest first; entries older than the period are pruned. */
  recentSpends: RecentSpend[];
  /** Running totals since the fund was created. */
  incomeUnits: bigint;
  spentUnits: bigint;
  burnedUnits: bigint;
}

/** One entry of a split list: a fund and its share in parts per million. */
export interface IncomeShare {
  fundId: string;
  ppm: bigint;
}

/**
 * The income split of one asset: `reserve` is taken first from the whole payment, the rest
 * is split by the class's list, or by `default` for a class without a list.
 */
export interface IncomeRules {
  assetId: string;
  reserve: IncomeShare[];
  classes: Map<string, IncomeShare[]>;
  default: IncomeShare[];
}

/** A deposit as first made: a retry with the same id and body returns the same parts. */
export interface DepositRecord {
  fromAccountId: string;
  amountUnits: bigint;
  incomeClass: string;
  parts: FundPart[];
}

export interface FundPart {
  fundId: string;
  amountUnits: bigint;
}

export interface TreasuryState {
  funds: Map<string, TreasuryFund>;
  /** Income rules by asset id. */
  incomeRules: Map<string, IncomeRules>;
  /** treasury.deposit records by deposit id, kept for good like the ledger's transfers (retries stay exact). */
  deposits: Map<string, DepositRecord>;
}

export function createTreasuryState(): TreasuryState {
  return { funds: new Map(), incomeRules: new Map(), deposits: new Map() };
}

/** The account that holds a fund: owned by the system, moved only by this module's commands. */
export function fundAccountId(id: string): string {
  return `@treasury.${id}`;
}

/** The permission that spends from a fund; governance and multisig hold it. */
export const treasurySpendAction = 'treasury.spend';
/** The permission that burns from a fund. */
export const treasuryBurnAction = 'treasury.burn';

export function fundResource(id: string): string {
  return `fund:${id}`;
}

/** Module transfer ids: fund, deposit, spend and burn ids are unique per kind. */
export function initialTransferId(fundId: string): string {
  return `treasury:${fundId}:initial`;
}

export function depositTransferPrefix(depositId: string): string {
  return `treasury:deposit:${depositId}`;
}

export function spendTransferId(spendId: string): string {
  return `treasury:spend:${spendId}`;
}

export function burnTransferId(burnId: string): string {
  return `treasury:burn:${burnId}`;
}
