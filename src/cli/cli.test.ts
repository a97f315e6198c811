import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The real CLI, spawned as a user would run it, on temporary data dirs. Each spawn costs
 * about half a second of tsx start-up, so independent runs go in parallel.
 */
const root = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'polity-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The child sees none of our database settings unless a test passes them. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'DATABASE_URL' && !key.startsWith('POLITY_')));
  return { ...env, POLITY_LOG_LEVEL: 'warn', ...extra };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as the one JSON object --json promises. */
  json: Record<string, unknown>;
}

function polity(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/polity.js', ...args], { cwd: root, env: childEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, json: parseJson(stdout) }));
  });
}

function parseJson(stdout: string): Record<string, unknown> {
  try {
    return JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function newDir(name: string): string {
  return join(scratch, `${name}-${randomBytes(4).toString('hex')}`);
}

async function initDao(extra: string[] = []): Promise<{ dataDir: string; run: Run }> {
  const dataDir = newDir('dao');
  const run = await polity(['init', '--data', dataDir, '--json', ...extra]);
  expect(run.code, run.stderr).toBe(0);
  return { dataDir, run };
}

describe('polity init', () => {
  it('creates the DAO, prints the token as JSON and keeps it in a 0600 file; a second init is refused', async () => {
    const { dataDir, run } = await initDao(['--dao', 'acme']);
    expect(run.json).toMatchObject({ daoId: 'acme', dataDir, adminToken: expect.stringMatching(/^pol_/) });
    expect(JSON.parse(readFileSync(join(dataDir, 'polity.json'), 'utf8'))).toMatchObject({ daoId: 'acme', createdAtMs: expect.any(Number) });
    expect(readFileSync(join(dataDir, 'admin.token'), 'utf8').trim()).toBe(run.json.adminToken);
    expect(statSync(join(dataDir, 'admin.token')).mode & 0o777).toBe(0o600);
    const again = await polity(['init', '--data', dataDir, '--json']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error \[already_initialized\]: /);
    expect(again.json).toMatchObject({ error: { code: 'already_initialized' } });
  });

  it('builds a DAO from a genesis config, reports its supply, and refuses a bad config with the line', async () => {
    const bad = join(scratch, 'bad.yaml');
    writeFileSync(bad, 'tokens:\n  - id: gov\n    symbl: GOV\n');
    const dataDir = newDir('btt');
    const refusedDir = newDir('config');
    const [built, refused, missing] = await Promise.all([
      polity(['init', '--data', dataDir, '--config', 'examples/btt.yaml']),
      polity(['init', '--data', refusedDir, '--config', bad]),
      polity(['init', '--data', newDir('config'), '--config', join(scratch, 'nope.yaml')]),
    ]);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/genesis commands/);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error \[config_invalid\]: /);
    expect(refused.stderr).toContain(`${bad}:3:5: `);
    expect(existsSync(refusedDir)).toBe(false);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringMatching(/^error \[config_invalid\]: .*nope\.yaml/)]);
    const [year, human, past] = await Promise.all([
      polity(['supply', '--data', dataDir, '--at', '+12mo', '--json']),
      polity(['supply', '--data', dataDir, '--at', '+42mo']),
      polity(['supply', '--data', dataDir, '--at', '2024-06-01', '--json']),
    ]);
    expect(year.code, year.stderr).toBe(0);
    expect(year.json).toMatchObject({ total: '21000000', minted: '21000000', burned: '0', circulating: '1169000', vesting: '8911000', pools: '6300000' });
    expect(year.json.allocations).toContainEqual({
      name: 'bitwave-lab',
      label: 'BitWave Protocol Laboratory',
      kind: 'vesting',
      total: '2100000',
      released: '350000',
      locked: '1750000',
    });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/BTT supply at 2028-07-0/);
    expect(past.code).toBe(1);
    expect(past.stderr).toMatch(/^error \[time_before_genesis\]/);
  });

  it('simulates a genesis config and writes its series, tables and charts', async () => {
    const out = join(scratch, 'sim');
    const run = await polity(['simulate', '--config', 'examples/btt.yaml', '--years', '1', '--holders', '200', '--out', out, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ symbol: 'BTT', years: 1, holders: 200, runs: 1, seeds: [1] });
    for (const file of [
      'series.csv',
      'series.json',
      'summary.txt',
      'summary.json',
      'supply.svg',
      'release.svg',
      'burned.svg',
      'staking-ratio.svg',
      'treasury.svg',
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    expect(readFileSync(join(out, 'supply.svg'), 'utf8')).toMatch(/^<svg/);
    expect(readFileSync(join(out, 'summary.txt'), 'utf8')).toMatch(/beside the BTT document/);
  });
});

describe('polity keys new', () => {
  it('prints a key pair with a warning, or writes it to a 0600 file it never overwrites', async () => {
    const out = join(scratch, 'key.json');
    const [printed, written] = await Promise.all([polity(['keys', 'new', '--json']), polity(['keys', 'new', '--out', out, '--json'])]);
    expect(printed.json).toEqual({ publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), privateKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(printed.stderr).toMatch(/^warning: the private key is printed/);
    expect(written.json).toEqual({ publicKey: expect.any(String), privateKeyFile: out });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ publicKey: written.json.publicKey });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const again = await polity(['keys', 'new', '--out', out]);
    expect([again.code, again.stderr]).toEqual([1, expect.stringMatching(/^error \[file_exists\]/)]);
  });
});

describe('usage and input errors', () => {
  it('exits 2 for usage errors and 1 for bad values, with one error line and no stack', async () => {
    const runs = await Promise.all([
      polity(['init', '--bogus']),
      polity(['asset', 'create', '--json']),
      polity(['mint', '--asset', 'gov', '--to', 'alice', '--amount', '1e5']),
      polity(['transfer', 'create', '--to', 'bob', '--amount', '1']),
      polity(['account', 'show', 'alice', '--seq', '-1']),
      polity(['serve', '--port', 'http']),
    ]);
    const summary = runs.map((run) => [run.code, run.stderr.split('\n')[0]]);
    expect(summary).toEqual([
      [2, "error [usage]: unknown option '--bogus'"],
      [2, "error [usage]: required option '--symbol <symbol>' not specified"],
      [1, expect.stringMatching(/^error \[amount_invalid\]: --amount "1e5" is not a decimal amount/)],
      [2, 'error [usage]: give --from and --to (or --file for a batch)'],
      [1, expect.stringMatching(/^error \[value_invalid\]: --seq "-1"/)],
      [1, expect.stringMatching(/^error \[port_invalid\]/)],
    ]);
    expect(runs[1]?.json).toEqual({ error: { code: 'usage', message: "required option '--symbol <symbol>' not specified" } });
    for (const run of runs) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says clearly when no server is running at the URL', async () => {
    const run = await polity(['asset', 'show', 'gov', '--url', 'http://127.0.0.1:47999']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^error \[server_unreachable\]: no Polity server is running at http:\/\/127\.0\.0\.1:47999 \(connection refused\)\. Start one with `polity serve`/,
    );
  });
});

describe('polity verify, export and import', () => {
  it('verifies a fresh DAO, round-trips its log through a file, and verifies the copy', async () => {
    const { dataDir } = await initDao();
    const log = join(scratch, `${randomBytes(4).toString('hex')}.jsonl`);
    const [verified, exported] = await Promise.all([
      polity(['verify', '--data', dataDir, '--json']),
      polity(['export', '--log', log, '--data', dataDir, '--json']),
    ]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.json).toMatchObject({ ok: true, records: 3, headSeq: 3, headHash: expect.any(String) });
    expect(exported.json).toMatchObject({ records: 3, daoId: 'default' });
    const copy = newDir('copy');
    const imported = await polity(['import', '--log', log, '--data', copy, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json).toMatchObject({ records: 3, daoId: 'default' });
    const [copyVerified, fileVerified, again] = await Promise.all([
      polity(['verify', '--data', copy, '--json']),
      polity(['verify', '--log', log, '--json']),
      polity(['import', '--log', log, '--data', copy]),
    ]);
    expect(copyVerified.json).toMatchObject({ ok: true, headHash: verified.json.headHash });
    expect(fileVerified.json).toMatchObject({ ok: true, headHash: verified.json.headHash });
    expect([again.code, again.stderr]).toEqual([1, expect.stringMatching(/^error \[already_initialized\]/)]);
  });

  it('names the first bad sequence number of a tampered log', async () => {
    const { dataDir } = await initDao();
    const sqlite = new BetterSqlite3(join(dataDir, 'polity.sqlite'));
    sqlite.prepare("UPDATE log SET body_json = replace(body_json, 'Bootstrap admin', 'Bootstrap admiN') WHERE seq = 1").run();
    sqlite.close();
    const run = await polity(['verify', '--data', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error \[verify_failed\]: verify failed at seq 1: /);
  });

  it('import refuses a data dir that a live server holds; verify only warns', async () => {
    const { dataDir } = await initDao();
    writeFileSync(join(dataDir, 'server.pid'), `${process.pid}\n`); // this test process: certainly alive
    const log = join(scratch, `${randomBytes(4).toString('hex')}.jsonl`);
    const [verified, exported] = await Promise.all([polity(['verify', '--data', dataDir]), polity(['export', '--log', log, '--data', dataDir])]);
    expect([verified.code, verified.stderr]).toEqual([0, expect.stringMatching(/^warning: a Polity server \(pid \d+\) is using/)]);
    expect(exported.code).toBe(0);
    const fresh = newDir('fresh');
    mkdirSync(fresh);
    writeFileSync(join(fresh, 'server.pid'), `${process.pid}\n`);
    const imported = await polity(['import', '--log', log, '--data', fresh]);
    expect([imported.code, imported.stderr]).toEqual([1, expect.stringMatching(/^error \[server_running\]/)]);
  });
});

/** serve --json prints one line once it listens. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

describe('polity serve and the ledger commands', () => {
  let server: ChildProcess;
  let dataDir: string;
  let started: Record<string, unknown>;
  const api = (args: string[]) => polity([...args, '--url', String(started.url), '--data', dataDir, '--json']);

  beforeAll(async () => {
    dataDir = newDir('served');
    server = spawn(process.execPath, ['bin/polity.js', 'serve', '--data', dataDir, '--port', '0', '--json'], { cwd: root, env: childEnv({}) });
    started = JSON.parse(await firstLine(server)) as Record<string, unknown>;
  });

  afterAll(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
  });

  it('prints its URLs and, on first start, the admin token', () => {
    expect(started).toMatchObject({ firstStart: true, adminToken: expect.stringMatching(/^pol_/), daoId: 'default' });
    expect(String(started.url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.docsUrl).toBe(`${started.url}/docs`);
    expect(existsSync(join(dataDir, 'server.pid'))).toBe(true);
  });

  it('creates an asset and accounts, mints, transfers, and shows balances', async () => {
    const asset = await api(['asset', 'create', '--id', 'gov', '--symbol', 'GOV', '--decimals', '2', '--supply', 'mintable']);
    expect(asset.code, asset.stderr).toBe(0);
    expect(asset.json).toMatchObject({ id: 'gov', status: 'created', idGenerated: false });
    const accounts = await Promise.all(['alice', 'bob'].map((id) => api(['account', 'create', '--id', id, '--asset', 'gov'])));
    expect(accounts.map((run) => run.json.status)).toEqual(['created', 'created']);
    const minted = await api(['mint', '--asset', 'gov', '--to', 'alice', '--amount', '100.50']);
    expect(minted.json).toMatchObject({ status: 'created', idGenerated: true, id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const moved = await api(['transfer', 'create', '--id', 't1', '--from', 'alice', '--to', 'bob', '--amount', '0.25']);
    expect(moved.json).toMatchObject({ id: 't1', status: 'created' });
    const [shown, transfer] = await Promise.all([api(['account', 'show', 'bob']), api(['transfer', 'show', 't1'])]);
    expect(JSON.stringify(shown.json)).toMatch(/"0\.25"/);
    expect(transfer.json).toMatchObject({ id: 't1' });
  });

  it('posts and voids pending transfers, and runs a batch from a file', async () => {
    await api(['asset', 'create', '--id', 'pts', '--symbol', 'PTS', '--decimals', '0', '--supply', 'mintable']);
    await Promise.all(['p1', 'p2'].map((id) => api(['account', 'create', '--id', id, '--asset', 'pts'])));
    await api(['mint', '--asset', 'pts', '--to', 'p1', '--amount', '10']);
    const pending = await Promise.all(
      ['h1', 'h2'].map((id) => api(['transfer', 'create', '--id', id, '--from', 'p1', '--to', 'p2', '--amount', '3', '--pending'])),
    );
    expect(pending.map((run) => run.json.status)).toEqual(['created', 'created']);
    const [posted, voided] = await Promise.all([api(['transfer', 'post', 'h1', '--amount', '2']), api(['transfer', 'void', 'h2'])]);
    expect([posted.code, voided.code]).toEqual([0, 0]);
    const batch = join(scratch, 'batch.json');
    writeFileSync(
      batch,
      JSON.stringify({
        transfers: [
          { id: 'b1', from: 'p1', to: 'p2', amount: '1' },
          { id: 'b2', from: 'p1', to: 'nobody', amount: '1' },
        ],
      }),
    );
    const run = await api(['transfer', 'create', '--file', batch]);
    expect(run.code).toBe(1);
    expect(run.json).toMatchObject({
      rejected: 1,
      results: [
        { id: 'b1', status: 'created' },
        { id: 'b2', status: 'credit_account_not_found' },
      ],
    });
    expect(run.stderr).toMatch(/^error \[batch_rejected\]: 1 of 2 transfers rejected/);
  });

  it('shows the server’s rejections as error [code] with exit 1', async () => {
    const [unknownAccount, missing, overdrawn, tokenless] = await Promise.all([
      api(['transfer', 'create', '--from', 'alice', '--to', 'nobody', '--amount', '1']),
      api(['asset', 'show', 'nope']),
      api(['transfer', 'create', '--from', 'bob', '--to', 'alice', '--amount', '1000']),
      polity(['asset', 'show', 'gov', '--url', String(started.url), '--data', newDir('no-token')]),
    ]);
    expect([tokenless.code, tokenless.stderr]).toEqual([1, expect.stringMatching(/^error \[unauthenticated\]: .*no token was sent/)]);
    expect([unknownAccount.code, unknownAccount.stderr]).toEqual([1, expect.stringMatching(/^error \[credit_account_not_found\]: /)]);
    expect(unknownAccount.json).toMatchObject({ error: { code: 'credit_account_not_found' } });
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringMatching(/^error \[[a-z_]+\]: /)]);
    expect([overdrawn.code, overdrawn.stderr]).toEqual([1, expect.stringMatching(/^error \[insufficient_funds\]: /)]);
  });

  it('governance as a user: actor with a key, token, proposal, signed vote, export and offline re-tally', async () => {
    const key = join(scratch, 'm1.key');
    expect((await polity(['keys', 'new', '--out', key])).code).toBe(0);
    const actor = await api(['actor', 'create', '--id', 'm1', '--key', key]);
    expect(actor.code, actor.stderr).toBe(0);
    const token = await api(['token', 'create', '--actor', 'm1']);
    const m1 = String(token.json.token);
    expect(m1).toMatch(/^pol_/);
    await api(['asset', 'create', '--id', 'vote', '--symbol', 'VOTE', '--decimals', '0', '--supply', 'mintable']);
    await api(['account', 'create', '--id', 'm1-vote', '--asset', 'vote', '--owner', 'm1']);
    await api(['mint', '--asset', 'vote', '--to', 'm1-vote', '--amount', '7']);
    expect((await api(['command', 'power.track', '{"asset":"vote"}'])).code).toBe(0);
    const category = {
      id: 'quick',
      discussionSeconds: 0,
      votingSeconds: 6,
      timelockSeconds: 0,
      gracePeriodSeconds: 60,
      quorumPercent: '1',
      supportPercent: '50',
      strategy: { kind: 'token', asset: 'vote' },
    };
    expect((await api(['command', 'governance.set_category', JSON.stringify(category)])).code).toBe(0);
    const asM1 = (args: string[]) => polity([...args, '--url', String(started.url), '--token', m1, '--json']);
    const created = await asM1(['proposal', 'create', '--id', 'sig', '--title', 'Signal', '--category', 'quick', '--body', 'Yes?']);
    expect(created.code, created.stderr).toBe(0);
    expect((await asM1(['proposal', 'submit', 'sig'])).code).toBe(0);
    // With no discussion period the server's keeper (every second) may start the vote first.
    const opened = await asM1(['proposal', 'start-voting', 'sig']);
    if (opened.code !== 0) expect(opened.stderr).toMatch(/^error \[proposal_not_in_discussion\]/);
    expect((await api(['proposal', 'show', 'sig'])).json).toMatchObject({ state: { status: 'voting' } });
    const unsigned = await polity(['vote', 'sig', '--choice', '1', '--url', String(started.url), '--token', m1]);
    expect(unsigned.code).toBe(2); // --key is required: ballots are signed
    const voted = await asM1(['vote', 'sig', '--choice', '1', '--key', key]);
    expect(voted.code, voted.stderr).toBe(0);
    // Six seconds of voting leave room for slow spawns; then wait for the deadline, no longer.
    let shown = await api(['proposal', 'show', 'sig']);
    const votingEndsMs = Number(shown.json.votingEndsMs);
    expect(votingEndsMs).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, votingEndsMs - Date.now() + 100)));
    shown = await api(['proposal', 'show', 'sig']);
    expect(shown.json).toMatchObject({ state: { status: 'succeeded', tally: { scores: ['7', '0', '0'] } } });
    const file = join(scratch, 'sig-ballots.json');
    expect((await api(['export', 'ballots', 'sig', '--out', file])).code).toBe(0);
    const retally = await polity(['tally', '--ballots', file, '--json']);
    expect(retally.json).toEqual({ type: 'basic', scores: ['7', '0', '0'], total: '7', winner: 1, invalid: [] });
  });

  it('refuses a second server on the same data dir, and stops cleanly on SIGTERM', async () => {
    const second = await polity(['serve', '--data', dataDir, '--port', '0']);
    expect([second.code, second.stderr]).toEqual([1, expect.stringMatching(/^error \[server_running\]/)]);
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(dataDir, 'server.pid'))).toBe(false);
    const verified = await polity(['verify', '--data', dataDir, '--json']);
    expect(verified.json).toMatchObject({ ok: true });
    server = spawn(process.execPath, ['bin/polity.js', 'serve', '--data', dataDir, '--port', '0', '--json'], { cwd: root, env: childEnv({}) });
    const restarted = JSON.parse(await firstLine(server)) as Record<string, unknown>;
    expect(restarted).toMatchObject({ firstStart: false, daoId: 'default' });
    expect(restarted).not.toHaveProperty('adminToken');
  });
});

const databaseUrl = process.env.DATABASE_URL;

describe.skipIf(!databaseUrl)('PostgreSQL', () => {
  const schema = `polity_cli_${randomBytes(6).toString('hex')}`;

  afterAll(async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('initializes and verifies a DAO kept in PostgreSQL', async () => {
    const env = { DATABASE_URL: String(databaseUrl), POLITY_PG_SCHEMA: schema };
    const dataDir = newDir('pg');
    const init = await polity(['init', '--data', dataDir, '--json'], env);
    expect(init.code, init.stderr).toBe(0);
    expect(String(init.json.store)).toMatch(new RegExp(`schema ${schema}`));
    expect(existsSync(join(dataDir, 'polity.sqlite'))).toBe(false);
    const verified = await polity(['verify', '--data', dataDir, '--json'], env);
    expect(verified.json).toMatchObject({ ok: true, records: 3 });
    const onSqlite = await polity(['serve', '--data', dataDir, '--port', '0']);
    expect([onSqlite.code, onSqlite.stderr]).toEqual([1, expect.stringMatching(/^error \[store_empty\]/)]);
  });
});
