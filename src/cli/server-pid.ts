import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PolityError } from '../kernel/errors.ts';
import { warn } from './output.ts';

/**
 * DATA/server.pid marks a data dir that a running server writes to. A SQLite database has
 * one writer, and even on PostgreSQL a second writer would fork the log, so commands that
 * write refuse while it names a live process; readers only warn.
 */
export function serverPidPath(dataDir: string): string {
  return join(dataDir, 'server.pid');
}

/** The pid of a live server on this data dir, if any; a stale file (crashed server) is ignored. */
export function liveServerPid(dataDir: string): number | undefined {
  const path = serverPidPath(dataDir);
  if (!existsSync(path)) return undefined;
  const pid = Number(readFileSync(path, 'utf8').trim());
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  return isAlive(pid) ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 checks existence without touching the process
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else. ESRCH: it is gone.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function assertNoLiveServer(dataDir: string, what: string): void {
  const pid = liveServerPid(dataDir);
  if (pid !== undefined) {
    throw new PolityError('server_running', `a Polity server (pid ${pid}) is using ${dataDir}; stop it before running ${what}`);
  }
}

export function warnIfLiveServer(dataDir: string, what: string): void {
  const pid = liveServerPid(dataDir);
  if (pid !== undefined) warn(`a Polity server (pid ${pid}) is using ${dataDir}; ${what} reads what it has committed so far`);
}

export function writeServerPid(dataDir: string): void {
  writeFileSync(serverPidPath(dataDir), `${process.pid}\n`);
}

/** Removes the file only if it is ours, so a late shutdown never unmarks another server. */
export function removeServerPid(dataDir: string): void {
  const path = serverPidPath(dataDir);
  if (existsSync(path) && readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path);
}
