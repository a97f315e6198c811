/** The ledger: the only code that moves value. Others import from here. */
export { burn } from './commands/burn.ts';
export { closeAccount } from './commands/close-account.ts';
export { createAccounts } from './commands/create-accounts.ts';
export { createAsset } from './commands/create-asset.ts';
export { type BatchResult, createTransfers, type ItemResult } from './commands/create-transfers.ts';
export { mint } from './commands/mint.ts';
export { expirePending, postPending, voidPending } from './commands/resolve-pending.ts';
export * from './limits.ts';
export { LedgerProjection } from './projection.ts';
export * from './state.ts';
