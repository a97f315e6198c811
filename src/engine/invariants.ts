import { type Account, type Asset, availableUnits, balanceUnits, burnAccountId, issuanceAccountId, type LedgerState } from '../ledger/state.ts';
import { checkRevenueInvariants } from '../modules/revenue/index.ts';
import type { EngineState } from './state.ts';

/** Something wrong, and the sequence number where it shows. */
export interface Finding {
  seq: number;
  problem: string;
}

/**
 * What every accepted command must preserve, checked over a whole state: value is conserved
 * per asset, limits hold for every account, pending reservations match the pending
 * transfers, and each non-fungible token has exactly one holder. `verify` runs it on the
 * re-derived state; randomized tests run it after every command.
 */
export function checkLedgerInvariants(state: EngineState, headSeq: number): Finding[] {
  const ledger = state.ledger;
  const findings: Finding[] = [];
  for (const account of ledger.accounts.values()) findings.push(...accountFindings(account));
  for (const asset of ledger.assets.values()) findings.push(...assetFindings(ledger, asset, headSeq));
  findings.push(...pendingFindings(ledger, headSeq));
  findings.push(...nftFindings(ledger));
  // Module bookkeeping that must match the ledger: what revenue sharing owes equals what it holds.
  for (const problem of checkRevenueInvariants(state)) findings.push({ seq: headSeq, problem });
  return findings;
}

function accountFindings(account: Account): Finding[] {
  const out: string[] = [];
  const balance = balanceUnits(account);
  const available = availableUnits(account);
  if (account.debitsPendingUnits < 0n || account.creditsPendingUnits < 0n) out.push('a negative pending amount');
  if (!account.allowOverdraft && (balance < 0n || available < 0n)) out.push(`balance ${balance}, available ${available}: below zero without overdraft`);
  if (account.allowOverdraft && account.overdraftLimitUnits !== undefined && available < -account.overdraftLimitUnits) {
    out.push(`available ${available} is past its overdraft limit ${account.overdraftLimitUnits}`);
  }
  if (account.maxBalanceUnits !== undefined && balance + account.creditsPendingUnits > account.maxBalanceUnits) {
    out.push(`balance ${balance} plus pending credits is above its maximum ${account.maxBalanceUnits}`);
  }
  if (account.system === 'burn' && account.debitsPostedUnits + account.debitsPendingUnits !== 0n) out.push('value left the burn account');
  return out.map((problem) => ({ seq: account.updatedSeq, problem: `account ${account.id}: ${problem}` }));
}

function assetFindings(ledger: LedgerState, asset: Asset, headSeq: number): Finding[] {
  let sum = 0n;
  let debitsPending = 0n;
  let creditsPending = 0n;
  for (const account of ledger.accounts.values()) {
    if (account.assetId !== asset.id) continue;
    sum += balanceUnits(account);
    debitsPending += account.debitsPendingUnits;
    creditsPending += account.creditsPendingUnits;
  }
  const issuance = ledger.accounts.get(issuanceAccountId(asset.id));
  const burn = ledger.accounts.get(burnAccountId(asset.id));
  const out: string[] = [];
  if (sum !== 0n) out.push(`balances sum to ${sum}, not 0: value was created or lost`);
  if (debitsPending !== creditsPending) out.push(`pending debits ${debitsPending} differ from pending credits ${creditsPending}`);
  if (!issuance || -balanceUnits(issuance) !== asset.mintedUnits) out.push(`the issuance account does not mirror minted ${asset.mintedUnits}`);
  if (!burn || balanceUnits(burn) !== asset.burnedUnits) out.push(`the burn account does not hold burned ${asset.burnedUnits}`);
  if (asset.maxSupplyUnits !== undefined) {
    const counted = asset.supply === 'fixed' ? asset.mintedUnits : asset.mintedUnits - asset.burnedUnits;
    if (counted > asset.maxSupplyUnits) out.push(`supply ${counted} is above the max supply ${asset.maxSupplyUnits}`);
  }
  return out.map((problem) => ({ seq: headSeq, problem: `asset ${asset.id}: ${problem}` }));
}

/** Each account's pending amounts are exactly the sums of its pending transfers. */
function pendingFindings(ledger: LedgerState, headSeq: number): Finding[] {
  const debits = new Map<string, bigint>();
  const credits = new Map<string, bigint>();
  const findings: Finding[] = [];
  for (const transfer of ledger.transfers.values()) {
    const isPending = transfer.status === 'pending';
    if (isPending !== ledger.pendingIds.has(transfer.id)) {
      findings.push({ seq: headSeq, problem: `transfer ${transfer.id}: the index of pending transfers disagrees with its status ${transfer.status}` });
    }
    if (!isPending) continue;
    debits.set(transfer.fromId, (debits.get(transfer.fromId) ?? 0n) + transfer.amountUnits);
    credits.set(transfer.toId, (credits.get(transfer.toId) ?? 0n) + transfer.amountUnits);
  }
  for (const account of ledger.accounts.values()) {
    const expectedDebits = debits.get(account.id) ?? 0n;
    const expectedCredits = credits.get(account.id) ?? 0n;
    if (account.debitsPendingUnits !== expectedDebits || account.creditsPendingUnits !== expectedCredits) {
      const problem = `account ${account.id}: pending ${account.debitsPendingUnits}/${account.creditsPendingUnits}, its pending transfers sum to ${expectedDebits}/${expectedCredits}`;
      findings.push({ seq: account.updatedSeq, problem });
    }
  }
  return findings;
}

/** A holder's balance of a non-fungible asset is the number of its tokens it holds. */
function nftFindings(ledger: LedgerState): Finding[] {
  const held = new Map<string, bigint>();
  for (const accountId of ledger.nftOwners.values()) held.set(accountId, (held.get(accountId) ?? 0n) + 1n);
  const findings: Finding[] = [];
  for (const account of ledger.accounts.values()) {
    if (account.system || ledger.assets.get(account.assetId)?.kind !== 'non_fungible') continue;
    const tokens = held.get(account.id) ?? 0n;
    if (tokens !== balanceUnits(account)) {
      findings.push({ seq: account.updatedSeq, problem: `account ${account.id}: holds ${tokens} tokens but its balance is ${balanceUnits(account)}` });
    }
  }
  return findings;
}
