import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { BenchDatabase } from './db.ts';
import { round } from './stats.ts';

/**
 * Bytes the database wrote while a scenario ran. SQLite: this process's storage writes
 * (/proc/self/io write_bytes: WAL appends and checkpoints). PostgreSQL: WAL bytes and
 * full-page images from pg_stat_wal (cluster-wide: other sessions count too).
 */
export interface WriteVolume {
  source: string;
  writtenMiB: number;
  bytesPerTransfer: number;
  /** PostgreSQL: full-page images written to WAL. */
  fullPageImages?: number;
}

interface Sample {
  bytes: number;
  fpi?: number;
}

export class WriteMeter {
  private before: Sample | undefined;

  constructor(private readonly db: BenchDatabase) {}

  async start(): Promise<void> {
    this.before = await this.sample();
  }

  async stop(transfers: number): Promise<WriteVolume | undefined> {
    const before = this.before;
    const after = await this.sample();
    if (!before) return undefined;
    const bytes = after.bytes - before.bytes;
    const volume: WriteVolume = {
      source: this.db.postgres ? 'pg_stat_wal.wal_bytes (cluster-wide)' : '/proc/self/io write_bytes (storage writes of this process: WAL, checkpoints)',
      writtenMiB: round(bytes / 1024 / 1024, 1),
      bytesPerTransfer: transfers > 0 ? Math.round(bytes / transfers) : 0,
    };
    if (after.fpi !== undefined && before.fpi !== undefined) volume.fullPageImages = after.fpi - before.fpi;
    return volume;
  }

  private async sample(): Promise<Sample> {
    const target = this.db.postgres;
    if (target) {
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        const result = await client.query<{ wal_bytes: string; wal_fpi: string }>(
          'SELECT wal_bytes::text AS wal_bytes, wal_fpi::text AS wal_fpi FROM pg_stat_wal',
        );
        const row = result.rows[0];
        return { bytes: Number(row?.wal_bytes ?? 0), fpi: Number(row?.wal_fpi ?? 0) };
      } finally {
        await client.end();
      }
    }
    try {
      const io = readFileSync('/proc/self/io', 'utf8');
      return { bytes: Number(/^write_bytes: (\d+)/m.exec(io)?.[1] ?? 0) };
    } catch {
      return { bytes: 0 };
    }
  }
}
