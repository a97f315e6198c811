import { PolityError } from '../kernel/errors.ts';
import type { ChosenId } from './input.ts';
import { emit, exitRejected, type JsonOption } from './output.ts';

/** One status per created item, as the ledger reports it: `created`, `exists`, or a rejection code. */
export interface ItemResult {
  id: string;
  status: string;
  message?: string;
}

const successes = new Set(['created', 'exists', 'posted', 'voided']);

/** A create answers with one item or with `{results: [...]}`; this reads either. */
export function itemsOf(body: unknown): ItemResult[] {
  const results = (body as { results?: unknown }).results;
  return (Array.isArray(results) ? results : [body]) as ItemResult[];
}

/**
 * Reports a create of one item: its status, and the id when we chose it, so a retry
 * with `--id` is safe. A rejected item fails the command with the ledger's code.
 */
export function reportItem(options: JsonOption, what: string, chosen: ChosenId, body: unknown): void {
  const item = itemsOf(body)[0] ?? { id: chosen.id, status: 'bad_response', message: 'the server returned no result' };
  if (!successes.has(item.status)) throw new PolityError(item.status, item.message ?? `the ${what} was rejected`, { id: item.id });
  emit(options, { ...item, idGenerated: chosen.generated }, () => [
    item.status === 'exists' ? `${what} ${item.id} already exists with the same fields (nothing changed)` : `${what} ${item.id}: ${item.status}`,
    ...(chosen.generated ? [`(the id was generated; to retry safely pass --id ${item.id})`] : []),
  ]);
}

/**
 * Reports a batch: every item's status. Rejected items do not stop the others, but the
 * command exits 1 when any was rejected, so scripts notice.
 */
export function reportBatch(options: JsonOption, what: string, body: unknown): void {
  const items = itemsOf(body);
  const rejected = items.filter((item) => !successes.has(item.status));
  emit(options, { results: items, rejected: rejected.length }, () =>
    items.map((item) => `${item.id}: ${item.status}${item.message ? ` (${item.message})` : ''}`),
  );
  if (rejected.length > 0) {
    process.stderr.write(`error [batch_rejected]: ${rejected.length} of ${items.length} ${what} rejected\n`);
    process.exitCode = exitRejected;
  }
}
