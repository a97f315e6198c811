import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { PolityError } from '../kernel/errors.ts';
import { isValidId } from '../kernel/ids.ts';
import type { StoreConfig } from '../store/open.ts';

/**
 * Where a node keeps its things and how it is reached, from flags first, then environment
 * variables, then defaults. Every value is checked here, so a typo in the environment
 * fails with a message naming the variable instead of somewhere deep in a driver.
 */
export const defaultDataDir = './data';
export const defaultDaoId = 'default';
export const defaultPort = 7070;
export const defaultHost = '127.0.0.1';
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** DATA/polity.json: written last by `init`, so its presence means the DAO exists. */
export interface DaoFile {
  daoId: string;
  createdAtMs: number;
}

export function resolveDataDir(option: string | undefined): string {
  return resolve(option ?? process.env.POLITY_DATA ?? defaultDataDir);
}

export function daoFilePath(dataDir: string): string {
  return join(dataDir, 'polity.json');
}

export function adminTokenPath(dataDir: string): string {
  return join(dataDir, 'admin.token');
}

export function readDaoFile(dataDir: string): DaoFile | undefined {
  const path = daoFilePath(dataDir);
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PolityError('config_invalid', `${path} is not valid JSON: ${(error as Error).message}`);
  }
  const { daoId, createdAtMs } = (parsed ?? {}) as Partial<DaoFile>;
  if (!isValidId(daoId) || typeof createdAtMs !== 'number' || !Number.isSafeInteger(createdAtMs)) {
    throw new PolityError('config_invalid', `${path} must hold {"daoId": "<id>", "createdAtMs": <integer>}`);
  }
  return { daoId, createdAtMs };
}

export function requireDaoFile(dataDir: string): DaoFile {
  const dao = readDaoFile(dataDir);
  if (!dao) throw new PolityError('not_initialized', `no DAO in ${dataDir}: run \`polity init --data ${dataDir}\` (or \`polity serve\`) first`);
  return dao;
}

/** Written through a temporary file and a rename, so a crash never leaves half a file. */
export function writeDaoFile(dataDir: string, dao: DaoFile): void {
  mkdirSync(dataDir, { recursive: true });
  const path = daoFilePath(dataDir);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(dao, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/** The admin's bearer token, readable by the owner only: it can do anything in the DAO. */
export function writeAdminToken(dataDir: string, token: string): string {
  const path = adminTokenPath(dataDir);
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // the mode above applies only when the file is new
  return path;
}

export function readAdminToken(dataDir: string): string | undefined {
  const path = adminTokenPath(dataDir);
  return existsSync(path) ? readFileSync(path, 'utf8').trim() || undefined : undefined;
}

export function storeConfig(dataDir: string, daoId: string): StoreConfig {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const postgresSchema = process.env.POLITY_PG_SCHEMA || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new PolityError('config_invalid', 'DATABASE_URL must be a postgres:// or postgresql:// URL (leave it unset to use SQLite in the data dir)');
  }
  if (postgresSchema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(postgresSchema)) {
    throw new PolityError('config_invalid', 'POLITY_PG_SCHEMA must be a lower-case SQL identifier such as polity_main');
  }
  if (postgresSchema !== undefined && databaseUrl === undefined) {
    throw new PolityError('config_invalid', 'POLITY_PG_SCHEMA is set but DATABASE_URL is not; the schema applies to PostgreSQL only');
  }
  return { dataDir, daoId, databaseUrl, postgresSchema };
}

export function resolvePort(option: string | undefined): number {
  const text = option ?? process.env.POLITY_PORT;
  if (text === undefined || text === '') return defaultPort;
  const port = /^[0-9]{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) {
    const source = option === undefined ? 'POLITY_PORT' : '--port';
    throw new PolityError('port_invalid', `${source} "${text}" is not a port number from 0 to 65535 (0 picks a free port)`);
  }
  return port;
}

export function resolveHost(option: string | undefined): string {
  return option ?? (process.env.POLITY_HOST || defaultHost);
}

export function resolveLogLevel(): LogLevel {
  const text = process.env.POLITY_LOG_LEVEL || 'info';
  const level = logLevels.find((candidate) => candidate === text);
  if (!level) throw new PolityError('config_invalid', `POLITY_LOG_LEVEL "${text}" is not one of ${logLevels.join(', ')}`);
  return level;
}

/**
 * One verify thread per core but the writer's, at least 2 (on a single core 1) and at most 4.
 * At least 2 because the writer waits for much of its time (on fsync, on verifications): on 2
 * cores, relayed ballots went from a median of 4,860/s with 1 thread to 5,870/s with 2 and
 * 5,780/s with 3 (`bench/governance-ingest.ts`, 4 runs each, 2026-12-03).
 */
export function defaultVerifyThreads(cores: number): number {
  if (cores <= 1) return 1;
  return Math.min(4, Math.max(2, cores - 1));
}

/** Verify threads beyond this many buy nothing: the single writer is the limit by then. */
export const verifyThreadsMax = 16;

/**
 * Threads that check command signatures ($POLITY_VERIFY_THREADS); 0 checks them on the
 * writer's thread. The default is defaultVerifyThreads(availableParallelism()).
 */
export function resolveVerifyThreads(): number {
  const text = process.env.POLITY_VERIFY_THREADS;
  if (text === undefined || text === '') return defaultVerifyThreads(availableParallelism());
  const threads = /^[0-9]{1,2}$/.test(text) ? Number(text) : Number.NaN;
  if (!(threads >= 0 && threads <= verifyThreadsMax))
    throw new PolityError('config_invalid', `POLITY_VERIFY_THREADS "${text}" is not a whole number from 0 to ${verifyThreadsMax}`);
  return threads;
}

export function checkDaoId(daoId: string): string {
  if (!isValidId(daoId)) {
    throw new PolityError('id_invalid', `--dao "${daoId}" must be 1-128 characters of A-Z a-z 0-9 . _ : @ - starting with a letter or digit`);
  }
  return daoId;
}
