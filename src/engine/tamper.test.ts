import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, backends, forEachBackend } from '../../test/support/backends.ts';
import { openSampleDao, type SampleSeqs } from '../../test/support/sample-dao.ts';
import { createPrng } from '../kernel/prng.ts';
import type { Store } from '../store/types.ts';
import { Engine } from './engine.ts';
import { exportLog, importLog } from './log-file.ts';
import { canonicalState, verifyLogFile, verifyStore } from './verify.ts';

/*
 * Every byte of an exported log matters: change any one and verifyLogFile names the line's
 * seq. Tampering with the database (the log or any projection table) makes verifyStore
 * name the record it concerns. Export and import round-trip a DAO exactly.
 * Byte positions are drawn from POLITY_TEST_SEED (printed on failure).
 */
const seed = Number(process.env.POLITY_TEST_SEED ?? 20_260_101);
/** Byte positions tried per line, besides its first and last byte and its newline. */
const positionsPerLine = 30;

const dir = mkdtempSync(join(tmpdir(), 'polity-tamper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const tempFile = (): string => {
  files += 1;
  return join(dir, `log-${files}.jsonl`);
};

/** The sample DAO's log, exported once from the first backend. */
let exported: { file: string; seqs: SampleSeqs; head: { seq: number; hash: string } };

beforeAll(async () => {
  const { dao, seqs } = await openSampleDao(backends[0] as Backend);
  const file = tempFile();
  await exportLog(dao.store, file);
  exported = { file, seqs, head: dao.engine.head };
  await dao.close();
});

describe('an exported log file', () => {
  it('names the line of every changed byte', async () => {
    const original = readFileSync(exported.file);
    const prng = createPrng(seed);
    let lineStart = 0;
    let seq = 0;
    let tried = 0;
    while (lineStart < original.length) {
      seq += 1;
      const newline = original.indexOf(0x0a, lineStart);
      const positions = new Set([lineStart, newline - 1, newline]);
      while (positions.size < positionsPerLine + 3) positions.add(lineStart + prng.nextInt(newline - lineStart));
      for (const position of positions) {
        const changed = Buffer.from(original);
        let value = prng.nextInt(256);
        while (value === original[position]) value = prng.nextInt(256);
        changed[position] = value;
        const file = tempFile();
        writeFileSync(file, changed);
        const report = await verifyLogFile(file);
        const context = `seed ${seed}: byte ${position} (line ${seq}) set to ${value}: ${report.problem ?? 'accepted'}`;
        expect({ ok: report.ok, firstBadSeq: report.firstBadSeq }, context).toEqual({ ok: false, firstBadSeq: seq });
        rmSync(file);
        tried += 1;
      }
      lineStart = newline + 1;
    }
    expect(seq).toBe(exported.head.seq);
    expect(tried).toBeGreaterThanOrEqual(exported.head.seq * (positionsPerLine + 3));
  });
});

/** A projection or log change, and the record verifyStore must name for it. */
interface TamperCase {
  name: string;
  change: (seqs: SampleSeqs) => RawBuilder<unknown>;
  names: (seqs: SampleSeqs) => number;
  problem: RegExp;
}

const cases: TamperCase[] = [
  {
    name: 'a record body',
    change: (s) => sql`UPDATE log SET body_json = replace(body_json, '"amount":"1000"', '"amount":"9000"') WHERE seq = ${s.mint}`,
    names: (s) => s.mint,
    problem: /hash does not match/,
  },
  {
    name: 'a record body that is not JSON',
    change: (s) => sql`UPDATE log SET body_json = 'not json' WHERE seq = ${s.burn}`,
    names: (s) => s.burn,
    problem: /body is not JSON/,
  },
  {
    name: 'a record hash',
    change: (s) => sql`UPDATE log SET hash = ${'f'.repeat(64)} WHERE seq = ${s.post}`,
    names: (s) => s.post,
    problem: /hash does not match/,
  },
  {
    name: 'the latest balance of an account',
    change: (s) => sql`UPDATE balance_checkpoints SET balance = '100000' WHERE account_id = 'b' AND seq = ${s.burn}`,
    names: (s) => s.burn,
    problem: /account b/,
  },
  {
    name: 'an older balance checkpoint',
    change: (s) => sql`UPDATE balance_checkpoints SET balance = '1' WHERE account_id = 'a' AND seq = ${s.mint}`,
    names: (s) => s.mint,
    problem: /balance checkpoint of account a at seq \d+: balance is 1/,
  },
  {
    name: 'a deleted balance checkpoint',
    change: (s) => sql`DELETE FROM balance_checkpoints WHERE account_id = 'c' AND seq = ${s.transfers}`,
    names: (s) => s.transfers,
    problem: /account c at seq \d+: missing/,
  },
  {
    name: 'a transfer amount',
    change: () => sql`UPDATE transfers SET amount = '1' WHERE id = 't1'`,
    names: (s) => s.transfers,
    problem: /transfers row t1: amount is 1, the log says 1050/,
  },
  {
    name: 'a pending transfer resolved in the table only',
    change: () => sql`UPDATE transfers SET status = 'voided' WHERE id = 't2'`,
    names: (s) => s.post,
    problem: /transfers row t2: status/,
  },
  { name: 'an account flag', change: () => sql`UPDATE accounts SET closed = 1 WHERE id = 'b'`, names: (s) => s.accounts, problem: /accounts row b: closed/ },
  {
    name: 'an account limit',
    change: () => sql`UPDATE accounts SET max_balance = '5' WHERE id = 'alice.gold'`,
    names: (s) => s.signed,
    problem: /max_balance/,
  },
  {
    name: 'an asset supply counter',
    change: () => sql`UPDATE assets SET burned = '0' WHERE id = 'gold'`,
    names: (s) => s.burn,
    problem: /assets row gold: burned/,
  },
  {
    name: 'an NFT owner',
    change: () => sql`UPDATE nft_tokens SET owner_account_id = 'x' WHERE token_id = 'tok1'`,
    names: (s) => s.nftTransfer,
    problem: /nft_tokens row art \/ tok1/,
  },
  { name: 'an actor key', change: () => sql`UPDATE actors SET public_key = NULL WHERE id = 'alice'`, names: (s) => s.alice, problem: /actors row alice/ },
  {
    name: 'a token revoked in the table only',
    change: () => sql`UPDATE api_tokens SET revoked = 1`,
    names: () => 3,
    problem: /api_tokens row admin-bootstrap/,
  },
  {
    name: 'a revoked grant revived',
    change: () => sql`UPDATE grants SET active = 1 WHERE actor_id = 'alice'`,
    names: (s) => s.revoke,
    problem: /grants row alice/,
  },
  {
    name: 'a deleted grant',
    change: () => sql`DELETE FROM grants WHERE actor_id = 'alice'`,
    names: (s) => s.revoke,
    problem: /grants row alice .* is missing/,
  },
  {
    name: 'a forged transfer row',
    change: () =>
      sql`INSERT INTO transfers (dao_id, id, kind, asset_id, from_id, to_id, amount, pending, status, seq, time_ms) VALUES ('test', 'forged', 'transfer', 'gold', 'a', 'b', '5', 0, 'posted', 7, 0)`,
    names: () => 7,
    problem: /transfers row forged is not in the state/,
  },
];

forEachBackend((backend) => {
  /** A fresh copy of the sample DAO, imported from the exported file. */
  async function importedSample(): Promise<Store> {
    const { store } = await backend.open();
    await importLog(store, exported.file);
    return store;
  }

  it('round-trips through export and import: same head, same state, verifyStore passes', async () => {
    const { dao } = await openSampleDao(backend);
    const file = tempFile();
    await exportLog(dao.store, file);
    const { store } = await backend.open();
    expect(await importLog(store, file)).toEqual({ records: dao.engine.head.seq, headSeq: dao.engine.head.seq, headHash: dao.engine.head.hash });
    expect(await verifyStore(store)).toEqual({ ok: true, records: dao.engine.head.seq, headSeq: dao.engine.head.seq, headHash: dao.engine.head.hash });
    const reopened = await Engine.open({ store });
    expect(reopened.head).toEqual(dao.engine.head);
    expect(canonicalState(reopened.state) === canonicalState(dao.engine.state)).toBe(true);
    await expect(importLog(store, file)).rejects.toMatchObject({ code: 'store_not_empty' });
    await store.close();
    await dao.close();
  });

  it('refuses to import a file that fails verification, naming the seq, and writes nothing', async () => {
    const lines = readFileSync(exported.file, 'utf8').split('\n');
    lines[4] = (lines[4] as string).replace('"symbol":"GLD"', '"symbol":"GLX"');
    const file = tempFile();
    writeFileSync(file, lines.join('\n'));
    const { store } = await backend.open();
    await expect(importLog(store, file)).rejects.toMatchObject({ code: 'log_invalid', details: { firstBadSeq: 5 } });
    expect(await store.readLog(0, 1)).toEqual([]);
    await store.close();
  });

  it("refuses to import another DAO's log, or into a store that is not empty", async () => {
    const { store } = await backend.open('other');
    await expect(importLog(store, exported.file)).rejects.toMatchObject({ code: 'dao_mismatch' });
    expect(await store.readLog(0, 1)).toEqual([]);
    await store.close();
    const imported = await importedSample();
    await expect(importLog(imported, exported.file)).rejects.toMatchObject({ code: 'store_not_empty' });
    await imported.close();
  });

  it('refuses to export a stored log whose seqs do not grow, instead of looping', async () => {
    const store = await importedSample();
    await sql`UPDATE log SET body_json = replace(body_json, ${`"seq":${exported.seqs.burn},`}, '"seq":2,') WHERE seq = ${exported.seqs.burn}`.execute(store.db);
    await expect(exportLog(store, tempFile())).rejects.toMatchObject({ code: 'log_corrupt' });
    expect((await verifyStore(store)).firstBadSeq).toBe(exported.seqs.burn);
    await store.close();
  });

  it.each(cases)('names the record for a tampered $name', async ({ change, names, problem }) => {
    const store = await importedSample();
    expect((await verifyStore(store)).ok).toBe(true);
    await change(exported.seqs).execute(store.db);
    const report = await verifyStore(store);
    expect(report, report.problem).toMatchObject({ ok: false, firstBadSeq: names(exported.seqs) });
    expect(report.problem).toMatch(problem);
    await store.close();
  });

  it('names the record on a store the engine wrote, not only on an imported one', async () => {
    const { dao, seqs } = await openSampleDao(backend);
    await sql`UPDATE balance_checkpoints SET balance = '7' WHERE account_id = 'alice.gold'`.execute(dao.store.db);
    expect(await verifyStore(dao.store)).toMatchObject({ ok: false, firstBadSeq: seqs.signed });
    await dao.close();
  });
});
