/** Command-line options of `npm run bench:ledger -- ...`. */
export interface BenchOptions {
  backend: 'sqlite' | 'postgres';
  databaseUrl: string;
  /** Transfers per throughput scenario (library and HTTP). */
  transfers: number;
  /** Accounts the transfers spread over. */
  accounts: number;
  /** Transfers per library command. */
  batch: number;
  /** Library commands in flight at once. */
  inflight: number;
  /** Transfers per HTTP request. */
  httpBatch: number;
  /** HTTP requests in flight at once. */
  httpInflight: number;
  /** Naive baseline: at most this many transfers, at most baselineSeconds. */
  baselineTransfers: number;
  baselineSeconds: number;
  /** Fixed-load scenario: offered transfers per second, for this long. */
  loadRate: number;
  loadSeconds: number;
  loadBatch: number;
  quick: boolean;
  json: boolean;
  memory: boolean;
  memoryAccounts: number;
  /** Time the writer's phases (apply, seal, projection, commit per table). */
  breakdown: boolean;
  /** Also run the library spread scenario with SQLite synchronous = NORMAL. */
  normal: boolean;
  /** Only these scenarios (names as printed), or all. */
  only: string[] | undefined;
  seed: number;
  /** Keep the temp data dir / schema (for inspection). */
  keep: boolean;
  /** Experiment: extra SQLite pragmas for the engine's store connection, e.g. wal_autocheckpoint=10000. */
  pragmas: string[];
}

export const defaultDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/test';

const usage = `usage: npm run bench:ledger -- [options]
  --backend sqlite|postgres   database (default sqlite; postgres uses $DATABASE_URL or ${defaultDatabaseUrl})
  --transfers N               transfers per throughput scenario (default 1000000; --quick 20000)
  --accounts N                accounts to spread transfers over (default 100000; --quick 2000)
  --batch N                   transfers per library command (default 1000)
  --inflight N                library commands in flight (default 32)
  --http-batch N              transfers per HTTP request (default 8190)
  --http-inflight N           HTTP requests in flight (default 4)
  --baseline-transfers N      naive baseline: at most N transfers (default 50000) ...
  --baseline-seconds S        ... and at most S seconds (default 10)
  --load-rate N               fixed offered load, transfers/s (default 10000)
  --load-seconds S            fixed-load duration (default 5)
  --load-batch N              transfers per command under fixed load (default 100)
  --memory / --no-memory      1M-account memory scenario (default: on, off with --quick)
  --memory-accounts N         accounts for the memory scenario (default 1000000)
  --breakdown                 time the writer's phases (apply, JSON+hash, projection, SQL per table)
  --no-normal                 skip the SQLite synchronous=NORMAL variant
  --only a,b                  run only these scenarios (library-spread, library-hot, library-spread-normal,
                              http-spread, http-hot, naive, fixed-load, memory)
  --seed N                    workload seed (default 1)
  --keep                      keep the temp data dir / PostgreSQL schema
  --pragma k=v[,k=v]          experiment: extra SQLite pragmas on the engine's connection (not the default setup)
  --quick                     small sizes, for a smoke run
  --json                      print one JSON object on the last line of stdout`;

export function parseArgs(argv: string[]): BenchOptions {
  const flags = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (arg === '--help' || arg === '-h') {
      console.log(usage);
      process.exit(0);
    }
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}\n${usage}`);
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
      continue;
    }
    const name = arg.slice(2);
    const next = argv[index + 1];
    if (takesValue.has(name)) {
      if (next === undefined) throw new Error(`--${name} needs a value\n${usage}`);
      flags.set(name, next);
      index += 1;
    } else if (booleans.has(name)) {
      flags.set(name, true);
    } else {
      throw new Error(`unknown option --${name}\n${usage}`);
    }
  }
  const quick = flags.get('quick') === true;
  const num = (name: string, full: number, small = full): number => {
    const value = flags.get(name);
    if (value === undefined || value === true) return quick ? small : full;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number, got ${value}`);
    return parsed;
  };
  const backend = flags.get('backend') ?? 'sqlite';
  if (backend !== 'sqlite' && backend !== 'postgres') throw new Error(`--backend must be sqlite or postgres, got ${String(backend)}`);
  const only = flags.get('only');
  return {
    backend,
    databaseUrl: process.env.DATABASE_URL || defaultDatabaseUrl,
    transfers: Math.floor(num('transfers', 1_000_000, 20_000)),
    accounts: Math.max(2, Math.floor(num('accounts', 100_000, 2_000))),
    batch: Math.floor(num('batch', 1_000)),
    inflight: Math.floor(num('inflight', 32, 16)),
    httpBatch: Math.floor(num('http-batch', 8_190, 2_000)),
    httpInflight: Math.floor(num('http-inflight', 4)),
    baselineTransfers: Math.floor(num('baseline-transfers', 50_000, 2_000)),
    baselineSeconds: num('baseline-seconds', 10, 3),
    loadRate: num('load-rate', 10_000),
    loadSeconds: num('load-seconds', 5, 1),
    loadBatch: Math.floor(num('load-batch', 100)),
    quick,
    json: flags.get('json') === true,
    memory: flags.has('no-memory') ? false : flags.has('memory') || !quick,
    memoryAccounts: Math.floor(num('memory-accounts', 1_000_000, 50_000)),
    breakdown: flags.get('breakdown') === true,
    normal: !flags.has('no-normal'),
    only: typeof only === 'string' ? only.split(',').map((name) => name.trim()) : undefined,
    seed: Math.floor(num('seed', 1)),
    keep: flags.get('keep') === true,
    pragmas: typeof flags.get('pragma') === 'string' ? String(flags.get('pragma')).split(',') : [],
  };
}

const takesValue = new Set([
  'backend',
  'transfers',
  'accounts',
  'batch',
  'inflight',
  'http-batch',
  'http-inflight',
  'baseline-transfers',
  'baseline-seconds',
  'load-rate',
  'load-seconds',
  'load-batch',
  'memory-accounts',
  'only',
  'seed',
  'pragma',
]);
const booleans = new Set(['quick', 'json', 'memory', 'no-memory', 'breakdown', 'no-normal', 'keep']);
