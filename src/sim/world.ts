import { bootstrapAdmin } from '../access/bootstrap.ts';
import { Engine, type SubmitOutcome } from '../engine/engine.ts';
import type { Principal } from '../engine/types.ts';
import { applyGenesis } from '../genesis/apply.ts';
import { genesisSteps } from '../genesis/build.ts';
import type { GenesisConfig } from '../genesis/config.ts';
import { formatAmount } from '../kernel/amount.ts';
import { VirtualClock } from '../kernel/clock.ts';
import { createPrng, type Prng } from '../kernel/prng.ts';
import { balanceUnits } from '../ledger/state.ts';
import { governanceDecimals } from '../modules/economy/index.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import type { Store } from '../store/types.ts';

/** Holders' accounts are named after them; a batch of accounts stays under the ledger's limit. */
const accountsPerCommand = 4_096;
/** Start of the simulated clock when the config names no genesis time. */
const defaultGenesisMs = Date.UTC(2025, 0, 1);

/**
 * One simulated DAO: the real engine on an in-memory SQLite database and a virtual clock.
 * Commands go through `engine.submit` exactly as in production; a step's commands are
 * submitted together so the writer commits them as one group.
 */
export class SimWorld {
  private pending: Promise<SubmitOutcome>[] = [];
  readonly rejections = new Map<string, number>();
  commands = 0;

  private constructor(
    readonly engine: Engine,
    private readonly store: Store,
    readonly clock: VirtualClock,
    readonly admin: Principal,
    readonly config: GenesisConfig,
    readonly rng: Prng,
    readonly holders: string[],
  ) {}

  static async create(config: GenesisConfig, options: { holders: number; seed: number }): Promise<SimWorld> {
    const clock = new VirtualClock(config.genesisMs ?? defaultGenesisMs);
    const store = await openSqliteStore({ file: ':memory:', daoId: 'sim', synchronous: 'normal' });
    const engine = await Engine.open({ store, clock, snapshotEveryRecords: Number.MAX_SAFE_INTEGER, snapshotOnClose: false });
    const { adminId } = await bootstrapAdmin(engine);
    const admin = { actorId: adminId };
    await applyGenesis(engine, admin, genesisSteps({ ...config, genesisMs: clock.nowMs() }));
    const holders = Array.from({ length: options.holders }, (_, index) => `h${index}`);
    const world = new SimWorld(engine, store, clock, admin, config, createPrng(options.seed), holders);
    await world.openHolders();
    return world;
  }

  get nowMs(): number {
    return this.clock.nowMs();
  }

  get decimals(): number {
    return governanceDecimals(this.engine.state);
  }

  /** Formats base units of the governance token for a payload. */
  amount(units: bigint): string {
    return formatAmount(units, this.decimals);
  }

  balance(accountId: string): bigint {
    const account = this.engine.state.ledger.accounts.get(accountId);
    return account ? balanceUnits(account) - account.debitsPendingUnits : 0n;
  }

  /** Queues a command for this step; `flush` waits for the whole step's group commit. */
  submit(type: string, payload: unknown, principal: Principal = this.admin): void {
    this.commands += 1;
    this.pending.push(this.engine.submit(principal, { type, payload }));
  }

  async flush(): Promise<void> {
    const outcomes = await Promise.all(this.pending);
    this.pending = [];
    for (const outcome of outcomes) {
      if (!outcome.ok) this.rejections.set(outcome.code, (this.rejections.get(outcome.code) ?? 0) + 1);
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await this.engine.close();
    await this.store.close();
  }

  private async openHolders(): Promise<void> {
    for (const id of this.holders) this.submit('access.create_actor', { id, kind: 'member' });
    await this.flush();
    const asset = this.config.governanceToken;
    for (let start = 0; start < this.holders.length; start += accountsPerCommand) {
      const accounts = this.holders.slice(start, start + accountsPerCommand).map((id) => ({ id, asset, owner: id }));
      this.submit('ledger.create_accounts', { accounts });
    }
    await this.flush();
  }
}
