import { createPrng } from '../src/kernel/prng.ts';

export const assetId = 'USD';
export const treasuryId = 'treasury';

export function accountId(index: number): string {
  return `acct-${index}`;
}

/** `spread`: random account to another random account; `hot`: treasury to a random account. */
export type Pattern = 'spread' | 'hot';

export interface TransferItem {
  id: string;
  from: string;
  to: string;
  amount: string;
}

export interface WorkloadSpec {
  pattern: Pattern;
  /** Transfer ids are `${prefix}-${n}`: unique per run and scenario. */
  prefix: string;
  accounts: number;
  transfers: number;
  batch: number;
  seed: number;
}

/** The transfers of a scenario, cut into batches; amounts 1..100 (decimals 2). */
export function makeBatches(spec: WorkloadSpec): TransferItem[][] {
  const prng = createPrng(spec.seed);
  const batches: TransferItem[][] = [];
  let current: TransferItem[] = [];
  for (let n = 0; n < spec.transfers; n += 1) {
    let from: string;
    let to: string;
    if (spec.pattern === 'hot') {
      from = treasuryId;
      to = accountId(prng.nextInt(spec.accounts));
    } else {
      const a = prng.nextInt(spec.accounts);
      let b = prng.nextInt(spec.accounts - 1);
      if (b >= a) b += 1;
      from = accountId(a);
      to = accountId(b);
    }
    current.push({ id: `${spec.prefix}-${n}`, from, to, amount: String(1 + prng.nextInt(100)) });
    if (current.length === spec.batch) {
      batches.push(current);
      current = [];
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
