/**
 * Ledger benchmark: `npm run bench:ledger -- [--backend sqlite|postgres] [--quick] [--json] ...`
 * (`--help` lists the options). Measures the real code paths on one fresh database:
 * the engine through the library and through the HTTP batch API, a naive
 * one-transaction-per-transfer baseline, commit latency at a fixed offered load, and
 * memory with 1M accounts.
 */
import { existsSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { type BenchOptions, parseArgs } from './args.ts';
import { type CommandCosts, measureCosts } from './costs.ts';
import { type BenchDao, openBenchDao } from './dao.ts';
import { type BenchDatabase, BenchDatabases, type Synchronous } from './db.ts';
import { type HttpResult, runHttpThroughput } from './http.ts';
import { Breakdown, CommitWatch } from './instrument.ts';
import { WriteMeter } from './io.ts';
import { type FixedLoadResult, runFixedLoad, runLibraryThroughput, type ThroughputResult } from './library.ts';
import { type MemoryResult, runMemory } from './memory.ts';
import { type NaiveResult, runNaivePostgres, runNaiveSqlite } from './naive.ts';
import { formatInt, memoryAfterGc, round, table } from './stats.ts';
import { makeBatches, type Pattern, type WorkloadSpec } from './workload.ts';

interface Results {
  library: Record<
    string,
    ThroughputResult & {
      setupSeconds: number;
      closeMs: { engineCloseMs: number; storeCloseMs: number };
      /** Process memory with this scenario's engine still open (all its transfers in memory). */
      memoryAfter: { rssMiB: number; heapUsedMiB: number; forcedGc: boolean };
    }
  >;
  http: Record<string, HttpResult>;
  naive: NaiveResult[];
  fixedLoad?: FixedLoadResult;
  memory?: MemoryResult;
  costs?: CommandCosts;
  skipped: Record<string, string>;
}

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const wants = (name: string): boolean => !options.only || options.only.includes(name);
  const breakdown = options.breakdown ? new Breakdown() : undefined;
  const dbs = new BenchDatabases(options.backend, options.databaseUrl);
  const machine = await describeMachine(options);
  log(`${machine.cpus} cpus (${machine.cpuModel}), node ${machine.node}, ${machine.database}; data: ${dbs.location}`);
  if (machine.loadAverage.start > 0.5)
    log(`WARNING: load average ${machine.loadAverage.start} before the run: other work shares the machine, figures will be low`);
  const results: Results = { library: {}, http: {}, naive: [], skipped: {} };
  const cleanup = async (): Promise<void> => {
    await dbs.cleanup(options.keep);
  };
  process.once('SIGINT', () => {
    void cleanup().finally(() => process.exit(130));
  });
  try {
    await runScenarios(options, dbs, breakdown, results, wants);
  } finally {
    await cleanup();
  }
  machine.loadAverage.end = round(loadavg()[0] ?? 0);
  const summary = buildSummary(options, machine, results);
  if (options.json) {
    console.log(JSON.stringify(summary));
  } else {
    printTables(options, machine, results, summary);
  }
}

async function runScenarios(
  options: BenchOptions,
  dbs: BenchDatabases,
  breakdown: Breakdown | undefined,
  results: Results,
  wants: (name: string) => boolean,
): Promise<void> {
  const warmupTransfers = Math.max(options.batch, Math.min(50_000, Math.floor(options.transfers / 5)));
  const spec = (pattern: Pattern, prefix: string, transfers: number, batch: number, seed: number): WorkloadSpec => ({
    pattern,
    prefix,
    accounts: options.accounts,
    transfers,
    batch,
    seed,
  });

  // Each scenario on a fresh database of its own; the naive baseline shares library-spread's.
  const databases = new Map<string, BenchDatabase>();
  const databaseFor = async (name: string): Promise<BenchDatabase> => {
    let database = databases.get(name);
    if (!database) {
      database = await dbs.fresh(name);
      databases.set(name, database);
    }
    return database;
  };

  const library = async (name: string, pattern: Pattern, synchronous?: Synchronous): Promise<void> => {
    log(`${name}: setting up ${formatInt(options.accounts)} accounts`);
    const db = await databaseFor(name);
    const dao = await openBenchDao(db, name, options.accounts, synchronous);
    applyPragmas(dao, options.pragmas);
    const watch = new CommitWatch(dao.store);
    breakdown?.watchStore(dao.store);
    const warm = makeBatches(spec(pattern, 'warm', warmupTransfers, options.batch, options.seed + 100));
    await runLibraryThroughput(dao.engine, dao.admin, warm, options.inflight, watch, undefined);
    const batches = makeBatches(spec(pattern, 'tx', options.transfers, options.batch, options.seed));
    log(`${name}: ${formatInt(options.transfers)} transfers, ${options.batch}/command, ${options.inflight} commands in flight`);
    const meter = new WriteMeter(db);
    await meter.start();
    const result = await runLibraryThroughput(dao.engine, dao.admin, batches, options.inflight, watch, breakdown);
    const written = await meter.stop(result.created);
    if (written) result.written = written;
    log(`${name}: ${formatInt(result.transfersPerSecond)} transfers/s; ${fileSizes(db)}`);
    if (!results.costs && pattern === 'spread') {
      const costs = await measureCosts(dao.store, dao.engine.head.seq, batches[0] ?? []);
      if (costs) results.costs = costs;
    }
    const memoryAfter = memoryAfterGc();
    const closeMs = await closeDao(dao);
    results.library[name] = { ...result, setupSeconds: round(dao.setupMs / 1000, 2), closeMs, memoryAfter };
  };

  if (wants('library-spread')) await library('library-spread', 'spread');
  if (wants('library-hot')) await library('library-hot', 'hot');
  if (options.backend === 'sqlite' && options.normal && wants('library-spread-normal')) await library('library-spread-normal', 'spread', 'normal');

  for (const pattern of ['spread', 'hot'] as const) {
    const name = `http-${pattern}`;
    if (!wants(name)) continue;
    log(`${name}: setting up ${formatInt(options.accounts)} accounts`);
    const db = await databaseFor(name);
    const dao = await openBenchDao(db, name, options.accounts);
    const watch = new CommitWatch(dao.store);
    breakdown?.watchStore(dao.store);
    log(`${name}: ${formatInt(options.transfers)} transfers, ${options.httpBatch}/request, ${options.httpInflight} requests in flight`);
    try {
      const meter = new WriteMeter(db);
      await meter.start();
      const result = await runHttpThroughput(
        dao.engine,
        dao.adminToken,
        spec(pattern, 'tx', options.transfers, options.httpBatch, options.seed),
        spec(pattern, 'warm', warmupTransfers, options.httpBatch, options.seed + 100),
        options.httpInflight,
        watch,
        breakdown,
      );
      const written = await meter.stop(result.created);
      if (written) result.written = written;
      results.http[name] = result;
      log(`${name}: ${formatInt(result.transfersPerSecond)} transfers/s${result.firstError ? `; first error: ${result.firstError}` : ''}`);
    } catch (error) {
      results.skipped[name] = `failed: ${error instanceof Error ? error.message : String(error)}`;
      log(`${name}: FAILED ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    await closeDao(dao);
  }

  if (wants('naive')) {
    const db = await databaseFor('library-spread');
    const items = makeBatches(spec('spread', 'naive', options.baselineTransfers, options.baselineTransfers, options.seed)).flat();
    if (options.backend === 'sqlite') {
      for (const synchronous of options.normal ? (['full', 'normal'] as const) : (['full'] as const)) {
        log(`naive baseline, SQLite synchronous=${synchronous}: up to ${formatInt(items.length)} transfers or ${options.baselineSeconds} s`);
        const result = runNaiveSqlite(db, options.accounts, items, options.baselineSeconds, synchronous);
        results.naive.push(result);
        log(`naive ${result.variant}: ${formatInt(result.transfersPerSecond)} transfers/s`);
      }
    } else {
      for (const connections of [1, 8]) {
        log(`naive baseline, PostgreSQL ${connections} connection(s): up to ${formatInt(items.length)} transfers or ${options.baselineSeconds} s`);
        const result = await runNaivePostgres(db, options.accounts, items, options.baselineSeconds, connections);
        results.naive.push(result);
        log(`naive ${result.variant}: ${formatInt(result.transfersPerSecond)} transfers/s`);
      }
    }
  }

  if (wants('fixed-load')) {
    const warmupSeconds = 1;
    const commands = Math.ceil(((options.loadSeconds + warmupSeconds) * options.loadRate) / options.loadBatch);
    log(`fixed-load: ${formatInt(options.loadRate)} transfers/s offered as ${options.loadBatch}-transfer commands for ${options.loadSeconds} s (+1 s warm-up)`);
    const dao = await openBenchDao(await databaseFor('fixed-load'), 'fixed-load', options.accounts);
    const watch = new CommitWatch(dao.store);
    const batches = makeBatches(spec('spread', 'load', commands * options.loadBatch, options.loadBatch, options.seed + 7));
    results.fixedLoad = await runFixedLoad(dao.engine, dao.admin, batches, options.loadRate, warmupSeconds, watch);
    log(`fixed-load: p50 ${results.fixedLoad.latencyMs.p50} ms, p99 ${results.fixedLoad.latencyMs.p99} ms`);
    await closeDao(dao);
  }

  if (options.memory && wants('memory')) {
    log(`memory: ${formatInt(options.memoryAccounts)} accounts in a child process (node --expose-gc)`);
    const db = await databaseFor('memory');
    const target = {
      backend: db.backend,
      accounts: options.memoryAccounts,
      daoId: 'memory',
      ...(db.sqlite ? { sqliteFile: db.sqlite.file } : {}),
      ...(db.postgres ? { postgres: db.postgres } : {}),
    };
    try {
      results.memory = await runMemory(target, 600_000);
      log(`memory: RSS ${results.memory.afterAccounts.rssMiB} MiB, heapUsed ${results.memory.afterAccounts.heapUsedMiB} MiB`);
    } catch (error) {
      results.skipped.memory = `failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  } else if (!options.memory) {
    results.skipped.memory = 'off (--quick without --memory, or --no-memory)';
  }
}

function fileSizes(db: BenchDatabase): string {
  const file = db.sqlite?.file;
  if (!file) return db.location;
  const mib = (path: string): string => (existsSync(path) ? `${Math.round(statSync(path).size / 1024 / 1024)} MiB` : 'none');
  return `SQLite file ${mib(file)}, WAL ${mib(`${file}-wal`)}`;
}

/** Experiment hook: pragmas on the store's own better-sqlite3 connection (a private field). */
function applyPragmas(dao: BenchDao, pragmas: string[]): void {
  if (pragmas.length === 0) return;
  const sqlite = (dao.store as unknown as { sqlite?: BetterSqlite3.Database }).sqlite;
  if (!sqlite) throw new Error('--pragma works on the SQLite backend only');
  for (const pragma of pragmas) {
    sqlite.pragma(pragma);
    log(`experiment: PRAGMA ${pragma} -> ${JSON.stringify(sqlite.pragma(pragma.split('=')[0] ?? pragma))}`);
  }
}

async function closeDao(dao: BenchDao): Promise<{ engineCloseMs: number; storeCloseMs: number }> {
  const closed = await dao.close();
  return { engineCloseMs: round(closed.engineCloseMs), storeCloseMs: round(closed.storeCloseMs) };
}

interface Machine {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  memoryGiB: number;
  database: string;
  /** 1-minute load average when the run started and when it ended: above ~0.5 on 2 cores, other work shared the machine. */
  loadAverage: { start: number; end?: number };
}

async function describeMachine(options: BenchOptions): Promise<Machine> {
  let database: string;
  if (options.backend === 'sqlite') {
    const sqlite = new BetterSqlite3(':memory:');
    database = `SQLite ${String(sqlite.prepare('SELECT sqlite_version()').pluck().get())} (better-sqlite3)`;
    sqlite.close();
  } else {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    const sync = await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    await client.end();
    database = `PostgreSQL ${version.rows[0]?.server_version ?? '?'} (synchronous_commit=${sync.rows[0]?.synchronous_commit ?? '?'})`;
  }
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    database,
    loadAverage: { start: round(loadavg()[0] ?? 0) },
  };
}

interface Target {
  name: string;
  target: string;
  measured: string;
  pass: boolean | undefined;
}

function targets(options: BenchOptions, results: Results): Target[] {
  const out: Target[] = [];
  const rate = (result: { transfersPerSecond: number } | undefined): string => (result ? `${formatInt(result.transfersPerSecond)}/s` : 'not run');
  const atLeast = (result: { transfersPerSecond: number } | undefined, goal: number): boolean | undefined =>
    result ? result.transfersPerSecond >= goal : undefined;
  const spread = results.library['library-spread'];
  const hot = results.library['library-hot'];
  if (options.backend === 'sqlite') {
    out.push({ name: 'library, SQLite (spread)', target: '>= 100,000/s', measured: rate(spread), pass: atLeast(spread, 100_000) });
    out.push({ name: 'library, SQLite (hot account)', target: '>= 100,000/s', measured: rate(hot), pass: atLeast(hot, 100_000) });
  } else {
    out.push({ name: 'library, PostgreSQL (spread)', target: '>= 30,000/s', measured: rate(spread), pass: atLeast(spread, 30_000) });
    out.push({ name: 'library, PostgreSQL (hot account)', target: '>= 30,000/s', measured: rate(hot), pass: atLeast(hot, 30_000) });
  }
  for (const pattern of ['spread', 'hot']) {
    const http = results.http[`http-${pattern}`];
    out.push({ name: `HTTP batch API (${pattern})`, target: '>= 50,000/s', measured: rate(http), pass: atLeast(http, 50_000) });
  }
  const load = results.fixedLoad;
  out.push({
    name: `p99 commit latency at ${formatInt(options.loadRate)}/s`,
    target: '<= 25 ms',
    measured: load ? `${load.latencyMs.p99} ms` : 'not run',
    pass: load ? load.latencyMs.p99 <= 25 : undefined,
  });
  const memory = results.memory;
  out.push({
    name: `RSS with ${formatInt(options.memoryAccounts)} accounts`,
    target: '<= 1,024 MiB',
    measured: memory ? `${memory.afterAccounts.rssMiB} MiB` : 'not run',
    pass: memory ? memory.afterAccounts.rssMiB <= 1024 : undefined,
  });
  return out;
}

function buildSummary(options: BenchOptions, machine: Machine, results: Results): Record<string, unknown> {
  const headline = results.library['library-spread'];
  // The baseline is the best naive run as durable as the engine's default (SQLite FULL; PostgreSQL any pool size).
  const baseline = results.naive.filter((run) => run.durability === 'full').reduce((best, run) => Math.max(best, run.transfersPerSecond), 0);
  const bestAny = results.naive.reduce((best, run) => Math.max(best, run.transfersPerSecond), 0);
  return {
    backend: options.backend,
    transfers: headline?.created ?? 0,
    transfersPerSecond: headline?.transfersPerSecond ?? 0,
    baselineTransfersPerSecond: baseline,
    baselineVariant: results.naive.find((run) => run.transfersPerSecond === baseline)?.variant,
    speedupOverBaseline: baseline > 0 && headline ? round(headline.transfersPerSecond / baseline, 1) : undefined,
    bestNaiveAnyDurabilityTransfersPerSecond: bestAny,
    p99LatencyMs: results.fixedLoad?.latencyMs.p99,
    p50LatencyMs: results.fixedLoad?.latencyMs.p50,
    httpTransfersPerSecond: results.http['http-spread']?.transfersPerSecond,
    memoryRssMiB: results.memory?.afterAccounts.rssMiB,
    memoryHeapUsedMiB: results.memory?.afterAccounts.heapUsedMiB,
    machine,
    options: {
      transfers: options.transfers,
      accounts: options.accounts,
      batch: options.batch,
      inflight: options.inflight,
      httpBatch: options.httpBatch,
      httpInflight: options.httpInflight,
      loadRate: options.loadRate,
      loadSeconds: options.loadSeconds,
      loadBatch: options.loadBatch,
      quick: options.quick,
      sqliteSynchronous: options.backend === 'sqlite' ? 'FULL (library-spread-normal: NORMAL)' : undefined,
    },
    targets: targets(options, results),
    scenarios: {
      library: results.library,
      http: results.http,
      naive: results.naive,
      fixedLoad: results.fixedLoad,
      memory: results.memory,
      commandCosts: results.costs,
      skipped: results.skipped,
    },
  };
}

function printTables(options: BenchOptions, machine: Machine, results: Results, summary: Record<string, unknown>): void {
  const out: string[] = [];
  out.push(`Polity ledger benchmark — backend ${options.backend}${options.quick ? ' (quick)' : ''}`);
  out.push(
    `machine: ${machine.cpus} cpus (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node} ${machine.platform}; ${machine.database}; ` +
      `${formatInt(options.accounts)} accounts; load average ${machine.loadAverage.start} at start, ${machine.loadAverage.end ?? '?'} at end`,
  );
  out.push('');
  const right = new Set([1, 2, 3, 4, 5, 6, 7, 8]);
  const rows: string[][] = [['scenario', 'transfers', 'seconds', 'transfers/s', 'p50 ms', 'p99 ms', 'max ms', 'commits', 'tx/commit', 'notes']];
  for (const [name, r] of Object.entries(results.library)) {
    rows.push([
      name,
      formatInt(r.created),
      r.seconds.toFixed(2),
      formatInt(r.transfersPerSecond),
      String(r.latencyMs.p50),
      String(r.latencyMs.p99),
      String(r.latencyMs.max),
      formatInt(r.commits.count),
      formatInt(r.commits.transfersPerCommit),
      `per ${options.batch}-transfer command, ${options.inflight} in flight; commit p50 ${r.commits.commitMs.p50} ms p99 ${r.commits.commitMs.p99} ms (${Math.round(r.commits.commitShare * 100)}% of wall); GC ${Math.round(r.gc.totalMs)} ms${failureNote(r.failures)}`,
    ]);
  }
  for (const [name, r] of Object.entries(results.http)) {
    rows.push([
      name,
      formatInt(r.created),
      r.seconds.toFixed(2),
      formatInt(r.transfersPerSecond),
      String(r.latencyMs.p50),
      String(r.latencyMs.p99),
      String(r.latencyMs.max),
      formatInt(r.commits.count),
      formatInt(r.commits.transfersPerCommit),
      `per ${options.httpBatch}-transfer request, ${options.httpInflight} in flight; commit p50 ${r.commits.commitMs.p50} ms (${Math.round(r.commits.commitShare * 100)}% of wall)${failureNote(r.failures)}${r.firstError ? `; ERROR ${r.firstError}` : ''}`,
    ]);
  }
  for (const r of results.naive) {
    rows.push([
      `naive (${r.variant})`,
      formatInt(r.created),
      r.seconds.toFixed(2),
      formatInt(r.transfersPerSecond),
      String(r.latencyMs.p50),
      String(r.latencyMs.p99),
      String(r.latencyMs.max),
      formatInt(r.created),
      '1',
      'one SQL transaction per transfer; latency per transaction',
    ]);
  }
  const load = results.fixedLoad;
  if (load) {
    rows.push([
      `fixed load ${formatInt(load.offeredPerSecond)}/s`,
      formatInt(load.created),
      load.seconds.toFixed(2),
      formatInt(load.achievedPerSecond),
      String(load.latencyMs.p50),
      String(load.latencyMs.p99),
      String(load.latencyMs.max),
      formatInt(load.commits.count),
      formatInt(load.commits.transfersPerCommit),
      `submit->resolve per ${options.loadBatch}-transfer command; from schedule p99 ${load.scheduledLatencyMs.p99} ms; commit p50 ${load.commits.commitMs.p50} ms p99 ${load.commits.commitMs.p99} ms`,
    ]);
  }
  out.push(table(rows, right));
  for (const [name, reason] of Object.entries(results.skipped)) out.push(`skipped ${name}: ${reason}`);
  if (results.memory) {
    const m = results.memory;
    out.push('');
    out.push(
      `memory, ${formatInt(m.accounts)} accounts: RSS ${m.afterAccounts.rssMiB} MiB, heapUsed ${m.afterAccounts.heapUsedMiB} MiB, external ${m.afterAccounts.externalMiB} MiB ` +
        `(${m.forcedGc ? 'after forced GC' : 'no forced GC'}; before the DAO: RSS ${m.baseline.rssMiB} MiB, heap ${m.baseline.heapUsedMiB} MiB; ` +
        `${m.heapBytesPerAccount} heap bytes/account); created in ${m.createSeconds} s (${formatInt(m.accountsPerSecond)}/s); engine.close ${Math.round(m.engineCloseMs)} ms`,
    );
  }
  if (results.costs) {
    const c = results.costs;
    out.push('');
    out.push(
      `per ${c.transfersPerCommand}-transfer command: validate ${c.validateMs} ms, canonical JSON ${c.canonicalJsonMs} ms, sha256 ${c.sha256Ms} ms, ` +
        `decode ${c.decodeMs} ms; log body ${formatInt(c.bodyJsonBytes)} bytes`,
    );
  }
  for (const [name, r] of [...Object.entries(results.library), ...Object.entries(results.http)]) {
    const written = r.written
      ? `; wrote ${formatInt(r.written.writtenMiB)} MiB = ${formatInt(r.written.bytesPerTransfer)} B/transfer (${r.written.source}${r.written.fullPageImages !== undefined ? `, ${formatInt(r.written.fullPageImages)} full-page images` : ''})`
      : '';
    out.push(`${name}: transfers/s per tenth of the run: ${r.tenths.map(formatInt).join(' ')}${written}`);
  }
  const closes = Object.entries(results.library).map(
    ([name, r]) =>
      `${name} ${formatInt(r.closeMs.engineCloseMs)} ms (process before close: RSS ${r.memoryAfter.rssMiB} MiB, heap ${r.memoryAfter.heapUsedMiB} MiB)`,
  );
  if (closes.length > 0) out.push(`engine.close (final snapshot) after each library scenario: ${closes.join(', ')}`);
  const breakdowns = [...Object.entries(results.library), ...Object.entries(results.http)].filter(([, r]) => r.breakdown);
  for (const [name, r] of breakdowns) {
    out.push('');
    out.push(`breakdown, ${name} (wall ${formatInt(r.seconds * 1000)} ms; phases nest as indented; sql and commit overlap apply on PostgreSQL):`);
    const phaseRows = [['phase', 'ms', 'calls', '% of wall', 'ms/call']];
    for (const [phase, total] of Object.entries(r.breakdown ?? {})) {
      phaseRows.push([
        phase,
        formatInt(total.ms),
        formatInt(total.calls),
        ((total.ms / (r.seconds * 1000)) * 100).toFixed(1),
        (total.ms / total.calls).toFixed(3),
      ]);
    }
    out.push(table(phaseRows, new Set([1, 2, 3, 4])));
  }
  out.push('');
  const targetRows = [['target', 'goal', 'measured', 'result']];
  for (const t of summary.targets as Target[]) targetRows.push([t.name, t.target, t.measured, t.pass === undefined ? 'n/a' : t.pass ? 'PASS' : 'FAIL']);
  out.push(table(targetRows));
  out.push('');
  out.push(
    `baseline (best naive run with the same durability): ${formatInt(Number(summary.baselineTransfersPerSecond))}/s (${String(summary.baselineVariant ?? 'not run')}); ` +
      `engine library spread is ${String(summary.speedupOverBaseline ?? 'n/a')}x that. Best naive of any durability: ${formatInt(Number(summary.bestNaiveAnyDurabilityTransfersPerSecond))}/s`,
  );
  console.log(out.join('\n'));
}

function failureNote(failures: Record<string, number>): string {
  const entries = Object.entries(failures);
  return entries.length === 0 ? '' : `; NOT CREATED: ${entries.map(([status, count]) => `${status} ${count}`).join(', ')}`;
}

await main();
