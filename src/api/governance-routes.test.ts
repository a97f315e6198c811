import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend, openTestDao, type TestDao } from '../../test/support/backends.ts';
import { generateKeyPair, type KeyPair, signedText, signText } from '../access/signature.ts';
import { tallyExport } from '../cli/tally.ts';
import { type Keeper, startKeeper } from '../engine/keeper.ts';
import { applyGenesis } from '../genesis/apply.ts';
import { genesisSteps } from '../genesis/build.ts';
import { loadGenesisConfig } from '../genesis/config.ts';
import { VirtualClock } from '../kernel/clock.ts';
import { buildServer } from './server.ts';
import { TestClient } from './test-client.ts';

const dayMs = 86_400_000;

/**
 * The README's walk-through, through the HTTP API: a DAO from examples/btt.yaml, members
 * funded from the community fund, a treasury proposal discussed and amended, signed votes with
 * one member delegating, the keeper starting the vote and executing after the timelock; then
 * the ballots exported and re-tallied offline to the same result.
 */
forEachBackend((backend) => {
  describe('governance over HTTP', () => {
    let dao: TestDao;
    let app: Awaited<ReturnType<typeof buildServer>>;
    let admin: TestClient;
    let keeper: Keeper;
    const clock = new VirtualClock(Date.UTC(2025, 0, 1));
    const keys = new Map<string, KeyPair>();
    const tokens = new Map<string, string>();

    beforeAll(async () => {
      dao = await openTestDao(backend, { clock });
      await applyGenesis(dao.engine, dao.admin, genesisSteps(loadGenesisConfig(join(import.meta.dirname, '..', '..', 'examples', 'btt.yaml'))));
      app = await buildServer({ engine: dao.engine, logger: false });
      admin = new TestClient(app, dao.adminToken);
      keeper = startKeeper(dao.engine, { intervalMs: 3_600_000 });
      const holdings: Record<string, string> = { alice: '400000', bob: '300000', carol: '200000' };
      for (const [member, amount] of Object.entries(holdings)) {
        const pair = generateKeyPair();
        keys.set(member, pair);
        expect((await admin.post('/v1/actors', { id: member, kind: 'member', publicKey: pair.publicKey })).status).toBe(201);
        expect((await admin.post('/v1/accounts', { accounts: [{ id: member, asset: 'BTT', owner: member }] })).status).toBe(200);
        const funded = await admin.post('/v1/commands', { type: 'treasury.spend', payload: { id: `grant-${member}`, fund: 'community', to: member, amount } });
        expect(funded.status, funded.text).toBe(200);
        const token = await admin.post<{ token: string }>('/v1/tokens', { actorId: member });
        tokens.set(member, token.body.token);
      }
    });

    afterAll(async () => {
      keeper.stop();
      await app.close();
      await dao.close();
    });

    const as = (member: string) => admin.as(tokens.get(member));
    const command = (member: string, type: string, payload: unknown) => as(member).post('/v1/commands', { type, payload });
    function signed(member: string, type: string, payload: unknown) {
      const signature = signText(keys.get(member) as KeyPair, signedText(dao.engine.daoId, member, type, payload));
      return as(member).post('/v1/commands', { type, payload, signature });
    }

    it('from draft to executed, the keeper moving it on, and the treasury paying once', async () => {
      expect((await command('carol', 'power.delegate', { delegations: [{ delegate: 'bob', percent: '100' }] })).status).toBe(200);
      const spend = { type: 'treasury.spend', payload: { id: 'docs-grant', fund: 'ecosystem', to: 'alice', amount: '50000' } };
      expect(
        (await command('alice', 'governance.create', { id: 'docs', title: 'Docs', body: 'Write the docs.', category: 'treasury', actions: [spend] })).status,
      ).toBe(200);
      expect((await command('bob', 'governance.comment', { proposal: 'docs', id: 'c1', text: 'Fine by me.' })).status).toBe(200);
      expect((await command('alice', 'governance.amend', { proposal: 'docs', title: 'Docs and examples', body: 'Write both.' })).status).toBe(200);
      expect((await command('alice', 'governance.submit', { proposal: 'docs' })).status).toBe(200);
      clock.advanceMs(3 * dayMs);
      await keeper.tick(); // the discussion is over: the keeper starts the vote
      const opened = await admin.get<{ snapshot: { seq: number }; state: { status: string } }>('/v1/proposals/docs');
      expect(opened.body.state.status).toBe('voting');
      const snapshotSeq = opened.body.snapshot.seq;
      for (const [member, choice] of [
        ['alice', 1],
        ['bob', 1],
      ] as const) {
        const cast = await signed(member, 'governance.vote', { proposal: 'docs', choice, snapshotSeq, castAtMs: clock.nowMs() });
        expect(cast.status, cast.text).toBe(200);
      }
      const forged = await as('bob').post('/v1/commands', {
        type: 'governance.vote',
        payload: { proposal: 'docs', choice: 2, snapshotSeq, castAtMs: clock.nowMs() + 1 },
        signature: signText(keys.get('alice') as KeyPair, 'not the ballot'),
      });
      expect([forged.status, forged.body.code]).toEqual([401, 'signature_invalid']);
      clock.advanceMs(7 * dayMs);
      const decided = await admin.get<{ state: { status: string; tally: unknown } }>('/v1/proposals/docs');
      expect(decided.body.state.status).toBe('queued');
      // alice 400,000; bob 300,000 + carol's 200,000; in tokens, as `polity tally --json` prints them
      expect(decided.body.state.tally).toEqual({ type: 'basic', scores: ['900000', '0', '0'], total: '900000', winner: 1, invalid: [] });
      const ecosystemBefore = dao.engine.state.ledger.accounts.get('@treasury.ecosystem')?.creditsPostedUnits ?? 0n;
      clock.advanceMs(2 * dayMs);
      await keeper.tick(); // the timelock is over: auto-execution
      const done = await admin.get<{ state: { status: string } }>('/v1/proposals/docs');
      expect(done.body.state.status).toBe('executed');
      const alice = await admin.get<{ balance: string }>('/v1/accounts/alice');
      expect(alice.body.balance).toBe('450000');
      expect(dao.engine.state.ledger.accounts.get('@treasury.ecosystem')?.creditsPostedUnits).toBe(ecosystemBefore);
    });

    it('exports the signed ballots, and an offline re-tally gives the same scores; a tampered ballot is named', async () => {
      const exported = await admin.get<Parameters<typeof tallyExport>[0]>('/v1/proposals/docs/ballots');
      expect(exported.status).toBe(200);
      expect(exported.body.ballots).toHaveLength(2);
      expect(tallyExport(exported.body)).toMatchObject({ type: 'basic', scores: ['900000', '0', '0'], total: '900000', winner: 1, invalid: [] });
      const tampered = structuredClone(exported.body);
      const first = tampered.ballots[0];
      if (first?.command) first.command.payload.choice = 2;
      if (first) first.choice = 2;
      const retallied = tallyExport(tampered);
      expect(retallied.invalid).toEqual([{ voter: first?.voter, reason: 'signature_invalid' }]);
    });

    it('POST /v1/ballots relays signed ballots, one status each: counted, or why not', async () => {
      expect((await command('alice', 'governance.create', { id: 'relay', title: 'Relay', body: '', category: 'general' })).status).toBe(200);
      expect((await command('alice', 'governance.submit', { proposal: 'relay' })).status).toBe(200);
      clock.advanceMs(2 * dayMs);
      await keeper.tick();
      const snapshotSeq = (await admin.get<{ snapshot: { seq: number } }>('/v1/proposals/relay')).body.snapshot.seq;
      const ballot = (member: string, choice: number, signer = member) => {
        const payload = { proposal: 'relay', choice, snapshotSeq, castAtMs: clock.nowMs() };
        return { voter: member, payload, signature: signText(keys.get(signer) as KeyPair, signedText(dao.engine.daoId, member, 'governance.vote', payload)) };
      };
      const relayed = await admin.post<{ results: { voter: string; status: string }[] }>('/v1/ballots', {
        ballots: [ballot('alice', 1), ballot('bob', 2, 'alice')],
      });
      expect(relayed.status).toBe(200);
      expect(relayed.body.results.map((result) => [result.voter, result.status])).toEqual([
        ['alice', 'counted'],
        ['bob', 'signature_invalid'],
      ]);
      expect(dao.engine.state.modules.governance.proposals.get('relay')?.ballots.has('bob')).toBe(false);
    });

    it('a secret vote: ballots, tally and the log records of its ballots stay hidden until voting closes', async () => {
      expect((await command('alice', 'governance.create', { id: 'hush', title: 'Hush', body: '', category: 'general', secret: true })).status).toBe(200);
      expect((await command('alice', 'governance.submit', { proposal: 'hush' })).status).toBe(200);
      clock.advanceMs(2 * dayMs);
      await keeper.tick();
      const opened = await admin.get<{ snapshot: { seq: number } }>('/v1/proposals/hush');
      const snapshotSeq = opened.body.snapshot.seq;
      const cast = await signed('bob', 'governance.vote', { proposal: 'hush', choice: 2, snapshotSeq, castAtMs: clock.nowMs() });
      expect(cast.status, cast.text).toBe(200);
      const seq = dao.engine.state.modules.governance.proposals.get('hush')?.ballots.get('bob')?.seq ?? 0;
      type Page = {
        records: {
          seq: number;
          command: { payload: Record<string, unknown>; signature?: string };
          events: unknown[];
          withheld?: string;
          hash: string;
          prevHash: string;
        }[];
      };
      const logged = async () => (await admin.get<Page>(`/v1/log?after=${seq - 1}&limit=1`)).body.records[0];
      const open = await admin.get<{ state: { status: string; tally?: unknown }; ballots: unknown; ballotCount: number }>('/v1/proposals/hush');
      expect([open.body.state.status, open.body.state.tally, open.body.ballots, open.body.ballotCount]).toEqual(['voting', undefined, null, 1]);
      expect((await admin.get<{ code: string }>('/v1/proposals/hush/ballots')).body.code).toBe('ballots_secret');
      const hidden = await logged();
      expect(hidden).toMatchObject({ seq, withheld: 'secret_ballot', command: { payload: { proposal: 'hush' } }, events: [] });
      expect(hidden?.command.payload.choice).toBeUndefined();
      expect(hidden?.command.signature).toBeUndefined();
      clock.advanceMs(7 * dayMs); // voting is over: everything is shown, and the record's hash checks again
      const shown = await logged();
      expect(shown?.withheld).toBeUndefined();
      expect([shown?.command.payload.choice, typeof shown?.command.signature, shown?.hash]).toEqual([2, 'string', hidden?.hash]);
      const closed = await admin.get<{ state: { status: string; tally: { scores: string[] } } }>('/v1/proposals/hush');
      expect(closed.body.state.tally.scores[1]).toBe('500000'); // bob 300,000 + carol's delegated 200,000
    });

    it('a quadratic-credits tally shows whole votes, and its total in tokens', async () => {
      const create = { id: 'credits', title: 'Credits', body: '', category: 'general', ballotType: 'quadratic-credits', choices: ['A', 'B'] };
      expect((await command('alice', 'governance.create', create)).status).toBe(200);
      expect((await command('alice', 'governance.submit', { proposal: 'credits' })).status).toBe(200);
      clock.advanceMs(2 * dayMs);
      await keeper.tick();
      const opened = await admin.get<{ snapshot: { seq: number } }>('/v1/proposals/credits');
      // 40,000 and 90,000 tokens of alice's 450,000 (the docs grant included) as credits: isqrt(4 * 10^22) = 2 * 10^11 and isqrt(9 * 10^22) = 3 * 10^11 votes.
      const choice = { '1': (40_000n * 10n ** 18n).toString(), '2': (90_000n * 10n ** 18n).toString() };
      const cast = await signed('alice', 'governance.vote', { proposal: 'credits', choice, snapshotSeq: opened.body.snapshot.seq, castAtMs: clock.nowMs() });
      expect(cast.status, cast.text).toBe(200);
      const read = await admin.get<{ state: { tally: unknown } }>('/v1/proposals/credits');
      expect(read.body.state.tally).toEqual({ type: 'quadratic-credits', scores: ['200000000000', '300000000000'], total: '450000', winner: 2, invalid: [] });
    });

    it('reads multisig sets and transactions, committees and the constitution', async () => {
      const set = { id: 'exec', signers: ['alice', 'bob'], threshold: 2, funds: ['ecosystem'], maxAmount: '10000' };
      expect((await admin.post('/v1/commands', { type: 'multisig.set_signers', payload: set })).status).toBe(200);
      expect((await command('alice', 'multisig.propose', { id: 'tx1', set: 'exec', fund: 'ecosystem', to: 'alice', amount: '500' })).status).toBe(200);
      expect((await command('bob', 'multisig.approve', { id: 'tx1' })).status).toBe(200);
      const multisig = await admin.get<{ transactions: { id: string; status: string }[] }>('/v1/multisig');
      expect(multisig.body.transactions.map((tx) => [tx.id, tx.status])).toEqual([['tx1', 'executed']]);
      const rules = [{ kind: 'income_reserve', id: 'education', label: 'Education', fund: 'foundation', percent: '8' }];
      expect((await admin.post('/v1/commands', { type: 'constitution.set_rules', payload: { rules } })).status).toBe(200);
      const constitution = await admin.get<{ version: number; rules: unknown[] }>('/v1/constitution');
      expect(constitution.body).toMatchObject({ version: 1, rules });
      expect((await admin.get('/v1/committees')).body).toEqual({ committees: [], elections: [] });
    });
  });
});
