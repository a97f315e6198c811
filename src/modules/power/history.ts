/**
 * An append-only history of one value, read by binary search: `seqs[i]` is the log record
 * after which the value became `values[i]`. Two parallel arrays instead of `[seq, value]`
 * pairs: one small array per checkpoint would cost more memory than the checkpoint itself.
 */
import { assert } from '../../kernel/assert.ts';

export interface History<T> {
  seqs: number[];
  values: T[];
}

export function createHistory<T>(): History<T> {
  return { seqs: [], values: [] };
}

/** The value after record `seq`: one checkpoint per record, a later write in the same record wins. */
export function recordValue<T>(history: History<T>, seq: number, value: T): void {
  const last = history.seqs.length - 1;
  const lastSeq = history.seqs[last];
  assert(lastSeq === undefined || lastSeq <= seq, `history checkpoints follow the log (${lastSeq} then ${seq})`);
  if (lastSeq === seq) {
    history.values[last] = value;
    return;
  }
  history.seqs.push(seq);
  history.values.push(value);
}

/** The value in force after record `seq`, or undefined before the first checkpoint. */
export function valueAt<T>(history: History<T> | undefined, seq: number): T | undefined {
  if (history === undefined) return undefined;
  const { seqs } = history;
  let low = 0;
  let high = seqs.length; // the answer index is the last one with seqs[i] <= seq, found as high - 1
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((seqs[middle] as number) <= seq) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? undefined : history.values[low - 1];
}

export function latestValue<T>(history: History<T> | undefined): T | undefined {
  return history === undefined ? undefined : history.values[history.values.length - 1];
}
