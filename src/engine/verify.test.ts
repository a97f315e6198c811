import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { type Backend, backends, forEachBackend } from '../../test/support/backends.ts';
import { openSampleDao } from '../../test/support/sample-dao.ts';
import { canonicalJson } from '../kernel/canonical-json.ts';
import { chainHash, genesisHash } from '../kernel/hash.ts';
import { encodeBody } from '../store/log-codec.ts';
import type { Store } from '../store/types.ts';
import { exportLog, importLog } from './log-file.ts';
import { verifyLogFile, verifyStore } from './verify.ts';

const dir = mkdtempSync(join(tmpdir(), 'polity-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const tempFile = (): string => {
  files += 1;
  return join(dir, `log-${files}.jsonl`);
};

/** Runs one SQL statement against a store's own database: the tampering under test. */
async function tamper(store: Store, statement: ReturnType<typeof sql>): Promise<void> {
  await statement.execute(store.db);
}

forEachBackend((backend) => {
  it('passes a normal DAO, before and after a restart that leaves a snapshot', async () => {
    const { dao, seqs } = await openSampleDao(backend, { snapshotEveryRecords: 5 });
    const head = dao.engine.head;
    expect(head.seq).toBe(seqs.close);
    expect(await verifyStore(dao.store)).toEqual({ ok: true, records: head.seq, headSeq: head.seq, headHash: head.hash });
    await dao.engine.close(); // writes a snapshot at the head, which verify compares too
    expect(await dao.store.latestSnapshot()).toMatchObject({ seq: head.seq, hash: head.hash });
    expect(await verifyStore(dao.store)).toMatchObject({ ok: true, headSeq: head.seq });
    await dao.store.close();
  });

  it('passes an empty store', async () => {
    const { store } = await backend.open();
    expect(await verifyStore(store)).toEqual({ ok: true, records: 0, headSeq: 0, headHash: genesisHash });
    await store.close();
  });

  it('names a missing record', async () => {
    const { dao, seqs } = await openSampleDao(backend);
    await tamper(dao.store, sql`DELETE FROM log WHERE seq = ${seqs.mint}`);
    const report = await verifyStore(dao.store);
    expect(report).toMatchObject({ ok: false, firstBadSeq: seqs.mint, headSeq: seqs.mint - 1, records: seqs.mint - 1 });
    expect(report.problem).toMatch(/expected seq \d+, found \d+: a record is missing or out of order/);
    await dao.close();
  });

  it('names records swapped out of order', async () => {
    const { dao, seqs } = await openSampleDao(backend);
    const [first, second] = [seqs.transfers, seqs.post];
    // Swap the whole content of two rows, hashes included: each row is intact, the order is not.
    await tamper(dao.store, sql`UPDATE log SET seq = -1 WHERE seq = ${first}`);
    await tamper(dao.store, sql`UPDATE log SET seq = ${first} WHERE seq = ${second}`);
    await tamper(dao.store, sql`UPDATE log SET seq = ${second} WHERE seq = -1`);
    const report = await verifyStore(dao.store);
    expect(report).toMatchObject({ ok: false, firstBadSeq: first });
    expect(report.problem).toMatch(/missing or out of order/);
    await dao.close();
  });

  it('names the last record when it is gone: the projections still hold what it wrote', async () => {
    const { dao, seqs } = await openSampleDao(backend);
    await tamper(dao.store, sql`DELETE FROM log WHERE seq = ${seqs.close}`);
    const report = await verifyStore(dao.store);
    expect(report).toMatchObject({ ok: false, firstBadSeq: seqs.close, headSeq: seqs.close - 1 });
    expect(report.problem).toMatch(/past the end of the log/);
    await dao.close();
  });

  it('names a snapshot that disagrees with the log', async () => {
    const { dao, seqs } = await openSampleDao(backend);
    await dao.engine.snapshot();
    await tamper(dao.store, sql`UPDATE snapshots SET state_json = replace(state_json, '"symbol":"GLD"', '"symbol":"XXX"')`);
    const report = await verifyStore(dao.store);
    expect(report).toMatchObject({ ok: false, firstBadSeq: seqs.close });
    expect(report.problem).toMatch(/snapshot at seq \d+ differs/);
    await dao.close();
  });

  it('names a log row whose own columns disagree with its body', async () => {
    const { dao, seqs } = await openSampleDao(backend);
    await tamper(dao.store, sql`UPDATE log SET actor_id = 'mallory' WHERE seq = ${seqs.burn}`);
    const report = await verifyStore(dao.store);
    expect(report).toMatchObject({ ok: false, firstBadSeq: seqs.burn });
    expect(report.problem).toMatch(/log row's columns/);
    await dao.close();
  });

  it('pages through a log longer than a page, on export, import and verify', async () => {
    const { dao, seqs } = await openSampleDao(backend);
    const mints = Array.from({ length: 1_100 }, (_unused, i) =>
      dao.engine.submit(dao.admin, { type: 'ledger.mint', payload: { id: `bulk${i}`, asset: 'gold', to: 'b', amount: '0.01' } }),
    );
    expect((await Promise.all(mints)).every((outcome) => outcome.ok)).toBe(true);
    const head = dao.engine.head;
    expect(head.seq).toBe(seqs.close + 1_100);
    const file = tempFile();
    await exportLog(dao.store, file);
    expect(await verifyLogFile(file)).toEqual({ ok: true, records: head.seq, headSeq: head.seq, headHash: head.hash });
    const { store } = await backend.open();
    expect(await importLog(store, file)).toMatchObject({ records: head.seq, headHash: head.hash });
    expect(await verifyStore(store)).toEqual({ ok: true, records: head.seq, headSeq: head.seq, headHash: head.hash });
    await tamper(store, sql`DELETE FROM log WHERE seq = 700`);
    expect(await verifyStore(store)).toMatchObject({ ok: false, firstBadSeq: 700, headSeq: 699 });
    await store.close();
    await dao.close();
  });

  it('passes its exported log file', async () => {
    const { dao } = await openSampleDao(backend);
    const file = tempFile();
    expect(await exportLog(dao.store, file)).toEqual({ records: dao.engine.head.seq, headSeq: dao.engine.head.seq, headHash: dao.engine.head.hash });
    expect(await verifyLogFile(file)).toEqual({ ok: true, records: dao.engine.head.seq, headSeq: dao.engine.head.seq, headHash: dao.engine.head.hash });
    await dao.close();
  });
});

/** Lines of a sample log, exported once; the file cases below edit copies of them. */
async function sampleLines(): Promise<string[]> {
  const { dao } = await openSampleDao(backends[0] as Backend);
  const file = tempFile();
  await exportLog(dao.store, file);
  await dao.close();
  return readFileSync(file, 'utf8').trimEnd().split('\n');
}

function writeLines(lines: string[]): string {
  const file = tempFile();
  writeFileSync(file, lines.map((line) => `${line}\n`).join(''));
  return file;
}

type Line = Record<string, unknown> & { seq: number; prevHash: string; hash: string; command: Record<string, unknown>; events: Record<string, unknown>[] };

/**
 * A forgery that keeps the chain intact: edits record `seq`, then recomputes its hash and
 * every later one. Only re-applying the commands can catch it.
 */
function forge(lines: string[], seq: number, edit: (record: Line) => void): string[] {
  let prevHash = genesisHash;
  return lines.map((text) => {
    const record = JSON.parse(text) as Line;
    if (record.seq === seq) edit(record);
    const { prevHash: _p, hash: _h, ...body } = record;
    const hash = chainHash(prevHash, encodeBody(body as never));
    const line = canonicalJson({ ...body, prevHash, hash });
    prevHash = hash;
    return line;
  });
}

function lineSeq(lines: string[], type: string, nth = 0): number {
  const found = lines.map((text) => JSON.parse(text) as Line).filter((record) => record.command.type === type);
  const record = found[nth];
  if (!record) throw new Error(`no ${type} record in the sample`);
  return record.seq;
}

describe('verifyLogFile', () => {
  it('names reordered, missing and duplicated lines', async () => {
    const lines = await sampleLines();
    const swapped = [...lines];
    [swapped[5], swapped[6]] = [swapped[6] as string, swapped[5] as string];
    expect(await verifyLogFile(writeLines(swapped))).toMatchObject({ ok: false, firstBadSeq: 6, headSeq: 5 });
    expect(await verifyLogFile(writeLines(lines.filter((_line, index) => index !== 8)))).toMatchObject({ ok: false, firstBadSeq: 9 });
    expect(await verifyLogFile(writeLines([...lines.slice(0, 4), lines[3] as string, ...lines.slice(4)]))).toMatchObject({ ok: false, firstBadSeq: 5 });
    expect(await verifyLogFile(writeLines([...lines.slice(0, 3), '', ...lines.slice(3)]))).toMatchObject({ ok: false, firstBadSeq: 4 });
  });

  it('passes an empty file and refuses a missing one', async () => {
    expect(await verifyLogFile(writeLines([]))).toEqual({ ok: true, records: 0, headSeq: 0, headHash: genesisHash });
    await expect(verifyLogFile(join(dir, 'no-such.jsonl'))).rejects.toMatchObject({ code: 'file_not_found' });
  });

  it('catches forgeries whose hashes were recomputed, by re-applying every command', async () => {
    const lines = await sampleLines();
    const expectForgery = async (seq: number, edit: (record: Line) => void, problem: RegExp): Promise<void> => {
      const report = await verifyLogFile(writeLines(forge(lines, seq, edit)));
      expect(report, report.problem).toMatchObject({ ok: false, firstBadSeq: seq, headSeq: seq - 1 });
      expect(report.problem).toMatch(problem);
    };
    const mint = lineSeq(lines, 'ledger.mint');
    const transfers = lineSeq(lines, 'ledger.create_transfers');
    // The event says 999.99, the command 1000: the events must be what the command gives.
    await expectForgery(mint, (r) => Object.assign(r.events[0]?.transfer as object, { amountUnits: '99999' }), /events differ/);
    // Command and event changed together: the state at that point refuses it (a has 1000, not 1,000,000).
    await expectForgery(
      transfers,
      (r) => {
        const items = (r.command.payload as { transfers: { amount: string }[] }).transfers;
        (items[0] as { amount: string }).amount = '1000000';
        Object.assign(r.events[0]?.transfer as object, { amountUnits: '100000000' });
      },
      /events differ|rejects it/,
    );
    await expectForgery(
      lineSeq(lines, 'ledger.create_accounts', 1),
      (r) => Object.assign(r.command, { signature: 'A'.repeat(86) }),
      /signature does not match/,
    );
    await expectForgery(mint, (r) => Object.assign(r, { actorId: 'mallory' }), /actor mallory does not exist/);
    await expectForgery(mint, (r) => Object.assign(r, { tokenId: 'stolen' }), /API token stolen/);
    await expectForgery(transfers, (r) => Object.assign(r, { timeMs: 0 }), /time goes backwards/);
    await expectForgery(
      lineSeq(lines, 'ledger.create_asset'),
      (r) => Object.assign(r.command, { type: 'ledger.no_such_command' }),
      /re-applying ledger.no_such_command fails/,
    );
  });

  it('catches a logged command that changes nothing, and a record of another DAO', async () => {
    const lines = await sampleLines();
    const gold = lineSeq(lines, 'ledger.create_asset');
    // Creating gold again (same body) only answers `exists`: the writer never logs that.
    const appended = [...lines, lines[gold - 1] as string].map((text, index) => relabel(text, index + 1));
    const again = forge(appended, lines.length + 1, (r) => Object.assign(r, { timeMs: Date.UTC(2030, 0, 1) }));
    const report = await verifyLogFile(writeLines(again));
    expect(report).toMatchObject({ ok: false, firstBadSeq: lines.length + 1 });
    expect(report.problem).toMatch(/changes nothing/);
    const other = forge(lines, 4, (r) => Object.assign(r, { daoId: 'other' }));
    expect(await verifyLogFile(writeLines(other))).toMatchObject({ ok: false, firstBadSeq: 4 });
  });
});

function relabel(text: string, seq: number): string {
  return canonicalJson({ ...(JSON.parse(text) as object), seq });
}
