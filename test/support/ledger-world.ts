import { expect } from 'vitest';
import { generateKeyPair, type KeyPair } from '../../src/access/signature.ts';
import type { EngineOptions, SubmitOutcome } from '../../src/engine/engine.ts';
import type { Principal } from '../../src/engine/types.ts';
import { VirtualClock } from '../../src/kernel/clock.ts';
import type { BatchResult, ItemResult } from '../../src/ledger/index.ts';
import { type Account, type Asset, balanceUnits } from '../../src/ledger/state.ts';
import { type Backend, openTestDao, type TestDao } from './backends.ts';

/** A transfer item as the create_transfers schema takes it. */
export interface TransferItem {
  id: string;
  from: string;
  to: string;
  amount?: string;
  tokenId?: string;
  pending?: boolean;
  timeoutSeconds?: number;
  linked?: boolean;
  memo?: string;
}

export interface AssetOptions {
  kind?: 'fungible' | 'non_fungible';
  decimals?: number;
  supply?: 'fixed' | 'mintable';
  maxSupply?: string;
  transferable?: boolean;
}

/**
 * A DAO on a virtual clock plus helpers that keep ledger tests to one line per step.
 * Every helper goes through `engine.submit`, so tests see what a client would see.
 */
export class LedgerWorld {
  private counter = 0;

  constructor(
    readonly dao: TestDao,
    readonly clock: VirtualClock,
  ) {}

  static async open(backend: Backend, options: Omit<EngineOptions, 'store' | 'clock'> = {}): Promise<LedgerWorld> {
    const clock = new VirtualClock();
    return new LedgerWorld(await openTestDao(backend, { ...options, clock }), clock);
  }

  get admin(): Principal {
    return this.dao.admin;
  }

  get engine(): TestDao['engine'] {
    return this.dao.engine;
  }

  /** A fresh id, so that rows sharing one DAO never collide. */
  id(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  submit<R = unknown>(type: string, payload: unknown, principal: Principal = this.admin): Promise<SubmitOutcome<R>> {
    return this.engine.submit<R>(principal, { type, payload });
  }

  /** Submits a command that must be accepted; returns its result. */
  async ok<R = unknown>(type: string, payload: unknown, principal: Principal = this.admin): Promise<R> {
    const outcome = await this.submit<R>(type, payload, principal);
    if (!outcome.ok) expect.fail(`${type} was rejected: ${outcome.code} ${outcome.message}`);
    return outcome.result;
  }

  /** The rejection code of a whole command, or 'accepted'. */
  async code(type: string, payload: unknown, principal: Principal = this.admin): Promise<string> {
    const outcome = await this.submit(type, payload, principal);
    return outcome.ok ? 'accepted' : outcome.code;
  }

  /** The status of the single item of an accepted single-movement or batch command. */
  async status(type: string, payload: unknown, principal: Principal = this.admin): Promise<string> {
    const outcome = await this.submit<ItemResult | BatchResult>(type, payload, principal);
    if (!outcome.ok) return outcome.code;
    return 'results' in outcome.result ? (outcome.result.results[0]?.status ?? 'none') : outcome.result.status;
  }

  async transfers(items: TransferItem[], principal: Principal = this.admin): Promise<string[]> {
    const result = await this.ok<BatchResult>('ledger.create_transfers', { transfers: items }, principal);
    expect(result.results.map((item) => item.id)).toEqual(items.map((item) => item.id));
    return result.results.map((item) => item.status);
  }

  async transfer(item: TransferItem, principal: Principal = this.admin): Promise<string> {
    const [status] = await this.transfers([item], principal);
    return status ?? 'none';
  }

  async asset(options: AssetOptions = {}): Promise<string> {
    const id = this.id('asset');
    const decimals = options.kind === 'non_fungible' ? {} : { decimals: options.decimals ?? 2 };
    expect(await this.ok('ledger.create_asset', { id, kind: 'fungible', symbol: 'TST', ...decimals, ...options })).toEqual({ id, status: 'created' });
    return id;
  }

  /** Opens one account per extra field set, owned by `owner` (default: the admin). */
  async account(assetId: string, fields: Record<string, unknown> = {}): Promise<string> {
    const id = this.id('acct');
    const result = await this.ok<BatchResult>('ledger.create_accounts', { accounts: [{ id, asset: assetId, ...fields }] });
    expect(result.results).toEqual([{ id, status: 'created' }]);
    return id;
  }

  async mint(assetId: string, to: string, amount: string): Promise<void> {
    expect(await this.status('ledger.mint', { id: this.id('mint'), asset: assetId, to, amount })).toBe('created');
  }

  /** An asset (2 decimals unless told) with two accounts; `a` holds `funds`. */
  async pair(options: AssetOptions & { funds?: string } = {}): Promise<{ asset: string; a: string; b: string }> {
    const { funds = '100', ...assetOptions } = options;
    const asset = await this.asset(assetOptions);
    const a = await this.account(asset);
    const b = await this.account(asset);
    if (funds !== '0') await this.mint(asset, a, funds);
    return { asset, a, b };
  }

  /** A member `id` with a new Ed25519 key (for signed commands) and `amount` of `assetId` in an account of its own, also named `id`. */
  async keyedMember(id: string, assetId: string, amount: string): Promise<KeyPair> {
    const pair = generateKeyPair();
    await this.ok('access.create_actor', { id, kind: 'member', publicKey: pair.publicKey });
    await this.ok('ledger.create_accounts', { accounts: [{ id, asset: assetId, owner: id }] });
    await this.mint(assetId, id, amount);
    return pair;
  }

  /** A new member with no grants at all. */
  async actor(): Promise<Principal> {
    const id = this.id('member');
    await this.ok('access.create_actor', { id, kind: 'member' });
    return { actorId: id };
  }

  accountState(id: string): Account {
    const account = this.engine.state.ledger.accounts.get(id);
    if (!account) expect.fail(`no account ${id}`);
    return account;
  }

  assetState(id: string): Asset {
    const asset = this.engine.state.ledger.assets.get(id);
    if (!asset) expect.fail(`no asset ${id}`);
    return asset;
  }

  balance(id: string): bigint {
    return balanceUnits(this.accountState(id));
  }

  close(): Promise<void> {
    return this.dao.close();
  }
}
