import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../test/support/backends.ts';
import { LedgerWorld } from '../../test/support/ledger-world.ts';
import { type KeyPair, signedText, signText } from '../access/signature.ts';
import { systemActorId } from '../access/state.ts';
import { checkLedgerInvariants } from '../engine/invariants.ts';
import { findCommand } from '../engine/registry.ts';
import { decodeSnapshot, encodeSnapshot } from '../engine/snapshot.ts';
import { type EngineState, evolve } from '../engine/state.ts';
import type { CommandContext, DomainEvent, Outcome } from '../engine/types.ts';
import { canonicalState } from '../engine/verify.ts';
import { stateWriter } from '../ledger/draft.ts';
import { balanceUnits } from '../ledger/state.ts';
import { proposalStatus } from '../modules/governance/index.ts';
import { AssertionFailure } from './assert.ts';
import { overlayOf } from './overlay.ts';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/**
 * The overlay on a real engine state: ledger activity, a tracked asset (power histories),
 * a treasury fund, delegations and two queued proposals. Real commands' `apply` and the
 * engine's `evolve` run on `overlayOf(state)`; the overlay must show their effects, the
 * committed state must encode byte-identically to before, and the overlay must end in the
 * same state as a deep copy (what `execute` used before the overlay).
 */
forEachBackend((backend) => {
  let w: LedgerWorld;
  let asset: string;
  const keys = new Map<string, KeyPair>();
  const members = ['alice', 'bob', 'carol', 'dave'];
  const spend = (id: string, to: string, amount: string) => ({ type: 'treasury.spend', payload: { id, fund: 'dao', to, amount } });

  async function vote(voter: string, proposal: string, choice: number): Promise<void> {
    const pair = keys.get(voter);
    if (!pair) throw new Error(`no key for ${voter}`);
    const snapshotSeq = w.engine.state.modules.governance.proposals.get(proposal)?.snapshot?.seq ?? -1;
    const payload = { proposal, choice, snapshotSeq, castAtMs: w.clock.nowMs() };
    const signature = signText(pair, signedText(w.engine.daoId, voter, 'governance.vote', payload));
    const outcome = await w.engine.submit({ actorId: voter }, { type: 'governance.vote', payload, signature });
    expect(outcome.ok).toBe(true);
  }

  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
    asset = await w.asset({ supply: 'fixed', maxSupply: '1000000', decimals: 0 });
    await w.ok('economy.configure', { governanceToken: asset });
    await w.ok('power.track', { asset });
    await w.ok('treasury.create_fund', { id: 'dao', asset, initial: { amount: '100000' } });
    for (const [index, member] of members.entries()) keys.set(member, await w.keyedMember(member, asset, String(400 - 100 * index)));
    for (let round = 0; round < 10; round += 1) {
      const from = members[round % members.length] ?? 'alice';
      const to = members[(round + 1) % members.length] ?? 'bob';
      await w.transfer({ id: w.id('t'), from, to, amount: String(1 + round) });
      w.clock.advanceMs(60_000);
    }
    await w.ok('power.delegate', { delegations: [{ delegate: 'bob', percent: '100' }] }, { actorId: 'carol' });
    await w.ok('governance.set_category', {
      id: 'treasury',
      discussionSeconds: 3600,
      votingSeconds: 86_400,
      timelockSeconds: 86_400,
      gracePeriodSeconds: 7 * 86_400,
      quorumPercent: '20',
      supportPercent: '50',
      strategy: { kind: 'token', asset },
    });
    const alice = { actorId: 'alice' };
    await w.ok(
      'governance.create',
      { id: 'p1', title: 'Grants', body: '', category: 'treasury', actions: [spend('g1', 'alice', '1000'), spend('g2', 'bob', '500')] },
      alice,
    );
    await w.ok(
      'governance.create',
      { id: 'p2', title: 'Too much', body: '', category: 'treasury', actions: [spend('g3', 'alice', '10'), spend('g4', 'bob', '99999999')] },
      alice,
    );
    for (const id of ['p1', 'p2']) await w.ok('governance.submit', { proposal: id }, alice);
    w.clock.advanceMs(hourMs);
    for (const id of ['p1', 'p2']) {
      await w.ok('governance.start_voting', { proposal: id });
      await vote('alice', id, 1);
      await vote('bob', id, 1);
    }
    w.clock.advanceMs(2 * dayMs + hourMs);
    for (const id of ['p1', 'p2']) expect(proposalStatus(w.engine.state, id, w.clock.nowMs())?.status).toBe('queued');
  });
  afterAll(() => w.close());

  /** What execute.ts will do: the overlay, with the derived ledger writer rebuilt over the overlay's ledger. */
  function scratchOf(state: EngineState): EngineState {
    const scratch = overlayOf(state);
    scratch.ledgerWriter = stateWriter(scratch.ledger);
    return scratch;
  }

  function context(actorId = systemActorId): CommandContext {
    return { seq: w.engine.head.seq + 1, timeMs: w.clock.nowMs(), daoId: w.engine.daoId, actorId };
  }

  /** apply, then evolve the accepted events into the same state, as the engine does. */
  function run(state: EngineState, type: string, payload: unknown, ctx: CommandContext): Outcome {
    const outcome = findCommand(type).apply(state, payload as never, ctx);
    if (outcome.ok) for (const event of outcome.events) evolve(state, event, ctx);
    return outcome;
  }

  function eventsText(events: readonly DomainEvent[]): string {
    return JSON.stringify(events, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
  }

  const script: [string, unknown, string][] = [
    ['treasury.spend', { id: 'o1', fund: 'dao', to: 'alice', amount: '250' }, systemActorId],
    ['ledger.create_transfers', { transfers: [{ id: 'o2', from: 'alice', to: 'dave', amount: '7' }] }, 'alice'],
    ['power.delegate', { delegations: [{ delegate: 'alice', percent: '50' }] }, 'dave'],
    ['governance.execute', { proposal: 'p1' }, 'dave'],
    ['governance.execute', { proposal: 'p2' }, 'dave'],
    ['treasury.spend', { id: 'o3', fund: 'dao', to: 'bob', amount: '99999999' }, systemActorId],
  ];

  describe('real commands on overlayOf(engine state)', () => {
    it('show their effects in the overlay, match the deep copy, and leave the state byte-identical', () => {
      const state = w.engine.state;
      const before = encodeSnapshot(state);
      const scratch = scratchOf(state);
      const copy = decodeSnapshot(before);
      for (const [type, payload, actorId] of script) {
        const ctx = context(actorId);
        const onOverlay = run(scratch, type, payload, ctx);
        const onCopy = run(copy, type, payload, ctx);
        expect(onOverlay.ok ? eventsText(onOverlay.events) : onOverlay.code, type).toBe(onCopy.ok ? eventsText(onCopy.events) : onCopy.code);
      }
      const nowMs = w.clock.nowMs();
      const balance = (of: EngineState, id: string) => balanceUnits(of.ledger.accounts.get(id) ?? expect.fail(`no account ${id}`));
      expect(balance(scratch, 'alice') - balance(state, 'alice')).toBe(250n - 7n + 1000n);
      expect(balance(scratch, 'bob') - balance(state, 'bob')).toBe(500n);
      expect(proposalStatus(scratch, 'p1', nowMs)?.status).toBe('executed');
      expect(proposalStatus(scratch, 'p2', nowMs)?.status).toBe('failed');
      expect(proposalStatus(state, 'p1', nowMs)?.status).toBe('queued');
      const history = (of: EngineState) => of.modules.power.tracked.get(asset)?.owners.get('alice')?.seqs.length ?? 0;
      expect(history(scratch)).toBe(history(state) + 1);
      expect(scratch.modules.power.delegations.get('dave')).toBeDefined();
      expect(state.modules.power.delegations.get('dave')).toBeUndefined();
      expect(encodeSnapshot(state)).toBe(before);
      expect(encodeSnapshot(scratch)).toBe(encodeSnapshot(copy));
    });

    it('running a proposal’s actions on an overlay gives execute’s events, all or none', () => {
      const state = w.engine.state;
      const before = encodeSnapshot(state);
      const ctx = context();
      for (const id of ['p1', 'p2']) {
        const proposal = state.modules.governance.proposals.get(id) ?? expect.fail(`no proposal ${id}`);
        const scratch = scratchOf(state);
        const events: DomainEvent[] = [];
        let failedAt = -1;
        for (const [index, action] of proposal.actions.entries()) {
          const outcome = run(scratch, action.type, action.payload, ctx);
          if (!outcome.ok) {
            failedAt = index;
            break;
          }
          events.push(...outcome.events);
        }
        const executed = findCommand('governance.execute').apply(state, { proposal: id } as never, { ...ctx, actorId: 'dave' });
        if (!executed.ok) return expect.fail(`execute ${id}: ${executed.code}`);
        if (failedAt < 0) expect(eventsText(events)).toBe(eventsText(executed.events.slice(0, -1)));
        else expect(executed.events).toMatchObject([{ type: 'proposal_failed', actionIndex: failedAt, code: 'insufficient_funds' }]);
      }
      expect(encodeSnapshot(state)).toBe(before);
    });

    it('reads through: invariants and the canonical state of an untouched overlay are the state’s', () => {
      const state = w.engine.state;
      const scratch = scratchOf(state);
      expect(canonicalState(scratch)).toBe(canonicalState(state));
      expect(checkLedgerInvariants(scratch, w.engine.head.seq)).toEqual([]);
      expect(encodeSnapshot(scratch)).toBe(encodeSnapshot(state));
    });

    it('asserts if the derived ledgerWriter (closures over the committed ledger) is not replaced', () => {
      const state = w.engine.state;
      const before = encodeSnapshot(state);
      const payload = { id: 'o9', fund: 'dao', to: 'alice', amount: '1' };
      expect(() => findCommand('treasury.spend').apply(overlayOf(state), payload as never, context())).toThrow(AssertionFailure);
      expect(encodeSnapshot(state)).toBe(before);
    });
  });
});
