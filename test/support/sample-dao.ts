import { generateKeyPair, type KeyPair, signedText, signText } from '../../src/access/signature.ts';
import type { CommandEnvelope, Principal } from '../../src/engine/types.ts';
import { VirtualClock } from '../../src/kernel/clock.ts';
import { type Backend, openTestDao, type TestDao } from './backends.ts';

/** Where each step of the sample landed in the log. */
export interface SampleSeqs {
  alice: number;
  gold: number;
  art: number;
  accounts: number;
  signed: number;
  mint: number;
  transfers: number;
  post: number;
  burn: number;
  nftMint: number;
  nftTransfer: number;
  grant: number;
  revoke: number;
  /** The last record. */
  close: number;
}

export interface SampleDao {
  dao: TestDao;
  clock: VirtualClock;
  seqs: SampleSeqs;
  aliceKeys: KeyPair;
}

/**
 * A small DAO whose log (17 records) touches every projection table: the bootstrap admin
 * and its API token, a member with a key who signs a command, a fungible asset and an NFT
 * class, mints, a transfer batch with a pending transfer posted in part, a burn, an NFT
 * mint and transfer, a grant given and revoked, a closed account (the last record), a
 * command sent with a token. Accounts: a (funded), b, c, d (closed), alice.gold; NFT accounts x, y.
 */
export async function openSampleDao(backend: Backend, options: { snapshotEveryRecords?: number } = {}): Promise<SampleDao> {
  const clock = new VirtualClock();
  const dao = await openTestDao(backend, { clock, ...options });
  const aliceKeys = generateKeyPair();
  const run = async (envelope: CommandEnvelope, principal: Principal = dao.admin): Promise<number> => {
    clock.advanceMs(1_000);
    const outcome = await dao.engine.submit(principal, envelope);
    if (!outcome.ok || outcome.seq === undefined) throw new Error(`sample step ${envelope.type} failed: ${JSON.stringify(outcome)}`);
    return outcome.seq;
  };
  const signed = (actorId: string, type: string, payload: unknown): CommandEnvelope => ({
    type,
    payload,
    signature: signText(aliceKeys, signedText(dao.engine.daoId, actorId, type, payload)),
  });
  const alice = await run({ type: 'access.create_actor', payload: { id: 'alice', kind: 'member', publicKey: aliceKeys.publicKey } });
  const gold = await run({ type: 'ledger.create_asset', payload: { id: 'gold', kind: 'fungible', symbol: 'GLD', decimals: 2 } });
  const art = await run({ type: 'ledger.create_asset', payload: { id: 'art', kind: 'non_fungible', symbol: 'ART' } });
  const accounts = await run({
    type: 'ledger.create_accounts',
    payload: { accounts: ['a', 'b', 'c', 'd'].map((id) => ({ id, asset: 'gold' })).concat(['x', 'y'].map((id) => ({ id, asset: 'art' }))) },
  });
  const signedStep = await run(signed('alice', 'ledger.create_accounts', { accounts: [{ id: 'alice.gold', asset: 'gold' }] }), { actorId: 'alice' });
  const mint = await run({ type: 'ledger.mint', payload: { id: 'm1', asset: 'gold', to: 'a', amount: '1000' } }, { ...dao.admin, tokenId: 'admin-bootstrap' });
  const transfers = await run({
    type: 'ledger.create_transfers',
    payload: {
      transfers: [
        { id: 't1', from: 'a', to: 'b', amount: '10.5' },
        { id: 't2', from: 'a', to: 'c', amount: '5', pending: true, timeoutSeconds: 3600 },
        { id: 't3', from: 'a', to: 'alice.gold', amount: '1', memo: 'welcome' },
      ],
    },
  });
  const post = await run({ type: 'ledger.post_pending', payload: { pendingId: 't2', amount: '2.5' } });
  const burn = await run({ type: 'ledger.burn', payload: { id: 'b1', from: 'b', amount: '3' } });
  const nftMint = await run({ type: 'ledger.mint', payload: { id: 'n1', asset: 'art', to: 'x', tokenId: 'tok1' } });
  const nftTransfer = await run({ type: 'ledger.create_transfers', payload: { transfers: [{ id: 'n2', from: 'x', to: 'y', tokenId: 'tok1' }] } });
  const grantPayload = { actorId: 'alice', action: 'ledger.mint', resource: 'asset:gold' };
  const grant = await run({ type: 'access.grant', payload: grantPayload });
  const revoke = await run({ type: 'access.revoke', payload: grantPayload });
  const close = await run({ type: 'ledger.close_account', payload: { id: 'd' } });
  const seqs = { alice, gold, art, accounts, signed: signedStep, mint, transfers, post, burn, nftMint, nftTransfer, grant, revoke, close };
  return { dao, clock, seqs, aliceKeys };
}
