/**
 * Test support for the constitution tests (not imported by the module): a DAO with a
 * governance token `gov` (2 decimals), the AI DAO's funds, a BID class, staking with one
 * tier, and members alice and bob with token accounts, all made through ordinary commands.
 */
import { expect } from 'vitest';
import type { LedgerWorld } from '../../../test/support/ledger-world.ts';
import type { Principal } from '../../engine/types.ts';
import { daySeconds } from '../../kernel/rates.ts';
import { checkConstitution, type ProposalFacts, type RuleInput, requiredSupportPpm, type Violation } from './index.ts';

export const token = 'gov';
export const tierId = 't30';

export interface Member {
  principal: Principal;
  account: string;
}

export class ConstitutionWorld {
  private tokens = 0;

  constructor(
    readonly w: LedgerWorld,
    readonly alice: Member,
    readonly bob: Member,
  ) {}

  /** The DAO; `configureEconomy: false` leaves the governance token unnamed. */
  static async create(w: LedgerWorld, options: { configureEconomy?: boolean } = {}): Promise<ConstitutionWorld> {
    await w.ok('ledger.create_asset', { id: token, kind: 'fungible', symbol: 'GOV', decimals: 2, supply: 'mintable' });
    if (options.configureEconomy !== false) await w.ok('economy.configure', { governanceToken: token });
    await w.ok('treasury.create_fund', { id: 'community', asset: token, initial: { amount: '1000' } });
    for (const id of ['education', 'agi', 'governance']) await w.ok('treasury.create_fund', { id, asset: token });
    await w.ok('ledger.create_asset', { id: 'bid', kind: 'non_fungible', symbol: 'BID', transferable: false });
    await w.ok('identity.configure', { asset: 'bid' });
    const pool = await w.account(token);
    await w.mint(token, pool, '100000');
    await w.ok('staking.configure', { asset: token, rewardsFrom: pool, earlyExit: { kind: 'rejected' } });
    await w.ok('staking.create_tier', { id: tierId, durationSeconds: 30 * daySeconds, apyPercent: '0', minimum: '0.01' });
    const member = async (id: string): Promise<Member> => {
      await w.ok('access.create_actor', { id, kind: 'member' });
      const account = await w.account(token, { owner: id });
      await w.mint(token, account, '1000');
      return { principal: { actorId: id }, account };
    };
    return new ConstitutionWorld(w, await member('alice'), await member('bob'));
  }

  get engine() {
    return this.w.engine;
  }

  async setRules(rules: RuleInput[], principal: Principal = this.w.admin): Promise<void> {
    await this.w.ok('constitution.set_rules', { rules }, principal);
  }

  /** A proposal's facts now, by `proposer` (alice unless told), in category `treasury`. */
  facts(actions: ProposalFacts['actions'], fields: Partial<ProposalFacts> = {}): ProposalFacts {
    return { proposerId: 'alice', category: 'treasury', actions, atMs: this.w.clock.nowMs(), ...fields };
  }

  check(facts: ProposalFacts, phase: 'create' | 'decide' | 'execute'): Violation | undefined {
    return checkConstitution(this.engine.state, facts, phase);
  }

  required(facts: ProposalFacts): { ppm: bigint; rule: string } | undefined {
    return requiredSupportPpm(this.engine.state, facts);
  }

  /** Issues a BID to `member`. */
  async verify(member: Member): Promise<void> {
    this.tokens += 1;
    const id = `${member.principal.actorId}-${this.tokens}`;
    await this.w.ok('identity.issue', { tokenId: `bid-${id}`, subject: `subject-${id}`, holder: member.principal.actorId });
  }

  async stake(member: Member, amount: string): Promise<void> {
    const outcome = await this.w.submit('staking.stake', { id: this.w.id('stake'), tier: tierId, from: member.account, amount }, member.principal);
    if (!outcome.ok) expect.fail(`staking.stake was rejected: ${outcome.code} ${outcome.message}`);
  }

  /** Spends from a fund as the admin (who holds treasury.spend everywhere). */
  async spend(fund: string, amount: string, to: string = this.bob.account): Promise<void> {
    await this.w.ok('treasury.spend', { id: this.w.id('spend'), fund, to, amount });
  }
}

/** A treasury.spend action of a proposal. */
export function spendAction(fund: string, amount: string, to: string, id = `p-${fund}-${amount}`): ProposalFacts['actions'][number] {
  return { type: 'treasury.spend', payload: { id, fund, to, amount } };
}

export function burnAction(fund: string, amount: string): ProposalFacts['actions'][number] {
  return { type: 'treasury.burn', payload: { id: `b-${fund}-${amount}`, fund, amount } };
}

export const setRulesAction = (rules: RuleInput[]): ProposalFacts['actions'][number] => ({ type: 'constitution.set_rules', payload: { rules } });
