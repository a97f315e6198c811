import type { Kysely } from 'kysely';
import type { LogRecord } from '../engine/types.ts';
import type { Database } from './schema.ts';

/**
 * Rows for one table, values in `columns` order. `upsert` (the default) writes whole rows
 * keyed by `key`; `update` changes existing rows only and then lists the key columns last.
 */
export interface TableRows {
  table: string;
  key: string[];
  columns: string[];
  rows: unknown[][];
  mode?: 'upsert' | 'update';
}

export interface SnapshotRow {
  seq: number;
  hash: string;
  stateJson: string;
}

/** One group commit: everything here is written in one database transaction, or nothing. */
export interface EncodedRecord {
  record: LogRecord;
  /** canonicalJson of the record's body: exactly the text that was hashed. */
  bodyJson: string;
}

export interface CommitUnit {
  records: EncodedRecord[];
  rows: TableRows[];
  snapshot?: SnapshotRow;
}

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  readonly dialect: Dialect;
  readonly daoId: string;
  /** For queries; writes go through `commit` only. */
  readonly db: Kysely<Database>;
  /** A human-readable location: the SQLite file or the PostgreSQL database. */
  readonly location: string;
  /** Whether a commit runs as I/O in the background, so the writer can apply the next batch meanwhile. */
  readonly overlapsCommits: boolean;
  commit(unit: CommitUnit): Promise<void>;
  /** Log records with seq > afterSeq, in order, at most `limit`. */
  readLog(afterSeq: number, limit: number): Promise<EncodedRecord[]>;
  latestSnapshot(): Promise<SnapshotRow | undefined>;
  close(): Promise<void>;
}
