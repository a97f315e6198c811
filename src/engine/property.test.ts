import fc from 'fast-check';
import { expect, it } from 'vitest';
import { type Backend, forEachBackend, openTestDao, type TestDao } from '../../test/support/backends.ts';
import { systemActorId } from '../access/state.ts';
import { VirtualClock } from '../kernel/clock.ts';
import { isPolityError } from '../kernel/errors.ts';
import type { ItemResult } from '../ledger/index.ts';
import { Engine, type SubmitOutcome } from './engine.ts';
import { checkLedgerInvariants } from './invariants.ts';
import { encodeSnapshot } from './snapshot.ts';
import type { Principal } from './types.ts';
import { canonicalState, verifyStore } from './verify.ts';

/*
 * Random command streams through a real Engine on a real store. After every command: the
 * ledger invariants hold, a rejected command changes nothing, and resubmitting an earlier
 * accepted item answers `exists` and changes nothing. At the end the store is reopened and
 * must give the same state and head, and verifyStore must pass.
 * Reproduce a failure with POLITY_TEST_SEED=<seed> (the seed is in the failure message);
 * POLITY_TEST_RUNS=<n> searches longer, POLITY_TEST_SHRINK=1 shrinks a counterexample.
 */
const seed = Number(process.env.POLITY_TEST_SEED ?? 20_260_101);
const budget = { sqlite: { numRuns: 20, ops: 40 }, postgres: { numRuns: 5, ops: 30 } } as const;

type AmountGen = { whole: number; frac: string; precise: boolean } | 'huge';
type Reuse = 'none' | 'prevSame' | 'prevId' | 'old';
interface ItemGen {
  asset: number;
  from: number;
  to: number;
  cross: boolean;
  amount: AmountGen;
  pending: boolean;
  timeout: number | undefined;
  linked: boolean;
  reuse: Reuse;
}
type Op =
  | { kind: 'mint'; asset: number; to: number; cross: boolean; amount: AmountGen }
  | { kind: 'burn'; asset: number; from: number; amount: AmountGen; member: boolean }
  | { kind: 'transfers'; items: ItemGen[]; member: boolean }
  | { kind: 'resolve'; post: boolean; pick: number; amount: AmountGen | undefined; member: boolean }
  | { kind: 'nft'; soulbound: boolean; action: 'mint' | 'transfer' | 'burn'; token: number; from: number; to: number }
  | { kind: 'close'; account: number; member: boolean }
  | { kind: 'advance'; seconds: number }
  | { kind: 'conflict'; pick: number };
interface AssetGen {
  decimals: number;
  cap: number | undefined;
  fixed: boolean;
}
interface AccountGen {
  overdraft: 'none' | 'unlimited' | 'limited';
  limit: number;
  maxBalance: number | undefined;
  member: boolean;
}
interface Scenario {
  assets: AssetGen[];
  accounts: AccountGen[];
  snapshotEvery: number;
  steps: { op: Op; recheck: number }[];
}

/** Mostly small amounts, so that most transfers can be paid; some large, too precise or too large. */
const wholeArb = fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 12 }) }, { weight: 1, arbitrary: fc.nat({ max: 400 }) });
const amountArb: fc.Arbitrary<AmountGen> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ whole: wholeArb, frac: fc.stringMatching(/^[0-9]{0,19}$/), precise: fc.constant(false) }) },
  { weight: 1, arbitrary: fc.record({ whole: fc.nat({ max: 5 }), frac: fc.stringMatching(/^[0-9]{0,19}$/), precise: fc.constant(true) }) },
  { weight: 1, arbitrary: fc.constant('huge' as const) },
);
const index = fc.nat({ max: 1000 });
/** True about one time in ten. */
const rarely = fc.integer({ min: 0, max: 9 }).map((n) => n === 0);
const itemArb: fc.Arbitrary<ItemGen> = fc.record({
  asset: index,
  from: index,
  to: index,
  cross: rarely,
  amount: amountArb,
  pending: fc.boolean(),
  timeout: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
  linked: fc.nat({ max: 3 }).map((n) => n === 0),
  reuse: fc.oneof({ weight: 12, arbitrary: fc.constant<Reuse>('none') }, fc.constantFrom<Reuse>('prevSame', 'prevId', 'old')),
});

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('mint' as const), asset: index, to: index, cross: rarely, amount: amountArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('burn' as const), asset: index, from: index, amount: amountArb, member: rarely }) },
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('transfers' as const),
      items: fc.array(itemArb, { minLength: 1, maxLength: 5 }),
      member: fc.nat({ max: 3 }).map((n) => n === 0),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('resolve' as const),
      post: fc.boolean(),
      pick: index,
      amount: fc.option(amountArb, { nil: undefined }),
      member: rarely,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('nft' as const),
      soulbound: fc.boolean(),
      action: fc.constantFrom('mint' as const, 'mint' as const, 'transfer' as const, 'burn' as const),
      token: fc.nat({ max: 4 }),
      from: index,
      to: index,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), account: index, member: rarely }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), seconds: fc.nat({ max: 400 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('conflict' as const), pick: index }) },
);

const accountsPerAsset = 4;

const scenarioArb = (ops: number): fc.Arbitrary<Scenario> =>
  fc.record({
    assets: fc.array(
      fc.record({ decimals: fc.integer({ min: 0, max: 18 }), cap: fc.option(fc.integer({ min: 50, max: 3000 }), { nil: undefined }), fixed: fc.boolean() }),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    accounts: fc.array(
      fc.record({
        overdraft: fc.constantFrom<AccountGen['overdraft']>('none', 'none', 'none', 'unlimited', 'limited'),
        limit: fc.nat({ max: 200 }),
        maxBalance: fc.option(fc.integer({ min: 20, max: 600 }), { nil: undefined }),
        member: fc.boolean(),
      }),
      { minLength: 3 * accountsPerAsset, maxLength: 3 * accountsPerAsset },
    ),
    snapshotEvery: fc.constantFrom(5, 1_000),
    steps: fc.array(fc.record({ op: opArb, recheck: index }), { minLength: ops, maxLength: ops }),
  });

function renderAmount(gen: AmountGen, decimals: number): string {
  if (gen === 'huge') return `1${'0'.repeat(45)}`; // above any amount Polity stores
  const digits = gen.precise ? gen.frac.padEnd(decimals + 1, '7').slice(0, decimals + 1) : gen.frac.slice(0, decimals);
  return digits ? `${gen.whole}.${digits}` : String(gen.whole);
}

interface Command {
  principal: Principal;
  type: string;
  payload: Record<string, unknown>;
}

interface Before {
  state: string;
  head: { seq: number; hash: string };
  transfers: number;
  accounts: number;
}

const admin: Principal = { actorId: 'admin' };
/** The member acts through an API token with a spending cap on the first asset. */
const member: Principal = { actorId: 'member', tokenId: 'member-token' };

/** One scenario against one fresh DAO. */
class Run {
  /** Accepted single-item commands: resubmitting any of them must answer `exists`. */
  private readonly accepted: Command[] = [];
  private readonly assets: { id: string; decimals: number }[] = [];
  private readonly accountsByAsset: string[][] = [];
  private counter = 0;

  constructor(
    private readonly dao: TestDao,
    private readonly clock: VirtualClock,
  ) {}

  get engine(): Engine {
    return this.dao.engine;
  }

  async setup(scenario: Scenario): Promise<void> {
    await this.execute({ principal: admin, type: 'access.create_actor', payload: { id: 'member', kind: 'member' } }, 0);
    for (const [i, gen] of scenario.assets.entries()) {
      const payload: Record<string, unknown> = { id: `coin${i}`, kind: 'fungible', symbol: `C${i}`, decimals: gen.decimals };
      if (gen.cap !== undefined) Object.assign(payload, { maxSupply: String(gen.cap), supply: gen.fixed ? 'fixed' : 'mintable' });
      await this.execute({ principal: admin, type: 'ledger.create_asset', payload }, i);
      this.assets.push({ id: `coin${i}`, decimals: gen.decimals });
    }
    await this.execute({ principal: admin, type: 'ledger.create_asset', payload: { id: 'art', kind: 'non_fungible', symbol: 'ART' } }, 1);
    await this.execute(
      { principal: admin, type: 'ledger.create_asset', payload: { id: 'badge', kind: 'non_fungible', symbol: 'BDG', transferable: false } },
      2,
    );
    this.assets.push({ id: 'art', decimals: 0 }, { id: 'badge', decimals: 0 });
    const items = this.assets.flatMap((asset, i) =>
      Array.from({ length: accountsPerAsset }, (_unused, j) =>
        accountItem(asset.id, `${asset.id}.${j}`, i < scenario.assets.length ? scenario.accounts[i * accountsPerAsset + j] : undefined),
      ),
    );
    for (const asset of this.assets) this.accountsByAsset.push(items.filter((item) => item.asset === asset.id).map((item) => String(item.id)));
    await this.execute({ principal: admin, type: 'ledger.create_accounts', payload: { accounts: items } }, 3);
    const spendingCap = { asset: 'coin0', amount: '50', periodSeconds: 120 };
    const token = { id: 'member-token', actorId: 'member', secretHash: '0'.repeat(64), scopes: ['ledger'], spendingCap };
    await this.execute({ principal: admin, type: 'access.create_token', payload: token }, 4);
  }

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  fungible(n: number): { id: string; decimals: number; accounts: string[] } {
    const at = n % (this.assets.length - 2);
    const asset = this.assets[at] as { id: string; decimals: number };
    return { ...asset, accounts: this.accountsByAsset[at] ?? [] };
  }

  nft(soulbound: boolean): string[] {
    return this.accountsByAsset[this.assets.length - (soulbound ? 1 : 2)] ?? [];
  }

  anyAccount(n: number): string {
    const all = this.accountsByAsset.flat();
    return all[n % all.length] as string;
  }

  /** The command an op stands for, against what exists now. */
  build(op: Op): Command {
    switch (op.kind) {
      case 'mint': {
        const asset = this.fungible(op.asset);
        const to = op.cross ? this.anyAccount(op.to) : pick(asset.accounts, op.to);
        return {
          principal: admin,
          type: 'ledger.mint',
          payload: { id: this.nextId('mint'), asset: asset.id, to, amount: renderAmount(op.amount, asset.decimals) },
        };
      }
      case 'burn': {
        const asset = this.fungible(op.asset);
        const payload = { id: this.nextId('burn'), from: pick(asset.accounts, op.from), amount: renderAmount(op.amount, asset.decimals) };
        return { principal: op.member ? member : admin, type: 'ledger.burn', payload };
      }
      case 'transfers':
        return { principal: op.member ? member : admin, type: 'ledger.create_transfers', payload: { transfers: this.transferItems(op.items) } };
      case 'resolve':
        return this.resolve(op);
      case 'nft':
        return this.nftCommand(op);
      case 'close':
        return { principal: op.member ? member : admin, type: 'ledger.close_account', payload: { id: this.anyAccount(op.account) } };
      case 'advance':
        this.clock.advanceMs(op.seconds * 1000);
        return {
          principal: { actorId: systemActorId },
          type: 'ledger.expire_pending',
          payload: { pendingIds: [...this.engine.state.ledger.pendingIds, 'none'] },
        };
      case 'conflict':
        return this.conflict(op.pick);
    }
  }

  transferItems(gens: ItemGen[]): Record<string, unknown>[] {
    const items: Record<string, unknown>[] = [];
    const transferIds = [...this.engine.state.ledger.transfers.keys()];
    for (const gen of gens) {
      const asset = this.fungible(gen.asset);
      const from = pick(asset.accounts, gen.from);
      const to = gen.cross ? this.anyAccount(gen.to) : other(asset.accounts, gen.from, gen.to);
      const item: Record<string, unknown> = { id: this.nextId('t'), from, to, amount: renderAmount(gen.amount, asset.decimals) };
      if (gen.pending) Object.assign(item, { pending: true }, gen.timeout === undefined ? {} : { timeoutSeconds: gen.timeout });
      if (gen.linked) item.linked = true;
      // Duplicate ids: the previous item again, its id with another body, or an old transfer's id.
      const previous = items[items.length - 1];
      let next = item;
      if (gen.reuse === 'prevSame' && previous) next = { ...previous };
      else if (gen.reuse === 'prevId' && previous) next = { ...item, id: previous.id };
      else if (gen.reuse === 'old' && transferIds.length > 0) next = { ...item, id: pick(transferIds, gen.from) };
      items.push(next);
    }
    return items;
  }

  resolve(op: Extract<Op, { kind: 'resolve' }>): Command {
    const pendings = [...this.engine.state.ledger.transfers.values()].filter((transfer) => transfer.pending);
    const transfer = pendings[op.pick % Math.max(1, pendings.length)];
    const payload: Record<string, unknown> = { pendingId: transfer?.id ?? 'no-such-transfer' };
    const decimals = this.engine.state.ledger.assets.get(transfer?.assetId ?? '')?.decimals ?? 0;
    if (op.amount !== undefined) payload.amount = renderAmount(op.amount, decimals);
    return { principal: op.member ? member : admin, type: op.post ? 'ledger.post_pending' : 'ledger.void_pending', payload };
  }

  nftCommand(op: Extract<Op, { kind: 'nft' }>): Command {
    const asset = op.soulbound ? 'badge' : 'art';
    const accounts = this.nft(op.soulbound);
    const tokenId = `tok${op.token}`;
    const from = pick(accounts, op.from);
    if (op.action === 'mint') return { principal: admin, type: 'ledger.mint', payload: { id: this.nextId('nm'), asset, to: pick(accounts, op.to), tokenId } };
    if (op.action === 'burn') return { principal: admin, type: 'ledger.burn', payload: { id: this.nextId('nb'), from, tokenId } };
    const transfer = { id: this.nextId('nt'), from, to: other(accounts, op.from, op.to), tokenId };
    return { principal: admin, type: 'ledger.create_transfers', payload: { transfers: [transfer] } };
  }

  /** An earlier accepted create, its id kept and its body changed: must be refused. */
  conflict(n: number): Command {
    const creates = this.accepted.filter((command) => conflictable.has(command.type));
    const original = creates[n % Math.max(1, creates.length)];
    if (!original) return { principal: admin, type: 'ledger.close_account', payload: { id: 'no-such-account' } }; // nothing to conflict with yet
    const payload = structuredClone(original.payload);
    if (original.type === 'ledger.create_asset') payload.symbol = `${String(payload.symbol)}X`;
    else if (original.type === 'ledger.create_accounts') flip(first(payload.accounts), 'allowOverdraft');
    else if (original.type === 'ledger.create_transfers') first(payload.transfers).memo = 'changed';
    else payload.memo = 'changed';
    return { ...original, payload };
  }

  /** Submits one command and checks what it did, then resubmits an earlier accepted one. */
  async execute(command: Command, recheck: number): Promise<SubmitOutcome> {
    const before = this.observe();
    const outcome = await this.submit(command);
    const ledger = this.engine.state.ledger;
    if (!outcome.ok || outcome.seq === undefined) {
      this.expectUnchanged(before, `${command.type} ${outcome.ok ? 'changed nothing' : `was rejected (${outcome.code})`}`);
    } else {
      expect(this.engine.head.seq, 'an accepted change is logged at the next seq').toBe(before.head.seq + 1);
    }
    if (outcome.ok) this.remember(command, outcome.result);
    if (outcome.ok && isBatch(outcome.result)) {
      const created = outcome.result.results.filter((item) => item.status === 'created').length;
      const grown = command.type === 'ledger.create_accounts' ? ledger.accounts.size - before.accounts : ledger.transfers.size - before.transfers;
      expect(grown, `${command.type}: one new row per created item`).toBe(created);
    }
    const broken = checkLedgerInvariants(this.engine.state, this.engine.head.seq).map((finding) => `seq ${finding.seq}: ${finding.problem}`);
    expect(broken, `invariants after ${command.type}`).toEqual([]);
    await this.resubmit(recheck);
    return outcome;
  }

  async submit(command: Command): Promise<SubmitOutcome> {
    try {
      return await this.engine.submit(command.principal, { type: command.type, payload: command.payload });
    } catch (error) {
      // Schema failures are refused before sequencing; they are rejections like any other here.
      if (isPolityError(error) && error.code === 'validation_failed') return { ok: false, code: error.code, message: error.message };
      throw error;
    }
  }

  observe(): Before {
    const ledger = this.engine.state.ledger;
    return { state: canonicalState(this.engine.state), head: this.engine.head, transfers: ledger.transfers.size, accounts: ledger.accounts.size };
  }

  expectUnchanged(before: Before, what: string): void {
    expect(this.engine.head, `${what}: the head moved`).toEqual(before.head);
    expect(canonicalState(this.engine.state) === before.state, `${what}: the state changed`).toBe(true);
  }

  /** Keeps every item that was created, as a command of its own, for `resubmit`. */
  remember(command: Command, result: unknown): void {
    if (isBatch(result)) {
      const listKey = command.type === 'ledger.create_accounts' ? 'accounts' : 'transfers';
      const items = command.payload[listKey] as Record<string, unknown>[];
      for (const [at, item] of items.entries()) {
        if (result.results[at]?.status !== 'created') continue;
        const { linked: _linked, ...single } = item;
        this.accepted.push({ ...command, payload: { [listKey]: [single] } });
      }
      return;
    }
    const status = (result as { status?: string }).status;
    // access.create_token answers token_exists to a repeat, not exists: it is left out.
    if (status !== undefined && status !== 'exists' && command.type !== 'access.create_token') this.accepted.push(command);
  }

  /** Idempotency: an earlier accepted item, sent again, answers `exists` and changes nothing. */
  async resubmit(n: number): Promise<void> {
    const command = this.accepted[n % Math.max(1, this.accepted.length)];
    if (!command) return;
    const before = this.observe();
    const outcome = await this.submit(command);
    if (!outcome.ok) expect.fail(`resubmitted ${command.type} ${JSON.stringify(command.payload)} was rejected: ${outcome.code}`);
    expect(statusOf(outcome.result), `resubmitted ${command.type} ${JSON.stringify(command.payload)}`).toBe('exists');
    this.expectUnchanged(before, `resubmitted ${command.type}`);
  }

  /** A used id with another body is refused (a batch item with its own status). */
  expectConflict(command: Command, outcome: SubmitOutcome): void {
    if (!conflictable.has(command.type)) return;
    const code = outcome.ok ? statusOf(outcome.result) : outcome.code;
    expect(code, `${command.type} with a used id and another body`).toBe('exists_with_different_fields');
  }

  /** Reopens the store: the same state and head; then verifyStore re-derives it all. */
  async finish(backend: Backend): Promise<void> {
    const head = this.engine.head;
    const snapshot = encodeSnapshot(this.engine.state);
    const canonical = canonicalState(this.engine.state);
    await this.dao.close();
    const store = await this.dao.testStore.reopen();
    try {
      const reopened = await Engine.open({ store, clock: this.clock });
      expect(reopened.head).toEqual(head);
      expect(encodeSnapshot(reopened.state) === snapshot, `${backend.name}: the reopened state's snapshot text differs`).toBe(true);
      expect(canonicalState(reopened.state) === canonical, `${backend.name}: the reopened state differs`).toBe(true);
      const report = await verifyStore(store);
      expect(report, `verifyStore: ${report.problem ?? 'ok'}`).toEqual({ ok: true, records: head.seq, headSeq: head.seq, headHash: head.hash });
    } finally {
      await store.close();
    }
  }
}

const conflictable = new Set(['ledger.create_asset', 'ledger.create_accounts', 'ledger.create_transfers', 'ledger.mint', 'ledger.burn']);

function isBatch(result: unknown): result is { results: ItemResult[] } {
  return typeof result === 'object' && result !== null && 'results' in result;
}

function statusOf(result: unknown): string | undefined {
  return isBatch(result) ? result.results[0]?.status : (result as { status?: string }).status;
}

function pick<T>(items: readonly T[], n: number): T {
  const item = items[n % items.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Another item than the n-th, unless `m` is a multiple of 17 (same-account transfers are refused). */
function other<T>(items: readonly T[], n: number, m: number): T {
  return m % 17 === 0 ? pick(items, n) : pick(items, n + 1 + (m % (items.length - 1)));
}

function first(list: unknown): Record<string, unknown> {
  return (list as Record<string, unknown>[])[0] as Record<string, unknown>;
}

function flip(item: Record<string, unknown>, field: string): void {
  item[field] = item[field] !== true;
}

function accountItem(asset: string, id: string, gen: AccountGen | undefined): Record<string, unknown> {
  const item: Record<string, unknown> = { id, asset };
  if (gen?.member) item.owner = 'member';
  if (gen?.overdraft === 'unlimited') item.allowOverdraft = true;
  if (gen?.overdraft === 'limited') Object.assign(item, { allowOverdraft: true, overdraftLimit: String(gen.limit) });
  if (gen?.maxBalance !== undefined) item.maxBalance = String(gen.maxBalance);
  return item;
}

async function runScenario(backend: Backend, scenario: Scenario): Promise<void> {
  const clock = new VirtualClock();
  const dao = await openTestDao(backend, { clock, snapshotEveryRecords: scenario.snapshotEvery });
  const run = new Run(dao, clock);
  try {
    await run.setup(scenario);
    for (const { op, recheck } of scenario.steps) {
      const command = run.build(op);
      const outcome = await run.execute(command, recheck);
      if (op.kind === 'conflict') run.expectConflict(command, outcome);
    }
  } catch (error) {
    await dao.close();
    throw error;
  }
  await run.finish(backend);
}

forEachBackend((backend) => {
  it('keeps the ledger invariants, idempotency and replay under random command streams', async () => {
    const { ops } = budget[backend.name];
    const numRuns = Number(process.env.POLITY_TEST_RUNS ?? budget[backend.name].numRuns); // raise it for a deeper search
    try {
      await fc.assert(
        fc.asyncProperty(scenarioArb(ops), (scenario) => runScenario(backend, scenario)),
        { seed, numRuns, endOnFailure: process.env.POLITY_TEST_SHRINK === undefined },
      );
    } catch (error) {
      // fast-check's own message holds the whole counterexample; the cause says what broke.
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
      const report = error instanceof Error ? error.message : String(error);
      throw new Error(`property failed; reproduce with POLITY_TEST_SEED=${seed}\n${cause}\n${report.slice(0, 4_000)}`);
    }
  });
});
