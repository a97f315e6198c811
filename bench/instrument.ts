import { Engine } from '../src/engine/engine.ts';
import { createTransfers, LedgerProjection } from '../src/ledger/index.ts';
import type { CommitUnit, Store, TableRows } from '../src/store/types.ts';
import { round } from './stats.ts';

/** Every group commit the store made while watched: its duration and what it held. */
export class CommitWatch {
  commitMs: number[] = [];
  records = 0;
  rows = new Map<string, number>();
  private readonly original: (unit: CommitUnit) => Promise<void>;

  constructor(store: Store) {
    this.original = store.commit.bind(store);
    (store as { commit: Store['commit'] }).commit = (unit: CommitUnit) => {
      const started = performance.now();
      const pending = this.original(unit);
      this.records += unit.records.length;
      for (const rows of unit.rows) this.rows.set(rows.table, (this.rows.get(rows.table) ?? 0) + rows.rows.length);
      return pending.then(() => {
        this.commitMs.push(performance.now() - started);
      });
    };
  }

  reset(): void {
    this.commitMs = [];
    this.records = 0;
    this.rows = new Map();
  }
}

export interface PhaseTotal {
  ms: number;
  calls: number;
}

/**
 * Optional timers around the writer's phases, installed by wrapping methods of the real
 * classes (nothing in src/ changes): Engine.submit (validation + authentication, on the
 * caller's side), Engine.applyBatch, and inside it the create_transfers decision, Engine.seal
 * (canonical JSON + SHA-256 chain hash), the ledger projection's checkpoint and row building;
 * and each store's per-table SQL.
 */
export class Breakdown {
  readonly phases = new Map<string, PhaseTotal>();
  private readonly patchedStores = new WeakSet<object>();

  constructor() {
    const engine = Engine.prototype as unknown as Record<string, unknown>;
    this.wrap(engine, 'submit', 'engine.submit (validate+auth, caller side)');
    this.wrap(engine, 'applyBatch', 'engine.applyBatch (total)');
    this.wrap(engine, 'seal', '  seal: canonical JSON + sha256');
    this.wrap(createTransfers as unknown as Record<string, unknown>, 'apply', '  create_transfers.apply (decide)');
    const projection = LedgerProjection.prototype as unknown as Record<string, unknown>;
    this.wrap(projection, 'endRecord', '  projection.endRecord (checkpoints)');
    this.wrap(projection, 'rows', '  projection.rows (row arrays)');
  }

  /** Times the store's per-table writes (SQLite: synchronous; PostgreSQL: one round trip each). */
  watchStore(store: Store): void {
    const proto = Object.getPrototypeOf(store) as Record<string, unknown>;
    if (this.patchedStores.has(proto)) return;
    this.patchedStores.add(proto);
    const original = proto.insert as (this: unknown, rows: TableRows, upsert: boolean) => unknown;
    const phases = this.phases;
    proto.insert = function (this: unknown, rows: TableRows, upsert: boolean): unknown {
      const name = `  sql ${rows.table}${rows.mode === 'update' ? ' update' : ''}`;
      const started = performance.now();
      const result = original.call(this, rows, upsert);
      if (result instanceof Promise) return result.finally(() => add(phases, name, performance.now() - started));
      add(phases, name, performance.now() - started);
      return result;
    };
  }

  reset(): void {
    this.phases.clear();
  }

  report(): Record<string, { ms: number; calls: number }> {
    const out: Record<string, { ms: number; calls: number }> = {};
    for (const [name, total] of this.phases) out[name] = { ms: round(total.ms), calls: total.calls };
    return out;
  }

  private wrap(target: Record<string, unknown>, method: string, name: string): void {
    const original = target[method] as (this: unknown, ...args: unknown[]) => unknown;
    const phases = this.phases;
    target[method] = function (this: unknown, ...args: unknown[]): unknown {
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        add(phases, name, performance.now() - started);
      }
    };
  }
}

function add(phases: Map<string, PhaseTotal>, name: string, ms: number): void {
  const total = phases.get(name);
  if (total) {
    total.ms += ms;
    total.calls += 1;
  } else {
    phases.set(name, { ms, calls: 1 });
  }
}

/** Adds the store's whole commit time and what of it no per-table statement explains. */
export function withCommitTotals(report: Record<string, PhaseTotal>, watch: CommitWatch): Record<string, PhaseTotal> {
  const commitMs = watch.commitMs.reduce((sum, ms) => sum + ms, 0);
  let sqlMs = 0;
  for (const [phase, total] of Object.entries(report)) if (phase.startsWith('  sql ')) sqlMs += total.ms;
  return {
    ...report,
    'store.commit (total)': { ms: round(commitMs), calls: watch.commitMs.length },
    '  commit - sql (BEGIN/COMMIT, fsync, WAL; pg: waits)': { ms: round(commitMs - sqlMs), calls: watch.commitMs.length },
  };
}
