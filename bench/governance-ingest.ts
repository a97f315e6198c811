/**
 * Signed-ballot ingestion over HTTP: a DAO on a temporary SQLite file (synchronous=FULL, as
 * in production), N members each with an Ed25519 key, a token and a balance, one open
 * proposal; every member's ballot is signed beforehand and then sent as its own
 * `POST /v1/commands` over a real socket, `concurrency` in flight. The figure is ballots
 * acknowledged (durable) per second.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapAdmin } from '../src/access/bootstrap.ts';
import { generateKeyPair, type KeyPair, signedText, signText } from '../src/access/signature.ts';
import { issueToken } from '../src/access/tokens.ts';
import { buildServer } from '../src/api/server.ts';
import { resolveVerifyThreads } from '../src/cli/config.ts';
import { Engine } from '../src/engine/engine.ts';
import type { Principal } from '../src/engine/types.ts';
import { VirtualClock } from '../src/kernel/clock.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { startTsWorker } from './ts-worker.ts';

export interface IngestResult {
  ballots: number;
  verifyThreads: number;
  batch: number;
  concurrency: number;
  seconds: number;
  ballotsPerSecond: number;
  accepted: number;
}

interface Voter {
  id: string;
  keys: KeyPair;
  bearer: string;
}

async function must(engine: Engine, principal: Principal, type: string, payload: unknown): Promise<void> {
  const outcome = await engine.submit(principal, { type, payload });
  if (!outcome.ok) throw new Error(`${type}: ${outcome.code} ${outcome.message}`);
}

/** Members, balances, a category and a proposal in voting; returns the voters and the snapshot seq. */
async function setUp(engine: Engine, admin: Principal, count: number, clock: VirtualClock): Promise<{ voters: Voter[]; snapshotSeq: number }> {
  await must(engine, admin, 'ledger.create_asset', { id: 'GOV', kind: 'fungible', symbol: 'GOV', decimals: 0 });
  await must(engine, admin, 'economy.configure', { governanceToken: 'GOV' });
  await must(engine, admin, 'power.track', { asset: 'GOV' });
  const voters: Voter[] = Array.from({ length: count }, (_, index) => {
    const id = `v${index}`;
    const token = issueToken(`t${index}`);
    return { id, keys: generateKeyPair(), bearer: token.bearer, secretHash: token.secretHash, tokenId: token.tokenId } as Voter & {
      secretHash: string;
      tokenId: string;
    };
  });
  await Promise.all(
    voters.map((voter) => {
      const extra = voter as Voter & { secretHash: string; tokenId: string };
      return must(engine, admin, 'access.create_actor', { id: voter.id, kind: 'member', publicKey: voter.keys.publicKey }).then(() =>
        must(engine, admin, 'access.create_token', { id: extra.tokenId, actorId: voter.id, secretHash: extra.secretHash, scopes: ['*'] }),
      );
    }),
  );
  for (let start = 0; start < count; start += 4_000) {
    const slice = voters.slice(start, start + 4_000);
    await must(engine, admin, 'ledger.create_accounts', { accounts: slice.map((voter) => ({ id: voter.id, asset: 'GOV', owner: voter.id })) });
    await Promise.all(
      slice.map((voter, index) =>
        must(engine, admin, 'ledger.mint', { id: `m${start + index}`, asset: 'GOV', to: voter.id, amount: String(1 + ((start + index) % 100)) }),
      ),
    );
  }
  const category = {
    id: 'bench',
    discussionSeconds: 0,
    votingSeconds: 86_400,
    timelockSeconds: 0,
    gracePeriodSeconds: 86_400,
    quorumPercent: '1',
    supportPercent: '50',
  };
  await must(engine, admin, 'governance.set_category', { ...category, strategy: { kind: 'token', asset: 'GOV' } });
  await must(engine, admin, 'governance.create', { id: 'p', title: 'Bench', body: '', category: 'bench' });
  await must(engine, admin, 'governance.submit', { proposal: 'p' });
  clock.advanceMs(1_000);
  await must(engine, admin, 'governance.start_voting', { proposal: 'p' });
  return { voters, snapshotSeq: engine.state.modules.governance.proposals.get('p')?.snapshot?.seq ?? 0 };
}

/** `batch` 1 sends each ballot as its own POST /v1/commands; more relays that many per POST /v1/ballots. */
export async function ingestBenchmark(ballots = 20_000, concurrency = 64, log: (line: string) => void = () => {}, batch = 1): Promise<IngestResult> {
  const dir = mkdtempSync(join(tmpdir(), 'polity-bench-gov-'));
  const clock = new VirtualClock(Date.now());
  const store = await openSqliteStore({ file: join(dir, 'polity.sqlite'), daoId: 'bench' });
  // Signatures are checked as `polity serve` checks them: on $POLITY_VERIFY_THREADS threads.
  const verifyThreads = resolveVerifyThreads();
  const engine = await Engine.open({ store, clock, snapshotOnClose: false, verifyThreads });
  const app = await buildServer({ engine, logger: false });
  try {
    const { adminId, adminToken } = await bootstrapAdmin(engine);
    log(`setting up ${ballots} members ...`);
    const { voters, snapshotSeq } = await setUp(engine, { actorId: adminId }, ballots, clock);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const signedBallots = voters.map((voter, index) => {
      const payload = { proposal: 'p', choice: 1 + (index % 3), snapshotSeq, castAtMs: clock.nowMs() };
      return { voter, payload, signature: signText(voter.keys, signedText(engine.daoId, voter.id, 'governance.vote', payload)) };
    });
    const items =
      batch === 1
        ? signedBallots.map(({ voter, payload, signature }) => ({
            bearer: voter.bearer,
            body: JSON.stringify({ type: 'governance.vote', payload, signature }),
            count: 1,
          }))
        : Array.from({ length: Math.ceil(signedBallots.length / batch) }, (_, index) => {
            const slice = signedBallots.slice(index * batch, (index + 1) * batch);
            const body = JSON.stringify({ ballots: slice.map(({ voter, payload, signature }) => ({ voter: voter.id, payload, signature })) });
            return { bearer: adminToken, body, count: slice.length };
          });
    log(`sending ${ballots} signed ballots${batch === 1 ? ', one per request' : `, ${batch} per request`}, ${concurrency} requests in flight ...`);
    const worker = startTsWorker(new URL('./governance-client.ts', import.meta.url), {
      url: address,
      path: batch === 1 ? '/v1/commands' : '/v1/ballots',
      items,
      concurrency,
    });
    const done = await new Promise<{ accepted: number; seconds: number; firstError?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    if (done.firstError) log(`first refusal: ${done.firstError}`);
    const { accepted, seconds } = done;
    return { ballots, verifyThreads, batch, concurrency, seconds: Number(seconds.toFixed(3)), ballotsPerSecond: Math.round(ballots / seconds), accepted };
  } finally {
    await app.close();
    await engine.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
