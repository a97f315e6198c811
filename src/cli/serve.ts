import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../api/server.ts';
import { Engine } from '../engine/engine.ts';
import { type Keeper, startKeeper } from '../engine/keeper.ts';
import { isPolityError, PolityError } from '../kernel/errors.ts';
import type { Store } from '../store/types.ts';
import {
  adminTokenPath,
  checkDaoId,
  defaultDaoId,
  readDaoFile,
  resolveDataDir,
  resolveHost,
  resolveLogLevel,
  resolvePort,
  resolveVerifyThreads,
} from './config.ts';
import { openDaoStore } from './dao-store.ts';
import { type InitializedDao, initializeDao } from './init.ts';
import { emit, type JsonOption } from './output.ts';
import { assertNoLiveServer, removeServerPid, writeServerPid } from './server-pid.ts';

interface ServeOptions extends JsonOption {
  data?: string;
  port?: string;
  host?: string;
  dao: string;
}

interface Running {
  dataDir: string;
  store: Store;
  engine: Engine;
  keeper: Keeper;
  server: FastifyInstance;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the DAO node: the single writer and its HTTP API (initializes the DAO on first start)')
    .option('--data <dir>', 'data directory (default: $POLITY_DATA or ./data)')
    .option('--port <n>', 'TCP port; 0 picks a free one (default: $POLITY_PORT or 7070)')
    .option('--host <host>', 'interface to listen on (default: $POLITY_HOST or 127.0.0.1)')
    .option('--dao <id>', 'the DAO id, used on first start only', defaultDaoId)
    .option('--json', 'print the URLs (and a first start admin token) as one JSON object')
    .addHelpText(
      'after',
      '\nLogs are JSON lines on stderr; set POLITY_LOG_LEVEL (fatal, error, warn, info, debug, trace, silent). Stop with Ctrl+C or SIGTERM.',
    )
    .action(async (options: ServeOptions) => {
      const dataDir = resolveDataDir(options.data);
      const port = resolvePort(options.port);
      const host = resolveHost(options.host);
      const level = resolveLogLevel();
      assertNoLiveServer(dataDir, 'serve');
      const created = readDaoFile(dataDir) ? undefined : await initializeDao(dataDir, checkDaoId(options.dao));
      const { running, address } = await startListening({ dataDir, level, port, host }).catch((error: unknown) => {
        throw created ? withCreatedNote(error, created) : error;
      });
      writeServerPid(dataDir);
      stopOnSignals(running);
      printStarted(options, running, address, created);
    });
}

async function startListening(where: { dataDir: string; level: string; port: number; host: string }): Promise<{ running: Running; address: AddressInfo }> {
  const running = await start(where.dataDir, where.level);
  return { running, address: await listen(running, where) };
}

/** A first start that fails after creating the DAO must still say where the admin token is. */
function withCreatedNote(error: unknown, created: InitializedDao): unknown {
  if (!isPolityError(error)) return error;
  const note = ` (DAO ${created.daoId} was created; its admin token is in ${created.adminTokenFile})`;
  return new PolityError(error.code, `${error.message}${note}`, { ...error.details, adminTokenFile: created.adminTokenFile });
}

async function start(dataDir: string, level: string): Promise<Running> {
  const { dao, store } = await openDaoStore(dataDir);
  try {
    const engine = await Engine.open({
      store,
      verifyThreads: resolveVerifyThreads(),
      onFault: (error) => logFault('the writer failed and reloads from the log', error),
    });
    if (engine.head.seq === 0) {
      throw new PolityError(
        'store_empty',
        `${dataDir}/polity.json names DAO ${dao.daoId}, but ${store.location} holds no log. Was it initialized with another DATABASE_URL or POLITY_PG_SCHEMA?`,
      );
    }
    // Logs go to stderr: stdout carries only what `serve` prints for people and scripts.
    const server = await buildServer({ engine, logger: level === 'silent' ? false : { level, stream: process.stderr } });
    const keeper = startKeeper(engine, { onError: (error) => logFault('the keeper failed', error) });
    return { dataDir, store, engine, keeper, server };
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function listen(running: Running, where: { port: number; host: string }): Promise<AddressInfo> {
  try {
    await running.server.listen(where);
  } catch (error) {
    await stop(running);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new PolityError('port_in_use', `port ${where.port} on ${where.host} is in use; pass --port or set POLITY_PORT`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new PolityError('host_invalid', `cannot listen on ${where.host} (${code}); pass another --host`);
    throw error;
  }
  return running.server.server.address() as AddressInfo;
}

/** Stops in dependency order: no new ticks, no new requests, then commit what is queued. */
async function stop(running: Running): Promise<void> {
  running.keeper.stop();
  await running.server.close();
  await running.engine.close();
  await running.store.close();
  removeServerPid(running.dataDir);
}

function stopOnSignals(running: Running): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting without a clean shutdown\n`);
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`${signal}: shutting down\n`);
    stop(running).then(
      () => process.exit(0),
      (error: unknown) => {
        logFault('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function logFault(what: string, error: unknown): void {
  process.stderr.write(`error: ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}

function printStarted(options: ServeOptions, running: Running, address: AddressInfo, created: InitializedDao | undefined): void {
  const host = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  const urls = { url, apiUrl: `${url}/v1`, docsUrl: `${url}/docs`, openapiUrl: `${url}/openapi.json`, healthUrl: `${url}/healthz` };
  const info = { ...urls, daoId: running.engine.daoId, dataDir: running.dataDir, store: running.store.location, pid: process.pid, firstStart: !!created };
  emit(options, created ? { ...info, adminToken: created.adminToken } : info, () => [
    `Polity is serving DAO ${info.daoId} from ${info.store}`,
    `  API      ${urls.apiUrl}`,
    `  Docs     ${urls.docsUrl}`,
    `  OpenAPI  ${urls.openapiUrl}`,
    `  Health   ${urls.healthUrl}`,
    ...(created
      ? ['First start: created the DAO. Admin token (keep it secret):', `  ${created.adminToken}`, `  (saved to ${adminTokenPath(running.dataDir)}, mode 0600)`]
      : []),
    'Press Ctrl+C to stop.',
  ]);
}
