/**
 * Test support for the committees tests (not imported by the module): a DAO with a governance
 * token that can be staked, a BID class with a verifier, and members made in one line.
 */
import { expect } from 'vitest';
import type { LedgerWorld } from '../../../test/support/ledger-world.ts';
import type { Principal } from '../../engine/types.ts';
import { daySeconds } from '../../kernel/rates.ts';
import type { CommitteesState } from './index.ts';

/** The staking tier every test stake uses: one day, so a stake can be closed in a test. */
export const tierId = 'day';

export interface Person {
  principal: Principal;
  actorId: string;
  /** Their account of the governance token. */
  account: string;
  tokenId?: string;
  stakeId?: string;
}

export interface PersonOptions {
  /** Issue a BID (default true). */
  identity?: boolean;
  /** Stake this much (token units) in the one-day tier. */
  stake?: string;
}

export class CommitteesWorld {
  constructor(
    readonly w: LedgerWorld,
    readonly token: string,
    readonly bidClass: string,
    readonly verifier: Principal,
  ) {}

  /**
   * Governance token (2 decimals) with a funded reward pool, staking configured with one tier
   * (and the staking module's own `committees` list when given), the economy naming the token,
   * and a soulbound BID class with a member holding `identity.verify` on it.
   */
  static async create(w: LedgerWorld, options: { stakingCommittees?: object[] } = {}): Promise<CommitteesWorld> {
    const token = await w.asset({ decimals: 2, supply: 'mintable' });
    const pool = await w.account(token);
    await w.mint(token, pool, '10000000');
    const committees = options.stakingCommittees ? { committees: options.stakingCommittees } : {};
    await w.ok('staking.configure', { asset: token, rewardsFrom: pool, earlyExit: { kind: 'rejected' }, ...committees });
    await w.ok('staking.create_tier', { id: tierId, durationSeconds: daySeconds, apyPercent: '1', minimum: '1' });
    await w.ok('economy.configure', { governanceToken: token });
    const bidClass = w.id('bid');
    await w.ok('ledger.create_asset', { id: bidClass, kind: 'non_fungible', symbol: 'BID', transferable: false });
    await w.ok('identity.configure', { asset: bidClass });
    const verifier = await w.actor();
    await w.ok('access.grant', { actorId: verifier.actorId, action: 'identity.verify', resource: `identity:${bidClass}` });
    return new CommitteesWorld(w, token, bidClass, verifier);
  }

  get state(): CommitteesState {
    return this.w.engine.state.modules.committees;
  }

  nowMs(): number {
    return this.w.clock.nowMs();
  }

  /** A new member with 100,000 tokens, a BID unless told otherwise, and a stake when asked. */
  async person(options: PersonOptions = {}): Promise<Person> {
    const principal = await this.w.actor();
    const account = await this.w.account(this.token, { owner: principal.actorId });
    await this.w.mint(this.token, account, '100000');
    const person: Person = { principal, actorId: principal.actorId, account };
    if (options.identity ?? true) await this.verify(person);
    if (options.stake !== undefined) {
      person.stakeId = this.w.id('stake');
      await this.w.ok('staking.stake', { id: person.stakeId, tier: tierId, from: account, amount: options.stake }, principal);
    }
    return person;
  }

  async people(count: number, options: PersonOptions = {}): Promise<Person[]> {
    const list: Person[] = [];
    for (let i = 0; i < count; i += 1) list.push(await this.person(options));
    return list;
  }

  async verify(person: Person): Promise<void> {
    person.tokenId = this.w.id('bid-token');
    await this.w.ok('identity.issue', { tokenId: person.tokenId, subject: this.w.id('subject-'), holder: person.actorId }, this.verifier);
  }

  async revoke(person: Person): Promise<void> {
    expect(person.tokenId).toBeDefined();
    await this.w.ok('identity.revoke', { tokenId: person.tokenId, reason: 'test' }, this.verifier);
  }

  /** A committee (admin-created) with the given eligibility; returns its id. */
  async committee(fields: { seats?: number; termSeconds?: number; eligibility?: object; roles?: string[] } = {}): Promise<string> {
    const id = this.w.id('committee');
    await this.w.ok('committees.create', {
      id,
      label: `Committee ${id}`,
      seats: 1,
      termSeconds: 30 * daySeconds,
      eligibility: { requiresIdentity: false },
      ...fields,
    });
    return id;
  }

  /** Opens an election whose nominations end in one hour and voting in two; returns its id. */
  async election(
    committee: string,
    method: 'approval' | 'ranked-choice' = 'approval',
  ): Promise<{ id: string; nominationEndsMs: number; votingEndsMs: number }> {
    const id = this.w.id('election');
    const nominationEndsMs = this.nowMs() + 3_600_000;
    const votingEndsMs = nominationEndsMs + 3_600_000;
    await this.w.ok('committees.open_election', { id, committee, method, nominationEndsMs, votingEndsMs });
    return { id, nominationEndsMs, votingEndsMs };
  }

  async stand(election: string, people: readonly Person[]): Promise<void> {
    for (const person of people) await this.w.ok('committees.stand', { election }, person.principal);
  }

  async vote(election: string, person: Person, choice: number[]): Promise<string> {
    const result = await this.w.ok<{ status: string }>('committees.vote', { election, choice }, person.principal);
    return result.status;
  }

  /** Moves the clock to `timeMs` (never back). */
  at(timeMs: number): void {
    if (timeMs > this.nowMs()) this.w.clock.setMs(timeMs);
  }
}
