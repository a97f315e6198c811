import type { KeyPair } from '../../src/access/signature.ts';
import type { LedgerWorld } from './ledger-world.ts';

/** The power of the AI DAO paper's two chambers, both tracked: deposit receipts (venture) and governance tokens. */
export interface ChamberAssets {
  receipts: string;
  gov: string;
}

export async function chamberAssets(w: LedgerWorld): Promise<ChamberAssets> {
  const receipts = await w.asset({ decimals: 0 }); // one unit per unit of value deposited
  const gov = await w.asset({ decimals: 0 });
  await w.ok('power.track', { asset: receipts });
  await w.ok('power.track', { asset: gov });
  return { receipts, gov };
}

/**
 * Members of both chambers, each with its key in `keys` under its actor id, `name(member)`:
 * venture v1 60 and v2 40 receipts (v2 delegates all to v1); governance g1 50, g2 30 and g3 20
 * tokens (g3 delegates all to g1).
 */
export async function delegatingChamberMembers(
  w: LedgerWorld,
  keys: Map<string, KeyPair>,
  name: (member: string) => string = (member) => member,
): Promise<ChamberAssets> {
  const assets = await chamberAssets(w);
  const { receipts, gov } = assets;
  const holdings: [string, string, string][] = [
    ['v1', receipts, '60'],
    ['v2', receipts, '40'],
    ['g1', gov, '50'],
    ['g2', gov, '30'],
    ['g3', gov, '20'],
  ];
  for (const [member, assetId, amount] of holdings) keys.set(name(member), await w.keyedMember(name(member), assetId, amount));
  await w.ok('power.delegate', { delegations: [{ delegate: name('v1'), percent: '100' }] }, { actorId: name('v2') });
  await w.ok('power.delegate', { delegations: [{ delegate: name('g1'), percent: '100' }] }, { actorId: name('g3') });
  return assets;
}

/**
 * A `governance.set_category` payload whose votes two chambers decide, venture (weight 60, on
 * receipts) and governance (weight 40, on tokens): a day's vote, no timelock, a 10 % quorum
 * in each chamber, 50 % support; `options` add to it or replace.
 */
export function chamberedCategory(id: string, { receipts, gov }: ChamberAssets, options: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    discussionSeconds: 0,
    votingSeconds: 86_400,
    timelockSeconds: 0,
    gracePeriodSeconds: 86_400,
    quorumPercent: '10',
    supportPercent: '50',
    strategy: { kind: 'token', asset: gov },
    chambers: [
      { id: 'venture', weight: '60', strategy: { kind: 'token', asset: receipts } },
      { id: 'governance', weight: '40', strategy: { kind: 'token', asset: gov } },
    ],
    ...options,
  };
}
