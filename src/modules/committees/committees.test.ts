import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { loadState } from '../../engine/replay.ts';
import type { EngineState } from '../../engine/state.ts';
import type { CommandContext, Outcome, Principal } from '../../engine/types.ts';
import { daySeconds } from '../../kernel/rates.ts';
import { closeElection } from './commands/close-election.ts';
import { createCommittee } from './commands/create.ts';
import { openElection } from './commands/open-election.ts';
import { stand } from './commands/stand.ts';
import { vote } from './commands/vote.ts';
import { committeeMembers, election, electionBallots, holdsRole, roleHolders, seatEligibility } from './index.ts';
import { candidatesPerElectionMax, committeesMax, electionsMax, votesPerElectionMax } from './limits.ts';
import {
  assignRoleRejections,
  closeElectionRejections,
  createRejections,
  openElectionRejections,
  removeRoleRejections,
  standRejections,
  voteRejections,
} from './rejections.ts';
import type { CommitteesState, Election } from './state.ts';
import { CommitteesWorld, type Person } from './test-world.ts';

const hourMs = 3_600_000;

/** The rejection code, or the accepted result's status. */
async function statusOf(w: LedgerWorld, type: string, payload: unknown, principal: Principal = w.admin): Promise<string> {
  const outcome = await w.submit<{ status?: string }>(type, payload, principal);
  return outcome.ok ? (outcome.result.status ?? 'accepted') : outcome.code;
}

function codeOf(outcome: Outcome): string {
  return outcome.ok ? 'accepted' : outcome.code;
}

/** The engine state with the committees slice changed: for rows whose limit is too big to reach by commands. */
function withCommittees(state: EngineState, change: (committees: CommitteesState) => Partial<CommitteesState>): EngineState {
  const committees = state.modules.committees;
  return { ...state, modules: { ...state.modules, committees: { ...committees, ...change(committees) } } };
}

function ctxOf(w: LedgerWorld, actorId: string): CommandContext {
  return { seq: 1_000_000, timeMs: w.clock.nowMs(), actorId, daoId: w.engine.state.daoId };
}

function fakeElection(id: string, fields: Partial<Election> = {}): Election {
  return { id, committeeId: 'none', method: 'approval', openedMs: 0, nominationEndsMs: 0, votingEndsMs: 0, candidates: [], ballots: new Map(), ...fields };
}

forEachBackend((backend) => {
  let w: LedgerWorld;
  let world: CommitteesWorld;

  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
    // The staking module names committee `exec` too: it asks for a BID and 2,000 staked.
    world = await CommitteesWorld.create(w, { stakingCommittees: [{ id: 'exec', minimum: '2000', requiresIdentity: true }] });
  });
  afterAll(async () => {
    await w.close();
  });

  describe('committees.create', () => {
    it('creates an empty committee; the same body again is exists', async () => {
      const payload = {
        id: 'council',
        label: 'Governance council',
        seats: 5,
        termSeconds: 365 * daySeconds,
        eligibility: { requiresIdentity: true, minStake: '500' },
      };
      expect(await statusOf(w, 'committees.create', payload)).toBe('created');
      expect(await statusOf(w, 'committees.create', payload)).toBe('exists');
      expect(world.state.committees.get('council')).toMatchObject({ seats: 5, requiresIdentity: true, minStakeUnits: 50_000n, roles: [], members: [] });
    });

    it.each(createRejections.map((code) => [code]))('rejection row: %s', async (code) => {
      const id = w.id('c');
      const base = { id, label: 'A committee', seats: 3, termSeconds: daySeconds, eligibility: { requiresIdentity: false } };
      const rows: Record<string, () => Promise<string>> = {
        not_authorized: async () => statusOf(w, 'committees.create', base, await w.actor()),
        role_invalid: () => statusOf(w, 'committees.create', { ...base, roles: ['guardian', 'janitor'] }),
        governance_token_not_configured: async () => {
          const bare = await LedgerWorld.open(backend);
          try {
            return await statusOf(bare, 'committees.create', { ...base, eligibility: { requiresIdentity: false, minStake: '1' } });
          } finally {
            await bare.close();
          }
        },
        amount_invalid: () => statusOf(w, 'committees.create', { ...base, eligibility: { requiresIdentity: false, minStake: '0.001' } }),
        committee_exists: async () => {
          await w.ok('committees.create', base);
          return statusOf(w, 'committees.create', { ...base, seats: 4 });
        },
        committees_max_reached: async () => {
          const full = withCommittees(w.engine.state, () => ({
            committees: new Map(Array.from({ length: committeesMax }, (_, i) => [`x${i}`, { ...base, id: `x${i}` } as never])),
          }));
          return codeOf(createCommittee.apply(full, base, ctxOf(w, w.admin.actorId)));
        },
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      expect(await row()).toBe(code);
      if (code !== 'committee_exists') expect(world.state.committees.has(id)).toBe(false);
    });

    it('a member granted committees.admin on committee:<id> may create that committee only', async () => {
      const member = await w.actor();
      await w.ok('access.grant', { actorId: member.actorId, action: 'committees.admin', resource: 'committee:granted' });
      const payload = { label: 'Granted', seats: 1, termSeconds: daySeconds, eligibility: { requiresIdentity: false } };
      expect(await statusOf(w, 'committees.create', { id: 'granted', ...payload }, member)).toBe('created');
      expect(await statusOf(w, 'committees.create', { id: 'other', ...payload }, member)).toBe('not_authorized');
    });
  });

  describe('committees.open_election', () => {
    it.each(openElectionRejections.map((code) => [code]))('rejection row: %s', async (code) => {
      const committee = await world.committee();
      const id = w.id('e');
      const now = world.nowMs();
      const payload = { id, committee, method: 'approval', nominationEndsMs: now + hourMs, votingEndsMs: now + 2 * hourMs };
      const rows: Record<string, () => Promise<string>> = {
        not_authorized: async () => statusOf(w, 'committees.open_election', payload, await w.actor()),
        committee_not_found: () => statusOf(w, 'committees.open_election', { ...payload, committee: 'ghost' }),
        election_exists: async () => {
          expect(await statusOf(w, 'committees.open_election', payload)).toBe('opened');
          expect(await statusOf(w, 'committees.open_election', payload)).toBe('exists');
          return statusOf(w, 'committees.open_election', { ...payload, method: 'ranked-choice' });
        },
        schedule_invalid: async () => {
          expect(await statusOf(w, 'committees.open_election', { ...payload, nominationEndsMs: now })).toBe('schedule_invalid');
          expect(await statusOf(w, 'committees.open_election', { ...payload, votingEndsMs: payload.nominationEndsMs })).toBe('schedule_invalid');
          return statusOf(w, 'committees.open_election', { ...payload, votingEndsMs: now + 400 * daySeconds * 1000 });
        },
        election_in_progress: async () => {
          await world.election(committee);
          return statusOf(w, 'committees.open_election', payload);
        },
        elections_max_reached: async () => {
          const full = withCommittees(w.engine.state, () => ({
            elections: new Map(Array.from({ length: electionsMax }, (_, i) => [`x${i}`, fakeElection(`x${i}`)])),
          }));
          return codeOf(openElection.apply(full, payload as never, ctxOf(w, w.admin.actorId)));
        },
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      expect(await row()).toBe(code);
    });
  });

  describe('committees.stand, vote and close_election rejections', () => {
    it.each(standRejections.map((code) => [code]))('stand rejection row: %s', async (code) => {
      const committee = await world.committee({ eligibility: { requiresIdentity: true } });
      const { id, nominationEndsMs } = await world.election(committee);
      const person = await world.person();
      const rows: Record<string, () => Promise<string>> = {
        election_not_found: () => statusOf(w, 'committees.stand', { election: 'ghost' }, person.principal),
        nomination_closed: () => {
          world.at(nominationEndsMs);
          return statusOf(w, 'committees.stand', { election: id }, person.principal);
        },
        already_candidate: async () => {
          expect(await statusOf(w, 'committees.stand', { election: id }, person.principal)).toBe('standing');
          return statusOf(w, 'committees.stand', { election: id }, person.principal);
        },
        not_eligible: async () => statusOf(w, 'committees.stand', { election: id }, (await world.person({ identity: false })).principal),
        candidates_max_reached: () => {
          const full = withCommittees(w.engine.state, (c) => ({
            elections: new Map([
              ...c.elections,
              [id, { ...fakeElection(id), ...c.elections.get(id), candidates: Array.from({ length: candidatesPerElectionMax }, (_, i) => `x${i}`) }],
            ]),
          }));
          return Promise.resolve(codeOf(stand.apply(full, { election: id }, ctxOf(w, person.actorId))));
        },
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      expect(await row()).toBe(code);
    });

    it.each(voteRejections.map((code) => [code]))('vote rejection row: %s', async (code) => {
      const committee = await world.committee();
      const { id, nominationEndsMs, votingEndsMs } = await world.election(committee);
      const [a, b] = await world.people(2);
      if (!a || !b) return expect.fail('two people');
      await world.stand(id, [a, b]);
      const voter = await world.person();
      const voteOn = (election: string, choice: unknown, by: Person = voter) => statusOf(w, 'committees.vote', { election, choice }, by.principal);
      const rows: Record<string, () => Promise<string>> = {
        election_not_found: () => {
          world.at(nominationEndsMs);
          return voteOn('ghost', [1]);
        },
        nomination_open: () => voteOn(id, [1]),
        voting_closed: () => {
          world.at(votingEndsMs);
          return voteOn(id, [1]);
        },
        not_identity_holder: async () => {
          const stranger = await world.person({ identity: false });
          world.at(nominationEndsMs);
          return voteOn(id, [1], stranger);
        },
        choice_invalid: async () => {
          world.at(nominationEndsMs);
          for (const choice of [[3], [1, 1], [0], [-1]]) expect(await voteOn(id, choice)).toBe('choice_invalid');
          // A fractional index never reaches apply: the schema refuses it before sequencing.
          await expect(Promise.resolve().then(() => voteOn(id, [1.5]))).rejects.toMatchObject({ code: 'validation_failed' });
          return voteOn(id, [2, 3]);
        },
        votes_max_reached: () => {
          world.at(nominationEndsMs);
          const ballots = new Map(
            Array.from({ length: votesPerElectionMax }, (_, i) => [`s${i}`, { voterId: `v${i}`, tokenId: `t${i}`, choice: [1], castMs: 0 }]),
          );
          const full = withCommittees(w.engine.state, (c) => {
            const current = c.elections.get(id);
            if (!current) throw new Error('the election exists');
            return { elections: new Map([...c.elections, [id, { ...current, ballots }]]) };
          });
          return Promise.resolve(codeOf(vote.apply(full, { election: id, choice: [1] }, ctxOf(w, voter.actorId))));
        },
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      expect(await row()).toBe(code);
      expect(election(world.state, id)?.ballots).toBe(0);
    });

    it.each(closeElectionRejections.map((code) => [code]))('close_election rejection row: %s', async (code) => {
      const { id, votingEndsMs } = await world.election(await world.committee());
      const anyone = await w.actor();
      const close = () => statusOf(w, 'committees.close_election', { election: id }, anyone);
      const rows: Record<string, () => Promise<string>> = {
        election_not_found: () => statusOf(w, 'committees.close_election', { election: 'ghost' }, anyone),
        election_not_ended: close,
        election_closed: async () => {
          world.at(votingEndsMs);
          expect(await statusOf(w, 'committees.close_election', { election: id }, anyone)).toBe('accepted');
          return close();
        },
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      expect(await row()).toBe(code);
    });

    it('close_election is pure: the same state and time give the same outcome', () => {
      const [closed] = [...world.state.elections.values()].filter((e) => e.result !== undefined);
      if (!closed) return expect.fail('a closed election');
      const ctx = ctxOf(w, 'anyone');
      expect(closeElection.apply(w.engine.state, { election: closed.id }, ctx)).toEqual(closeElection.apply(w.engine.state, { election: closed.id }, ctx));
    });
  });

  describe('eligibility: a BID and a minimum stake, the stricter of this module and staking', () => {
    let council: string;
    beforeAll(async () => {
      council = await world.committee({ eligibility: { requiresIdentity: true, minStake: '500' } });
      // The same id as the staking module's committee: BID and 2,000 there, 500 and no BID here.
      await w.ok('committees.create', {
        id: 'exec',
        label: 'Executive committee',
        seats: 3,
        termSeconds: daySeconds,
        eligibility: { requiresIdentity: false, minStake: '500' },
      });
    });

    it.each<[string, () => string, { identity: boolean; stake?: string }, string]>([
      ['no BID where one is required', () => council, { identity: false, stake: '1000' }, 'identity_required'],
      ['a BID and 499.99 staked of 500', () => council, { identity: true, stake: '499.99' }, 'below_minimum_stake'],
      ['a BID and nothing staked', () => council, { identity: true }, 'below_minimum_stake'],
      ['a BID and 500 staked', () => council, { identity: true, stake: '500' }, 'eligible'],
      ['exec: 1,000 staked, no BID (staking asks for one)', () => 'exec', { identity: false, stake: '1000' }, 'identity_required'],
      ['exec: a BID and 1,000 staked (staking asks for 2,000)', () => 'exec', { identity: true, stake: '1000' }, 'below_minimum_stake'],
      ['exec: a BID and 2,000 staked', () => 'exec', { identity: true, stake: '2000' }, 'eligible'],
    ])('%s', async (_name, committee, options, expected) => {
      const person = await world.person(options);
      const verdict = seatEligibility(w.engine.state, committee(), person.actorId);
      expect(verdict?.eligible ? 'eligible' : verdict?.reason).toBe(expected);
      const other = world.state.openElections.get(committee());
      const electionId = other ?? (await world.election(committee())).id;
      const outcome = await w.submit('committees.stand', { election: electionId }, person.principal);
      if (expected === 'eligible') expect(outcome.ok).toBe(true);
      else expect(outcome).toMatchObject({ ok: false, code: 'not_eligible', message: expect.stringMatching(new RegExp(`^${expected}:`)) });
    });
  });

  describe('eligibility: the constitution\u2019s committee rule is the stricter one too', () => {
    it.each<[string, { identity: boolean; stake?: string }, string]>([
      ['no BID where the constitution asks for one', { identity: false, stake: '500' }, 'identity_required'],
      ['a BID and 200 staked (the constitution asks for 300)', { identity: true, stake: '200' }, 'below_minimum_stake'],
      ['a BID and 300 staked', { identity: true, stake: '300' }, 'eligible'],
    ])('%s', async (_name, options, expected) => {
      if (!w.engine.state.modules.committees.committees.has('board')) {
        await w.ok('committees.create', {
          id: 'board',
          label: 'Board',
          seats: 3,
          termSeconds: daySeconds,
          eligibility: { requiresIdentity: false, minStake: '100' },
        });
        const rule = { kind: 'committee_eligibility', id: 'board-rule', label: 'Board seats', committee: 'board', requiresIdentity: true, minStake: '300' };
        await w.ok('constitution.set_rules', { rules: [rule] });
      }
      const person = await world.person(options);
      const verdict = seatEligibility(w.engine.state, 'board', person.actorId);
      expect(verdict?.eligible ? 'eligible' : verdict?.reason).toBe(expected);
    });
  });

  describe('an approval election filling three seats', () => {
    let committee: string;
    let candidates: Person[];
    let electionId: string;
    beforeAll(async () => {
      committee = await world.committee({ seats: 3, termSeconds: 30 * daySeconds, eligibility: { requiresIdentity: true, minStake: '100' } });
      candidates = await world.people(5, { stake: '100' });
      const e = await world.election(committee);
      electionId = e.id;
      await world.stand(electionId, candidates);
      const voters = await world.people(6);
      world.at(e.nominationEndsMs);
      // A..E are candidates 1..5. Approvals: A 3, B 2, C 2, D 2, E 1 (hand count in tally.test.ts).
      const choices = [[1, 2], [1, 3], [2, 3, 4], [1, 4], [5], []];
      for (const [i, voter] of voters.entries()) expect(await world.vote(electionId, voter, choices[i] ?? [])).toBe('cast');
      world.at(e.votingEndsMs);
    });

    it('seats A (3), then B and C (2 each, earlier standing beats D)', async () => {
      const anyone = await w.actor();
      const result = await w.ok<{ elected: string[]; ballotsCounted: number; termEndsMs: number }>(
        'committees.close_election',
        { election: electionId },
        anyone,
      );
      const [a, b, c] = candidates;
      expect(result.elected).toEqual([a?.actorId, b?.actorId, c?.actorId]);
      expect(result.ballotsCounted).toBe(6);
      expect(result.termEndsMs).toBe(world.nowMs() + 30 * daySeconds * 1000);
      expect(election(world.state, electionId)?.result?.elected.map((seat) => seat.votes)).toEqual([3, 2, 2]);
      expect(committeeMembers(world.state, committee, world.nowMs()).map((m) => m.actorId)).toEqual(result.elected);
      expect(world.state.openElections.has(committee)).toBe(false);
    });
  });

  describe('a ranked-choice election filling two seats', () => {
    it('seats C then B by sequential instant run-off (hand count in tally.test.ts)', async () => {
      const committee = await world.committee({ seats: 2 });
      const e = await world.election(committee, 'ranked-choice');
      const candidates = await world.people(4);
      await world.stand(e.id, candidates);
      world.at(e.nominationEndsMs);
      // 3 x A>C>B>D, 2 x B>C>A>D, 2 x C>B>A>D, 1 x D>B>C>A, 1 x D>C>B>A.
      // Seat 1: B out (tie for last, lowest-numbered), then D: C 6 of 9. Seat 2 without C: D out, B 6.
      const groups: [number, number[]][] = [
        [3, [1, 3, 2, 4]],
        [2, [2, 3, 1, 4]],
        [2, [3, 2, 1, 4]],
        [1, [4, 2, 3, 1]],
        [1, [4, 3, 2, 1]],
      ];
      for (const [count, choice] of groups) for (const voter of await world.people(count)) await world.vote(e.id, voter, choice);
      expect(await statusOf(w, 'committees.vote', { election: e.id, choice: [1, 2, 3] }, (await world.person()).principal)).toBe('choice_invalid');
      world.at(e.votingEndsMs);
      const result = await w.ok<{ elected: string[] }>('committees.close_election', { election: e.id });
      const [, b, c] = candidates;
      expect(result.elected).toEqual([c?.actorId, b?.actorId]);
      expect(election(world.state, e.id)?.result?.elected.map((seat) => seat.votes)).toEqual([6, 6]);
    });
  });

  describe('changing a vote, ineligible candidates and revoked voters', () => {
    it('a later ballot of the same person replaces the first, until voting ends', async () => {
      const committee = await world.committee({ seats: 1 });
      const e = await world.election(committee);
      const [a, b] = await world.people(2);
      if (!a || !b) return expect.fail('two people');
      await world.stand(e.id, [a, b]);
      const [v1, v2, v3] = await world.people(3);
      if (!v1 || !v2 || !v3) return expect.fail('three voters');
      world.at(e.nominationEndsMs);
      expect(await world.vote(e.id, v1, [1])).toBe('cast');
      expect(await world.vote(e.id, v2, [2])).toBe('cast');
      expect(await world.vote(e.id, v3, [1])).toBe('cast');
      expect(await world.vote(e.id, v3, [2])).toBe('changed');
      expect(election(world.state, e.id)?.ballots).toBe(3);
      expect(electionBallots(world.state, e.id).find((ballot) => ballot.voterId === v3.actorId)?.choice).toEqual([2]);
      world.at(e.votingEndsMs);
      expect(await statusOf(w, 'committees.vote', { election: e.id, choice: [1] }, v3.principal)).toBe('voting_closed');
      const result = await w.ok<{ elected: string[] }>('committees.close_election', { election: e.id });
      expect(result.elected).toEqual([b.actorId]);
    });

    it('a candidate no longer eligible at close is skipped; a revoked BID takes its ballot out', async () => {
      const committee = await world.committee({ seats: 1, eligibility: { requiresIdentity: true } });
      const e = await world.election(committee);
      const [a, b] = await world.people(2);
      if (!a || !b) return expect.fail('two people');
      await world.stand(e.id, [a, b]);
      const voters = await world.people(3);
      world.at(e.nominationEndsMs);
      for (const voter of voters) await world.vote(e.id, voter, [1]);
      await world.revoke(a);
      const [gone] = voters;
      if (!gone) return expect.fail('a voter');
      await world.revoke(gone);
      world.at(e.votingEndsMs);
      const result = await w.ok<{ elected: string[]; skipped: string[]; ballotsCounted: number }>('committees.close_election', { election: e.id });
      // A is skipped; nobody approved B, so the seat stays empty.
      expect(result).toMatchObject({ elected: [], skipped: [a.actorId], ballotsCounted: 2 });
    });
  });

  describe('terms, replacement, losing eligibility and roles', () => {
    let committee: string;
    let members: Person[];
    let closedMs: number;
    const termMs = 10 * daySeconds * 1000;

    beforeAll(async () => {
      committee = await world.committee({ seats: 2, termSeconds: 10 * daySeconds, eligibility: { requiresIdentity: true, minStake: '50' } });
      const e = await world.election(committee);
      members = await world.people(2, { stake: '50' });
      await world.stand(e.id, members);
      const voter = await world.person();
      world.at(e.nominationEndsMs);
      await world.vote(e.id, voter, [1, 2]);
      world.at(e.votingEndsMs);
      await w.ok('committees.close_election', { election: e.id });
      closedMs = world.nowMs();
    });

    it('roles: members hold what their committee holds, while they sit', async () => {
      const [a] = members;
      if (!a) return expect.fail('a member');
      expect(holdsRole(world.state, a.actorId, 'guardian', closedMs)).toBe(false);
      expect(await statusOf(w, 'committees.assign_role', { committee, role: 'guardian' })).toBe('assigned');
      expect(await statusOf(w, 'committees.assign_role', { committee, role: 'guardian' })).toBe('exists');
      expect(await statusOf(w, 'committees.assign_role', { committee, role: 'multisig_signer' })).toBe('assigned');
      expect(holdsRole(world.state, a.actorId, 'guardian', closedMs)).toBe(true);
      expect(holdsRole(world.state, a.actorId, 'guardian', closedMs - 1)).toBe(false);
      expect(holdsRole(world.state, a.actorId, 'guardian', closedMs + termMs)).toBe(false);
      expect(roleHolders(world.state, 'multisig_signer', closedMs)).toEqual(members.map((m) => m.actorId).sort());
      expect(await statusOf(w, 'committees.remove_role', { committee, role: 'multisig_signer' })).toBe('removed');
      expect(roleHolders(world.state, 'multisig_signer', closedMs)).toEqual([]);
      expect(world.state.committees.get(committee)?.roles).toEqual(['guardian']);
    });

    it('terms end after termSeconds', () => {
      expect(committeeMembers(world.state, committee, closedMs + termMs - 1)).toHaveLength(2);
      expect(committeeMembers(world.state, committee, closedMs + termMs)).toEqual([]);
      expect(committeeMembers(world.state, committee, closedMs - 1)).toEqual([]);
    });

    it('a member who loses the BID or the stake leaves at that moment', async () => {
      const [a, b] = members;
      if (!a?.stakeId || !b) return expect.fail('two members');
      await world.revoke(b);
      const revokedMs = world.nowMs();
      world.at(closedMs + daySeconds * 1000); // the one-day stake has matured
      await w.ok('staking.unstake', { stake: a.stakeId }, a.principal);
      const seats = world.state.committees.get(committee)?.members ?? [];
      expect(seats.map((seat) => [seat.actorId, seat.termEndsMs, seat.endedReason])).toEqual([
        [a.actorId, world.nowMs(), 'below_minimum_stake'],
        [b.actorId, revokedMs, 'identity_required'],
      ]);
      expect(committeeMembers(world.state, committee, world.nowMs())).toEqual([]);
      expect(holdsRole(world.state, a.actorId, 'guardian', world.nowMs() - 1)).toBe(true);
    });

    it('the next election replaces the members still sitting', async () => {
      const other = await world.committee({ seats: 1 });
      const first = await world.election(other);
      const [x, y] = await world.people(2);
      if (!x || !y) return expect.fail('two people');
      await world.stand(first.id, [x]);
      world.at(first.nominationEndsMs);
      await world.vote(first.id, x, [1]);
      world.at(first.votingEndsMs);
      await w.ok('committees.close_election', { election: first.id });
      const second = await world.election(other);
      await world.stand(second.id, [y]);
      world.at(second.nominationEndsMs);
      await world.vote(second.id, x, [1]);
      world.at(second.votingEndsMs);
      await w.ok('committees.close_election', { election: second.id });
      expect(committeeMembers(world.state, other, world.nowMs()).map((m) => m.actorId)).toEqual([y.actorId]);
      expect(world.state.committees.get(other)?.members[0]).toMatchObject({ actorId: x.actorId, termEndsMs: world.nowMs(), endedReason: 'replaced' });
    });

    it.each(assignRoleRejections.map((code) => [code]))('assign_role rejection row: %s', async (code) => {
      const rows: Record<string, () => Promise<string>> = {
        not_authorized: async () => statusOf(w, 'committees.assign_role', { committee, role: 'proposer' }, await w.actor()),
        committee_not_found: () => statusOf(w, 'committees.assign_role', { committee: 'ghost', role: 'proposer' }),
        role_invalid: () => statusOf(w, 'committees.assign_role', { committee, role: 'janitor' }),
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      expect(await row()).toBe(code);
      expect(world.state.committees.get(committee)?.roles).toEqual(['guardian']);
    });

    it.each(removeRoleRejections.map((code) => [code]))('remove_role rejection row: %s', async (code) => {
      const rows: Record<string, () => Promise<string>> = {
        not_authorized: async () => statusOf(w, 'committees.remove_role', { committee, role: 'guardian' }, await w.actor()),
        committee_not_found: () => statusOf(w, 'committees.remove_role', { committee: 'ghost', role: 'guardian' }),
        role_invalid: () => statusOf(w, 'committees.remove_role', { committee, role: 'janitor' }),
        role_not_held: () => statusOf(w, 'committees.remove_role', { committee, role: 'proposer' }),
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      expect(await row()).toBe(code);
      expect(world.state.committees.get(committee)?.roles).toEqual(['guardian']);
    });
  });

  describe('replay', () => {
    it('rebuilds the same committees state from the log', async () => {
      expect(world.state.elections.size).toBeGreaterThan(5);
      await w.engine.flush();
      const replayed = await loadState(w.dao.store);
      expect(replayed.state.modules.committees).toEqual(world.state);
    });
  });
});
