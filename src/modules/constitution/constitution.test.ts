import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { systemActorId } from '../../access/state.ts';
import { loadState } from '../../engine/replay.ts';
import type { Principal } from '../../engine/types.ts';
import { monthSeconds } from '../../kernel/rates.ts';
import {
  type ConstitutionState,
  committeeRule,
  constitutionRules,
  constitutionVersion,
  constitutionViolationCodes,
  incomeReserveStatus,
  outflowInWindowUnits,
  type ProposalFacts,
  type RuleInput,
  requiredVotingSeconds,
  reserveSatisfied,
  ruleInputs,
} from './index.ts';
import { rulesMax } from './limits.ts';
import { setRulesRejections } from './rejections.ts';
import { burnAction, ConstitutionWorld, setRulesAction, spendAction } from './test-world.ts';

const hourMs = 3_600_000;

/** The rules of the examples below, one of each kind. */
const bigSpend: RuleInput = {
  kind: 'max_spend',
  id: 'big-spend',
  label: 'Large community spends',
  fund: 'community',
  maxPercentOfFund: '10',
  supermajorityPercent: '66.6667',
};
const absoluteSpend: RuleInput = {
  kind: 'max_spend',
  id: 'big-spend-abs',
  label: 'Absolute spend cap',
  fund: 'community',
  maxAmount: '50',
  supermajorityPercent: '60',
};
const opsOutflow: RuleInput = { kind: 'rolling_outflow', id: 'ops-outflow', label: 'Ops outflow', fund: 'ops', amount: '300', periodSeconds: 3600 };
const educationReserve: RuleInput = {
  kind: 'income_reserve',
  id: 'education-reserve',
  label: '8 % for education and research',
  fund: 'education',
  percent: '8',
};
const treasuryProposers: RuleInput = {
  kind: 'proposer',
  id: 'treasury-proposers',
  label: 'Treasury proposers',
  requiresIdentity: true,
  minStake: '100',
  categories: ['treasury'],
};
const bidProposers: RuleInput = { kind: 'proposer', id: 'bid-proposer', label: 'Proposers hold a BID', requiresIdentity: true };
const executive: RuleInput = {
  kind: 'committee_eligibility',
  id: 'executive-seats',
  label: 'Executive committee',
  committee: 'executive',
  requiresIdentity: true,
  minStake: '500',
};
const conflict: RuleInput = { kind: 'conflict_of_interest', id: 'coi', label: 'Conflict of interest', supermajorityPercent: '75' };
const amendments: RuleInput = { kind: 'constitution_change', id: 'amend', label: 'Amendments', supermajorityPercent: '80', minVotingSeconds: 604_800 };

/** The AI DAO's income rules: 8 % of everything to education, then fees to agi, donations to governance. */
const aiDaoIncome = (reservePercent = '8') => ({
  asset: 'gov',
  reserve: [{ fund: 'education', percent: reservePercent }],
  classes: { service_fee: [{ fund: 'agi', percent: '100' }], donation: [{ fund: 'governance', percent: '100' }] },
  default: [
    { fund: 'governance', percent: '50' },
    { fund: 'agi', percent: '50' },
  ],
});
const incomeRulesAction = (payload: object): ProposalFacts['actions'][number] => ({ type: 'treasury.set_income_rules', payload });

async function expectInvalid(w: LedgerWorld, payload: unknown): Promise<void> {
  await expect(Promise.resolve().then(() => w.submit('constitution.set_rules', payload))).rejects.toMatchObject({ code: 'validation_failed' });
}

forEachBackend((backend) => {
  let w: LedgerWorld;
  let cw: ConstitutionWorld;
  const constitution = (): ConstitutionState => w.engine.state.modules.constitution;
  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
    cw = await ConstitutionWorld.create(w);
    await w.ok('treasury.create_fund', { id: 'ops', asset: 'gov', initial: { amount: '1000' } });
  });
  afterAll(async () => {
    await w.close();
  });

  describe('constitution.set_rules', () => {
    it('holds one rule of each kind, amounts and percents as exact bigints', async () => {
      const rules = [bigSpend, absoluteSpend, opsOutflow, educationReserve, treasuryProposers, executive, conflict, amendments];
      expect(await w.ok('constitution.set_rules', { rules })).toEqual({ version: 1, rules: 8, status: 'set' });
      expect(constitutionRules(constitution())).toEqual([
        { kind: 'max_spend', id: 'big-spend', label: 'Large community spends', fundId: 'community', maxShareOfFundPpm: 100_000n, supermajorityPpm: 666_667n },
        { kind: 'max_spend', id: 'big-spend-abs', label: 'Absolute spend cap', fundId: 'community', maxAmountUnits: 5000n, supermajorityPpm: 600_000n },
        { kind: 'rolling_outflow', id: 'ops-outflow', label: 'Ops outflow', fundId: 'ops', amountUnits: 30_000n, periodSeconds: 3600 },
        { kind: 'income_reserve', id: 'education-reserve', label: '8 % for education and research', fundId: 'education', reservePpm: 80_000n },
        {
          kind: 'proposer',
          id: 'treasury-proposers',
          label: 'Treasury proposers',
          requiresIdentity: true,
          minStakeUnits: 10_000n,
          categories: ['treasury'],
        },
        {
          kind: 'committee_eligibility',
          id: 'executive-seats',
          label: 'Executive committee',
          committeeId: 'executive',
          requiresIdentity: true,
          minStakeUnits: 50_000n,
        },
        { kind: 'conflict_of_interest', id: 'coi', label: 'Conflict of interest', supermajorityPpm: 750_000n },
        { kind: 'constitution_change', id: 'amend', label: 'Amendments', supermajorityPpm: 800_000n, minVotingSeconds: 604_800 },
      ]);
      // the rules as a client writes them round-trip: setting them again changes nothing
      expect(ruleInputs(w.engine.state)).toEqual(rules);
      expect(await w.ok('constitution.set_rules', { rules: ruleInputs(w.engine.state) })).toEqual({ version: 1, rules: 8, status: 'unchanged' });
      expect(constitutionVersion(constitution())).toEqual({ version: 1, amendedMs: w.clock.nowMs() });
    });

    it('committeeRule answers the committees module', () => {
      expect(committeeRule(constitution(), 'executive')).toEqual({ requiresIdentity: true, minStakeUnits: 50_000n });
      expect(committeeRule(constitution(), 'governance')).toBeUndefined();
    });

    it('an empty list repeals every rule (a new version)', async () => {
      expect(await w.ok('constitution.set_rules', { rules: [] })).toEqual({ version: 2, rules: 0, status: 'set' });
      expect(constitutionRules(constitution())).toEqual([]);
      expect(await w.ok('constitution.set_rules', { rules: [] })).toEqual({ version: 2, rules: 0, status: 'unchanged' });
    });

    it.each<[string, (w: LedgerWorld) => Promise<Principal>, string]>([
      ['the bootstrap admin (every grant)', async (w) => w.admin, 'accepted'],
      ['the system actor (governance executor)', async () => ({ actorId: systemActorId }), 'accepted'],
      ['a member without a grant', async (w) => w.actor(), 'not_authorized'],
      [
        'a member granted constitution.amend on constitution:rules',
        async (w) => {
          const member = await w.actor();
          await w.ok('access.grant', { actorId: member.actorId, action: 'constitution.amend', resource: 'constitution:rules' });
          return member;
        },
        'accepted',
      ],
      [
        'a member granted constitution.amend on another resource',
        async (w) => {
          const member = await w.actor();
          await w.ok('access.grant', { actorId: member.actorId, action: 'constitution.amend', resource: 'fund:community' });
          return member;
        },
        'not_authorized',
      ],
    ])('permission row: %s -> %s', async (_name, who, expected) => {
      const principal = await who(w);
      const rules = [{ ...conflict, label: `Conflict of interest (${principal.actorId})` }];
      expect(await w.code('constitution.set_rules', { rules }, principal)).toBe(expected);
    });

    it.each(setRulesRejections.filter((code) => code !== 'governance_asset_not_set'))('rejection row: %s', async (code) => {
      const rows: Record<string, [RuleInput[], Principal?]> = {
        not_authorized: [[conflict], { actorId: 'alice' }],
        rule_id_duplicate: [[conflict, { ...amendments, id: 'coi' }]],
        rule_invalid: [[{ kind: 'max_spend', id: 'x', label: 'No limit', fund: 'community', supermajorityPercent: '60' }]],
        fund_not_found: [[{ ...opsOutflow, fund: 'nope' }]],
        amount_invalid: [[{ ...absoluteSpend, maxAmount: '1.001' }]],
        percent_invalid: [[{ ...conflict, supermajorityPercent: '100.0001' }]],
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      const before = constitutionVersion(constitution());
      expect(await w.code('constitution.set_rules', { rules: row[0] }, row[1])).toBe(code);
      expect(constitutionVersion(constitution())).toEqual(before);
    });

    it.each<[string, RuleInput[], string]>([
      ['a second eligibility rule for one committee', [executive, { ...executive, id: 'executive-2' }], 'rule_invalid'],
      ['a 0 % income reserve', [{ ...educationReserve, percent: '0' }], 'percent_invalid'],
      ['a reserve above 100 %', [{ ...educationReserve, percent: '100.5' }], 'percent_invalid'],
      ['a stake finer than the token', [{ ...treasuryProposers, minStake: '0.001' }], 'amount_invalid'],
      [
        'a checked rule after a bad one still fails on the first',
        [
          { ...opsOutflow, fund: 'nope' },
          { ...conflict, supermajorityPercent: '101' },
        ],
        'fund_not_found',
      ],
    ])('more rejections: %s -> %s', async (_name, rules, code) => {
      expect(await w.code('constitution.set_rules', { rules })).toBe(code);
    });

    it(`schema: at most rulesMax (${rulesMax}) rules, bounded labels, closed shapes`, async () => {
      const many = (count: number) => Array.from({ length: count }, (_, index) => ({ ...conflict, id: `coi-${index}` }));
      expect(await w.ok('constitution.set_rules', { rules: many(rulesMax) })).toMatchObject({ rules: rulesMax, status: 'set' });
      await expectInvalid(w, { rules: many(rulesMax + 1) });
      await expectInvalid(w, { rules: [{ ...conflict, label: 'x'.repeat(201) }] });
      await expectInvalid(w, { rules: [{ ...conflict, label: '' }] });
      await expectInvalid(w, { rules: [{ ...conflict, kind: 'veto_everything' }] });
      await expectInvalid(w, { rules: [{ ...conflict, extra: true }] });
      await expectInvalid(w, { rules: [{ ...opsOutflow, periodSeconds: 0 }] });
      await expectInvalid(w, { rules: [{ ...opsOutflow, periodSeconds: monthSeconds * 12 + 1 }] });
      await expectInvalid(w, { rules: [{ ...educationReserve, percent: '8.12345' }] });
      await expectInvalid(w, { rules: [{ ...treasuryProposers, categories: [] }] });
      await expectInvalid(w, { rules: [{ ...absoluteSpend, maxAmount: 50 }] });
      await expectInvalid(w, { rules: [{ kind: 'committee_eligibility', id: 'c', label: 'c', committee: 'executive', minStake: '1' }] });
      await expectInvalid(w, {});
    });
  });

  describe('violations: one row per code, the exact message', () => {
    const rows: Record<string, () => { rules: RuleInput[]; facts: ProposalFacts; phase: 'create' | 'decide' | 'execute'; message: string }> = {
      constitution_max_spend: () => ({
        rules: [bigSpend],
        facts: cw.facts([spendAction('community', '150', cw.bob.account)], { supportPpm: 600_000n }),
        phase: 'decide',
        message:
          "constitution rule big-spend (Large community spends): the proposal spends 150 from fund community, above its limit of 100 (10 % of the fund's balance of 1000); it needs 66.6667 % support and has 60 %",
      }),
      constitution_rolling_outflow: () => ({
        rules: [opsOutflow],
        facts: cw.facts([spendAction('ops', '301', cw.bob.account)]),
        phase: 'create',
        message: 'constitution rule ops-outflow (Ops outflow): the proposal pays out 301 from fund ops, above the 300 it may pay out in any 3600 s',
      }),
      constitution_income_reserve: () => ({
        rules: [educationReserve],
        facts: cw.facts([incomeRulesAction(aiDaoIncome('5'))]),
        phase: 'create',
        message:
          'constitution rule education-reserve (8 % for education and research): the proposed income rules for gov guarantee fund education 5 % of all income, below the required 8 %',
      }),
      constitution_proposer: () => ({
        rules: [bidProposers],
        facts: cw.facts([], { proposerId: 'carol' }),
        phase: 'create',
        message: 'constitution rule bid-proposer (Proposers hold a BID): proposer carol holds no BID; proposals in category treasury need one',
      }),
      constitution_conflict_of_interest: () => ({
        rules: [conflict],
        facts: cw.facts([spendAction('community', '10', cw.alice.account)]),
        phase: 'create',
        message: `constitution rule coi (Conflict of interest): the proposal pays 10 from fund community to ${cw.alice.account}, an account of its proposer alice; it needs a disclosure`,
      }),
      constitution_change: () => ({
        rules: [amendments],
        facts: cw.facts([setRulesAction([])], { votingSeconds: 86_400 }),
        phase: 'create',
        message:
          'constitution rule amend (Amendments): the proposal changes the constitution; that needs a voting period of at least 604800 s, this one has 86400 s',
      }),
    };

    it.each(constitutionViolationCodes.map((code) => [code]))('%s', async (code) => {
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      const { rules, facts, phase, message } = row();
      await cw.setRules(rules);
      expect(cw.check(facts, phase)).toEqual({ rule: rules[0]?.id, code, message });
    });
  });

  describe('the AI DAO: 8 % of all income reserved for education and research', () => {
    it('is unsatisfied until the income rules reserve it, then holds', async () => {
      await cw.setRules([educationReserve]);
      expect(incomeReserveStatus(w.engine.state)).toEqual([
        { rule: 'education-reserve', fundId: 'education', assetId: 'gov', requiredPpm: 80_000n, guaranteedPpm: 0n, satisfied: false },
      ]);
      expect(reserveSatisfied(w.engine.state)).toBe(false);
      expect(await w.ok('treasury.set_income_rules', aiDaoIncome())).toEqual({ assetId: 'gov', status: 'set' });
      expect(incomeReserveStatus(w.engine.state)).toEqual([
        { rule: 'education-reserve', fundId: 'education', assetId: 'gov', requiredPpm: 80_000n, guaranteedPpm: 80_000n, satisfied: true },
      ]);
      expect(reserveSatisfied(w.engine.state)).toBe(true);
      // 1,000 of service fees: 80 to education, 920 to agi
      const payer = await w.account('gov');
      await w.mint('gov', payer, '1000');
      expect(await w.ok('treasury.deposit', { id: 'fee-1', from: payer, amount: '1000', class: 'service_fee' })).toMatchObject({
        parts: [
          { fund: 'education', amount: '80' },
          { fund: 'agi', amount: '920' },
        ],
      });
    });

    it.each<[string, object, string | undefined]>([
      ['keeping 8 %', aiDaoIncome('8'), undefined],
      ['raising it to 10 %', aiDaoIncome('10'), undefined],
      ['lowering it to 7.9999 %', aiDaoIncome('7.9999'), '7.9999 %'],
      [
        'no reserve, but 10 % of every list: 10 % is guaranteed',
        {
          asset: 'gov',
          reserve: [],
          classes: {
            service_fee: [
              { fund: 'education', percent: '10' },
              { fund: 'agi', percent: '90' },
            ],
          },
          default: [
            { fund: 'education', percent: '10' },
            { fund: 'governance', percent: '90' },
          ],
        },
        undefined,
      ],
      [
        'a class that skips education guarantees nothing',
        { asset: 'gov', reserve: [], classes: { service_fee: [{ fund: 'agi', percent: '100' }] }, default: [{ fund: 'education', percent: '100' }] },
        '0 %',
      ],
      [
        'a 4 % reserve plus 5 % of the rest: 4 + 4.8 = 8.8 %',
        {
          asset: 'gov',
          reserve: [{ fund: 'education', percent: '4' }],
          classes: {},
          default: [
            { fund: 'education', percent: '5' },
            { fund: 'agi', percent: '95' },
          ],
        },
        undefined,
      ],
      ['income rules of another asset are not this fund’s', { ...aiDaoIncome('1'), asset: 'other' }, undefined],
    ])('a proposal setting income rules, %s', async (_name, payload, guaranteed) => {
      const facts = cw.facts([incomeRulesAction(payload)]);
      const expected =
        guaranteed === undefined
          ? undefined
          : {
              rule: 'education-reserve',
              code: 'constitution_income_reserve',
              message: `constitution rule education-reserve (8 % for education and research): the proposed income rules for gov guarantee fund education ${guaranteed} of all income, below the required 8 %`,
            };
      for (const phase of ['create', 'decide', 'execute'] as const) expect(cw.check(facts, phase)).toEqual(expected);
    });

    it('the query flags income rules that the admin set below the reserve', async () => {
      await w.ok('treasury.set_income_rules', aiDaoIncome('5'));
      expect(incomeReserveStatus(w.engine.state)[0]).toMatchObject({ guaranteedPpm: 50_000n, satisfied: false });
      expect(reserveSatisfied(w.engine.state)).toBe(false);
      await w.ok('treasury.set_income_rules', aiDaoIncome());
      expect(reserveSatisfied(w.engine.state)).toBe(true);
    });
  });

  describe('max_spend', () => {
    it('by share of the fund: above 10 % of the balance needs the supermajority', async () => {
      await cw.setRules([bigSpend]);
      const spend = (amount: string) => cw.facts([spendAction('community', amount, cw.bob.account)]);
      expect(cw.required(spend('100'))).toBeUndefined();
      expect(cw.required(spend('100.01'))).toEqual({ ppm: 666_667n, rule: 'big-spend' });
      // two spends from the fund add up; a spend from another fund does not count
      expect(cw.required(cw.facts([spendAction('community', '60', cw.bob.account, 'a'), spendAction('community', '50', cw.bob.account, 'b')]))).toEqual({
        ppm: 666_667n,
        rule: 'big-spend',
      });
      expect(cw.required(cw.facts([spendAction('ops', '900', cw.bob.account)]))).toBeUndefined();
      // creation never checks support; the decision checks it when given
      expect(cw.check({ ...spend('150'), supportPpm: 0n }, 'create')).toBeUndefined();
      expect(cw.check(spend('150'), 'decide')).toBeUndefined();
      expect(cw.check({ ...spend('150'), supportPpm: 666_667n }, 'decide')).toBeUndefined();
      expect(cw.check({ ...spend('150'), supportPpm: 666_666n }, 'decide')?.code).toBe('constitution_max_spend');
    });

    it('by absolute amount', async () => {
      await cw.setRules([absoluteSpend]);
      const facts = (amount: string, supportPpm?: bigint) => cw.facts([spendAction('community', amount, cw.bob.account)], { supportPpm });
      expect(cw.required(facts('50'))).toBeUndefined();
      expect(cw.required(facts('50.01'))).toEqual({ ppm: 600_000n, rule: 'big-spend-abs' });
      expect(cw.check(facts('50.01', 500_000n), 'execute')).toEqual({
        rule: 'big-spend-abs',
        code: 'constitution_max_spend',
        message:
          'constitution rule big-spend-abs (Absolute spend cap): the proposal spends 50.01 from fund community, above its limit of 50 (an absolute limit); it needs 60 % support and has 50 %',
      });
    });

    it('with both limits the smaller applies, read from the balance at check time', async () => {
      await cw.setRules([{ ...bigSpend, maxAmount: '120' }]);
      const facts = cw.facts([spendAction('community', '60', cw.bob.account)], { supportPpm: 500_000n });
      expect(cw.check(facts, 'decide')).toBeUndefined(); // limit min(100, 120) = 100
      await cw.spend('community', '500'); // the balance falls to 500: 10 % is 50
      expect(cw.required(facts)).toEqual({ ppm: 666_667n, rule: 'big-spend' });
      expect(cw.check(facts, 'decide')?.message).toBe(
        "constitution rule big-spend (Large community spends): the proposal spends 60 from fund community, above its limit of 50 (10 % of the fund's balance of 500); it needs 66.6667 % support and has 50 %",
      );
    });
  });

  describe('conflict_of_interest', () => {
    const paysAlice = (fields: Partial<ProposalFacts> = {}) => cw.facts([spendAction('community', '10', cw.alice.account)], fields);

    it('without a disclosure, paying the proposer is a violation in every phase', async () => {
      await cw.setRules([conflict]);
      for (const phase of ['create', 'decide', 'execute'] as const) {
        expect(cw.check(paysAlice(), phase)?.code).toBe('constitution_conflict_of_interest');
        expect(cw.check(paysAlice({ disclosure: ' \n ' }), phase)?.code).toBe('constitution_conflict_of_interest');
      }
    });

    it('with a disclosure it needs the supermajority', async () => {
      const disclosed = paysAlice({ disclosure: 'I lead the team that this grant pays.' });
      expect(cw.check(disclosed, 'create')).toBeUndefined();
      expect(cw.required(disclosed)).toEqual({ ppm: 750_000n, rule: 'coi' });
      expect(cw.check({ ...disclosed, supportPpm: 700_000n }, 'decide')).toEqual({
        rule: 'coi',
        code: 'constitution_conflict_of_interest',
        message: `constitution rule coi (Conflict of interest): the proposal pays 10 from fund community to ${cw.alice.account}, an account of its proposer alice; it needs 75 % support and has 70 %`,
      });
      expect(cw.check({ ...disclosed, supportPpm: 750_000n }, 'decide')).toBeUndefined();
    });

    it('paying someone else is no conflict', () => {
      const paysBob = cw.facts([spendAction('community', '10', cw.bob.account)]);
      expect(cw.check(paysBob, 'create')).toBeUndefined();
      expect(cw.required(paysBob)).toBeUndefined();
      // but bob proposing to pay himself is
      expect(cw.check({ ...paysBob, proposerId: 'bob' }, 'create')?.code).toBe('constitution_conflict_of_interest');
    });
  });

  describe('proposer requirements: a BID and a stake', () => {
    it('checks at creation, in the named categories only', async () => {
      await cw.setRules([treasuryProposers]);
      const facts = cw.facts([]);
      const prefix = 'constitution rule treasury-proposers (Treasury proposers): ';
      expect(cw.check(facts, 'create')?.message).toBe(`${prefix}proposer alice holds no BID; proposals in category treasury need one`);
      expect(cw.check(facts, 'decide')).toBeUndefined();
      expect(cw.check({ ...facts, category: 'social' }, 'create')).toBeUndefined();
      await cw.verify(cw.alice);
      expect(cw.check(facts, 'create')?.message).toBe(`${prefix}proposer alice has 0 staked, below the required 100`);
      await cw.stake(cw.alice, '99.5');
      expect(cw.check(facts, 'create')).toEqual({
        rule: 'treasury-proposers',
        code: 'constitution_proposer',
        message: `${prefix}proposer alice has 99.5 staked, below the required 100`,
      });
      await cw.stake(cw.alice, '0.5'); // stakes add up
      expect(cw.check(facts, 'create')).toBeUndefined();
    });

    it('a stake-only rule lets a member without a BID propose', async () => {
      await cw.setRules([{ kind: 'proposer', id: 'stakers', label: 'Stakers propose', minStake: '10' }]);
      expect(cw.check(cw.facts([], { proposerId: 'bob' }), 'create')?.message).toBe(
        'constitution rule stakers (Stakers propose): proposer bob has 0 staked, below the required 10',
      );
      await cw.stake(cw.bob, '10');
      expect(cw.check(cw.facts([], { proposerId: 'bob' }), 'create')).toBeUndefined();
    });
  });

  describe('rolling_outflow', () => {
    it('counts the fund’s spends and burns in the window at execution', async () => {
      await cw.setRules([opsOutflow]);
      const pays = (...actions: ProposalFacts['actions']) => cw.facts(actions);
      expect(cw.check(pays(spendAction('ops', '300', cw.bob.account)), 'create')).toBeUndefined();
      expect(cw.check(pays(spendAction('ops', '301', cw.bob.account)), 'decide')?.code).toBe('constitution_rolling_outflow');
      await cw.spend('ops', '200');
      expect(outflowInWindowUnits(constitution(), 'ops', 3600, w.clock.nowMs())).toBe(20_000n);
      // before execution only the proposal itself counts
      expect(cw.check(pays(spendAction('ops', '150', cw.bob.account)), 'decide')).toBeUndefined();
      expect(cw.check(pays(spendAction('ops', '150', cw.bob.account)), 'execute')).toEqual({
        rule: 'ops-outflow',
        code: 'constitution_rolling_outflow',
        message:
          "constitution rule ops-outflow (Ops outflow): fund ops paid out 200 in the last 3600 s; with the proposal's 150 that is 350, above the limit of 300",
      });
      await w.ok('treasury.burn', { id: 'ops-burn-1', fund: 'ops', amount: '50' });
      expect(cw.check(pays(spendAction('ops', '50', cw.bob.account)), 'execute')).toBeUndefined();
      expect(cw.check(pays(spendAction('ops', '25', cw.bob.account, 'a'), burnAction('ops', '25.01')), 'execute')?.code).toBe('constitution_rolling_outflow');
      w.clock.advanceMs(hourMs); // the window is (now - 1 h, now]: the outflows an hour ago have left it
      expect(outflowInWindowUnits(constitution(), 'ops', 3600, w.clock.nowMs())).toBe(0n);
      expect(cw.check(pays(spendAction('ops', '300', cw.bob.account)), 'execute')).toBeUndefined();
    });
  });

  describe('constitution_change', () => {
    const change = (fields: Partial<ProposalFacts> = {}) => cw.facts([setRulesAction([])], { category: 'constitution', ...fields });

    it('asks its supermajority and a long enough vote of a proposal that sets the rules', async () => {
      await cw.setRules([amendments]);
      expect(cw.required(change())).toEqual({ ppm: 800_000n, rule: 'amend' });
      expect(requiredVotingSeconds(w.engine.state, change())).toEqual({ seconds: 604_800, rule: 'amend' });
      expect(cw.check(change({ votingSeconds: 604_800 }), 'create')).toBeUndefined();
      expect(cw.check(change({ votingSeconds: 604_799 }), 'decide')?.code).toBe('constitution_change');
      const short = { votingSeconds: 1, supportPpm: 790_000n };
      expect(cw.check(change(short), 'execute')).toEqual({
        rule: 'amend',
        code: 'constitution_change',
        message: 'constitution rule amend (Amendments): the proposal changes the constitution; it needs 80 % support and has 79 %',
      });
      expect(cw.check(change({ supportPpm: 800_000n }), 'execute')).toBeUndefined();
      expect(cw.required(cw.facts([]))).toBeUndefined();
      expect(requiredVotingSeconds(w.engine.state, cw.facts([]))).toBeUndefined();
    });
  });

  describe('several rules', () => {
    it('requiredSupportPpm is the highest demand; on a tie the first rule', async () => {
      await cw.setRules([bigSpend, conflict, amendments, { ...conflict, id: 'coi-2' }]);
      const disclosure = 'mine';
      const paysAlice = spendAction('community', '150', cw.alice.account);
      expect(cw.required(cw.facts([paysAlice], { disclosure }))).toEqual({ ppm: 750_000n, rule: 'coi' });
      expect(cw.required(cw.facts([paysAlice, setRulesAction([])], { disclosure }))).toEqual({ ppm: 800_000n, rule: 'amend' });
      expect(cw.required(cw.facts([spendAction('community', '150', cw.bob.account)]))).toEqual({ ppm: 666_667n, rule: 'big-spend' });
      expect(cw.required(cw.facts([]))).toBeUndefined();
    });

    it('checkConstitution reports the first violated rule in rule order', async () => {
      // bob (no BID) proposes to pay himself without a disclosure: both rules are violated
      const facts = cw.facts([spendAction('community', '10', cw.bob.account)], { proposerId: 'bob' });
      await cw.setRules([conflict, bidProposers]);
      expect(cw.check(facts, 'create')?.rule).toBe('coi');
      await cw.setRules([bidProposers, conflict]);
      expect(cw.check(facts, 'create')?.rule).toBe('bid-proposer');
      // committee eligibility is never a proposal violation
      await cw.setRules([executive]);
      expect(cw.check(facts, 'create')).toBeUndefined();
    });
  });

  it('replaying the log rebuilds the same constitution state', async () => {
    await cw.setRules([bigSpend, opsOutflow, educationReserve, treasuryProposers, executive, conflict, amendments]);
    await w.engine.flush();
    const replayed = await loadState(w.dao.store);
    expect(replayed.state.modules.constitution).toEqual(constitution());
    expect(constitutionRules(replayed.state.modules.constitution)).toEqual(constitutionRules(constitution()));
    expect(replayed.state.modules.constitution.outflows.get('ops')?.length).toBe(2);
  });
});

forEachBackend((backend) => {
  describe('without a governance token', () => {
    let w: LedgerWorld;
    beforeAll(async () => {
      w = await LedgerWorld.open(backend);
      await ConstitutionWorld.create(w, { configureEconomy: false });
    });
    afterAll(async () => {
      await w.close();
    });

    it('rejection row: governance_asset_not_set (a stake needs the token’s decimals)', async () => {
      expect(await w.code('constitution.set_rules', { rules: [treasuryProposers] })).toBe('governance_asset_not_set');
      expect(await w.code('constitution.set_rules', { rules: [bidProposers] })).toBe('accepted');
    });
  });
});
