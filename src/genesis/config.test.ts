import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPolityError } from '../kernel/errors.ts';
import { percentToPpm, ppmWhole } from '../kernel/rates.ts';
import { type ConfigProblem, type GenesisConfig, loadGenesisConfig, monthSeconds, parseDuration, parseGenesisConfig, yearSeconds } from './config.ts';

const examples = join(import.meta.dirname, '..', '..', 'examples');

/** The problems a text has, as `line: message`; [] when it loads. */
function problemsOf(text: string): string[] {
  try {
    parseGenesisConfig(text, 'test.yaml');
    return [];
  } catch (error) {
    if (!isPolityError(error) || error.code !== 'config_invalid') throw error;
    const problems = (error.details?.problems ?? []) as ConfigProblem[];
    return problems.map((problem) => `${problem.line}: ${problem.message}`);
  }
}

// Lines 1-3: a token T with 2 decimals and a supply of 1,000.
const head = `dao: { name: Test }
tokens: [ { id: T, symbol: T, decimals: 2, supply: fixed, maxSupply: "1000" } ]
governanceToken: T
`;
// Lines 4-5: one allocation of the whole supply to alice.
const toAlice = `allocations:
  - { name: all, label: All, percent: "100", to: { account: alice } }
`;
const valid = head + toAlice;
// Lines 4-6: a fund and the whole supply in it.
const withFund = `${head}treasury: { funds: [ { id: eco, label: Eco } ] }
allocations:
  - { name: eco, label: Eco, percent: "100", to: { fund: eco } }
`;
// Lines 4-7: a staking section with one tier, rewards from alice's... no: from a fund.
const staking = (extra = '') => `${withFund}staking:
  rewardsFrom: { fund: eco }
  tiers: [ { id: d30, duration: 30d, apyPercent: "3", minimum: "10" } ]
${extra}`;

describe('genesis config: one row per kind of mistake', () => {
  const rows: [string, string, string[]][] = [
    ['valid minimal config', valid, []],
    ['empty file', '', ['1: the file must be a set of "key: value" entries starting with dao:, tokens: and so on (found nothing)']],
    [
      'a broken key hides nothing else in its section',
      staking('  earlyExit: { penaltyPercent: "10", after: 1d }\n').replace('rewardsFrom: { fund: eco }', 'rewardsFrom: { fund: eco2 }'),
      ["8: staking: rewardsFrom: unknown fund 'eco2' (did you mean 'eco'?)", "10: staking: earlyExit: unknown key 'after' (expected penaltyPercent)"],
    ],
    [
      'a broken item hides nothing else in its list',
      `${head}allocations:\n  - { name: a, label: A, percent: "50", to: { account: alice }, vesting: { kind: linear } }\n  - { name: b, label: B, percent: "50", to: { fund: eco } }\n`,
      ["5: allocation a: vesting: missing required key 'duration'", "6: allocation b: unknown fund 'eco' (no funds are declared)"],
    ],
    [
      'unknown key, with a suggestion',
      `${head}allocations:\n  - { name: all, label: All, percent: "100", to: { account: alice }, vestng: { kind: immediate } }\n`,
      ["5: allocation all: unknown key 'vestng' (did you mean 'vesting'?)"],
    ],
    ['unknown top-level key', `${valid}pool: []\n`, ["6: unknown key 'pool' (did you mean 'pools'?)"]],
    [
      'unknown key without a close match lists the keys',
      `${valid}dao2: {}\n`.replace('dao2', 'zzz'),
      [
        "6: unknown key 'zzz' (expected one of: dao, genesis, tokens, governanceToken, nftClasses, identity, actors, treasury, pools, allocations, staking, burns, revenue, governance)",
      ],
    ],
    ['missing required key', `${head}`, ["1: missing required key 'allocations'"]],
    ['missing key inside an item', `${head}allocations:\n  - { name: all, label: All, percent: "100" }\n`, ["5: allocation all: missing required key 'to'"]],
    [
      'unquoted amount',
      valid.replace('maxSupply: "1000"', 'maxSupply: 1000'),
      ['2: token T: maxSupply must be an amount in quotes, such as "1000": YAML reads an unquoted number as a floating-point number, which can lose digits'],
    ],
    [
      'unquoted percent',
      valid.replace('percent: "100"', 'percent: 100'),
      [
        '5: allocation all: percent must be a percentage in quotes, such as "100": YAML reads an unquoted number as a floating-point number, which can lose digits',
      ],
    ],
    [
      'percent with a % sign',
      staking().replace('apyPercent: "3"', 'apyPercent: "3%"'),
      ['9: tier d30: apyPercent must be a percentage such as "3" (found "3%")'],
    ],
    [
      'percent above 100',
      valid.replace('percent: "100"', 'percent: "150"'),
      ['5: allocation all: percent must be a percentage from 0 to 100 with at most 4 decimals; "150" is above 100'],
    ],
    [
      'percent with too many decimals',
      valid.replace('percent: "100"', 'percent: "99.99999"'),
      ['5: allocation all: percent must be a percentage from 0 to 100 with at most 4 decimals; "99.99999" has more than 4 decimals'],
    ],
    [
      'amount with thousands separators',
      valid.replace('"1000"', '"1,000"'),
      ['2: token T: maxSupply must be an amount such as "1000" or "12.5" without thousands separators (found "1,000")'],
    ],
    ['not a boolean', staking('  voteRequiresStake: yes\n'), ['10: staking: voteRequiresStake must be true or false (found "yes")']],
    ['not a whole number', valid.replace('decimals: 2', 'decimals: 19'), ['2: token T: decimals must be a whole number from 0 to 18 (found 19)']],
    [
      'not one of the choices',
      valid.replace('supply: fixed', 'supply: fixd'),
      ['2: token T: supply must be one of: fixed, mintable; found "fixd" (did you mean \'fixed\'?)'],
    ],
    ['not a list', `${head}allocations: { name: all }\n`, ['4: allocations must be a list: lines starting with "- ", or [a, b] (found a set of keys)']],
    [
      'not an id',
      valid.replace('account: alice', 'account: "al ice"'),
      [`5: allocation all: to.account must be an account id: 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit (found "al ice")`],
    ],
    [
      'malformed duration',
      valid.replace('to: { account: alice }', 'to: { account: alice }, vesting: { kind: linear, duration: 6 months }'),
      ['5: allocation all: vesting.duration must be a duration such as "30d", "6mo" or "2y" (units: s, min, h, d, w, mo, y; found "6 months")'],
    ],
    [
      'duration without a unit',
      valid.replace('to: { account: alice }', 'to: { account: alice }, vesting: { kind: linear, duration: 36 }'),
      ['5: allocation all: vesting.duration must be a duration with a unit, such as "36d" or "6mo" (units: s, min, h, d, w, mo, y)'],
    ],
    [
      'unknown vesting kind',
      valid.replace('to: { account: alice }', 'to: { account: alice }, vesting: { kind: linar, duration: 36mo }'),
      ['5: allocation all: vesting.kind must be one of: immediate, linear, cliff, milestones, epochs; found "linar" (did you mean \'linear\'?)'],
    ],
    [
      'a key the vesting kind does not take',
      valid.replace('to: { account: alice }', 'to: { account: alice }, vesting: { kind: linear, cliff: 1y, duration: 36mo }'),
      ["5: allocation all: vesting: unknown key 'cliff' (expected one of: kind, lockup, duration)"],
    ],
    [
      'genesis not an ISO time',
      `${valid}genesis: "1 January 2025"\n`,
      ['6: genesis must be an ISO 8601 time such as "2025-01-01T00:00:00Z" (found "1 January 2025")'],
    ],
    [
      'genesis on a day that does not exist',
      `${valid}genesis: "2025-02-30"\n`,
      ['6: genesis must be an ISO 8601 time such as "2025-01-01T00:00:00Z" (found "2025-02-30")'],
    ],
    ['YAML syntax error', `${valid}dao: { name: Again }\n`, ["6: key 'dao' appears twice here; each key may be given once"]],
    [
      'duplicate token and class id',
      `${valid}nftClasses: [ { id: T, symbol: NT } ]\n`,
      ["6: class 'T' has the same id as the token on line 2; tokens and classes share one set of ids"],
    ],
    ['duplicate token id', valid.replace(']', ', { id: T, symbol: U, decimals: 0 } ]'), ["2: token 'T' is declared twice (first on line 2)"]],
    [
      'duplicate fund id',
      withFund.replace('{ id: eco, label: Eco } ]', '{ id: eco, label: Eco }, { id: eco, label: Two } ]'),
      ["4: fund 'eco' is declared twice (first on line 4)"],
    ],
    [
      'duplicate allocation name',
      `${head}allocations:\n  - { name: a, label: A, percent: "50", to: { account: alice } }\n  - { name: a, label: B, percent: "50", to: { account: bob } }\n`,
      ["6: allocation 'a' is declared twice (first on line 5)"],
    ],
    [
      'duplicate pool id',
      `${head}pools:\n  - { id: p, schedule: { kind: immediate }, factors: { compute: 1 } }\n  - { id: p, schedule: { kind: immediate }, factors: { compute: 1 } }\nallocations:\n  - { name: p, label: P, percent: "100", to: { pool: p } }\n`,
      ["6: pool 'p' is declared twice (first on line 5)"],
    ],
    [
      'duplicate tier id',
      staking().replace('minimum: "10" } ]', 'minimum: "10" }, { id: d30, duration: 90d, apyPercent: "5", minimum: "10" } ]'),
      ["9: tier 'd30' is declared twice (first on line 9)"],
    ],
    [
      'duplicate committee id',
      staking('  committees: [ { id: c, minimum: "1" }, { id: c, minimum: "2" } ]\n'),
      ["10: committee 'c' is declared twice (first on line 10)"],
    ],
    [
      'duplicate fee class',
      `${valid}burns: { fees: [ { class: compute, burnPercent: "1" }, { class: compute, burnPercent: "2" } ] }\n`,
      ["6: fee class 'compute' is declared twice (first on line 6)"],
    ],
    [
      'duplicate milestone burn',
      `${withFund}burns:\n  milestones:\n    - { id: m, label: M, amount: "1", from: { fund: eco } }\n    - { id: m, label: N, amount: "2", from: { fund: eco } }\n`,
      ["10: milestone burn 'm' is declared twice (first on line 9)"],
    ],
    [
      'duplicate revenue policy',
      `${valid}revenue: { policies: [ { id: s, mode: stake }, { id: s, mode: stake } ] }\n`,
      ["6: revenue policy 's' is declared twice (first on line 6)"],
    ],
    ['duplicate actor', `${valid}actors: [ { id: bob, kind: member }, { id: bob, kind: agent } ]\n`, ["6: actor 'bob' is declared twice (first on line 6)"]],
    ['reserved actor id', `${valid}actors: [ { id: system, kind: member } ]\n`, ["6: actor id 'system' is reserved for the engine itself"]],
    [
      'duplicate milestone in a schedule',
      valid.replace(
        'to: { account: alice }',
        'to: { account: alice }, vesting: { kind: milestones, tranches: [ { milestone: m, percent: "50" }, { milestone: m, percent: "50" } ] }',
      ),
      ["5: allocation all: vesting: milestone 'm' is declared twice (first on line 5)"],
    ],
    ['unknown governance token', valid.replace('governanceToken: T', 'governanceToken: U'), ["3: governanceToken: unknown token 'U' (did you mean 'T'?)"]],
    ['unknown fund', withFund.replace('to: { fund: eco }', 'to: { fund: ecco }'), ["6: allocation eco: unknown fund 'ecco' (did you mean 'eco'?)"]],
    [
      'unknown fund without treasury',
      valid.replace('to: { account: alice }', 'to: { fund: eco }'),
      ["5: allocation all: unknown fund 'eco' (no funds are declared)"],
    ],
    [
      'unknown pool',
      `${head}pools: [ { id: mining, schedule: { kind: immediate }, factors: { compute: 1 } } ]\nallocations:\n  - { name: m, label: M, percent: "100", to: { pool: minning } }\n`,
      ['4: pool mining has no allocation: add one with to: { pool: mining }', "6: allocation m: unknown pool 'minning' (did you mean 'mining'?)"],
    ],
    [
      'unknown fund in income rules',
      `${withFund.replace('treasury: { funds: [ { id: eco, label: Eco } ] }', 'treasury: { funds: [ { id: eco, label: Eco } ], income: { default: [ { fund: gov, percent: "100" } ] } }')}`,
      ["4: treasury: income.default: unknown fund 'gov' (the funds are: eco)"],
    ],
    ['unknown identity class', `${valid}identity: { class: BID }\n`, ["6: identity: unknown NFT class 'BID' (no NFT classes are declared)"]],
    [
      'unknown verifier',
      `${valid}nftClasses: [ { id: BID, symbol: BID, soulbound: true } ]\nidentity: { class: BID, verifiers: [ carol ] }\n`,
      ["7: identity: verifiers: unknown actor 'carol' (the actors are: alice)"],
    ],
    [
      'unknown revenue policy',
      `${valid}burns: { fees: [ { class: compute, burnPercent: "1", stakersPercent: "30", stakersPolicy: stakers } ] }\n`,
      ["6: fee class compute: unknown revenue policy 'stakers' (no revenue policies are declared)"],
    ],
    [
      'unknown fund for a milestone burn',
      `${withFund}burns: { milestones: [ { id: m, label: M, amount: "1", from: { fund: ecosystem } } ] }\n`,
      ["7: milestone burn m: unknown fund 'ecosystem' (the funds are: eco)"],
    ],
    [
      'unknown rewards pool',
      staking().replace('rewardsFrom: { fund: eco }', 'rewardsFrom: { pool: eco }'),
      ["8: staking: rewardsFrom: unknown pool 'eco' (no pools are declared)"],
    ],
    ['allocations short of the supply', valid.replace('percent: "100"', 'amount: "999"'), ['4: allocations add up to 999 T, 1 short of the supply 1,000']],
    [
      'allocations over the supply',
      `${head}allocations:\n  - { name: a, label: A, percent: "60", to: { account: alice } }\n  - { name: b, label: B, amount: "400.01", to: { account: bob } }\n`,
      ['4: allocations add up to 1,000.01 T, 0.01 more than the supply 1,000'],
    ],
    [
      'percent of supply not exact in base units',
      `${head}allocations:\n  - { name: a, label: A, percent: "33.3333", to: { account: alice } }\n  - { name: b, label: B, amount: "666.67", to: { account: bob } }\n`,
      ['5: allocation a: 33.3333% of the supply 1,000 T is not a whole number of base units (T has 2 decimals); give an amount instead'],
    ],
    [
      'amount with more decimals than the token',
      valid.replace('percent: "100"', 'amount: "1000.001"'),
      ['5: allocation all: amount "1000.001" has 3 decimals, but T has only 2 decimals'],
    ],
    [
      'both percent and amount',
      valid.replace('percent: "100"', 'percent: "100", amount: "1000"'),
      ['5: allocation all: give either percent or amount, not both'],
    ],
    [
      'neither percent nor amount',
      valid.replace('percent: "100", ', ''),
      ['5: allocation all: give its size as a percent of the supply (percent: "10") or an amount (amount: "2100000")'],
    ],
    ['zero percent', valid.replace('percent: "100"', 'percent: "0"'), ['5: allocation all: percent must be more than zero']],
    [
      'two targets',
      withFund.replace('to: { fund: eco }', 'to: { fund: eco, account: alice }'),
      ['6: allocation eco: to must name exactly one of account, fund or pool (found account and fund)'],
    ],
    [
      'tranches not adding up to 100',
      valid.replace(
        'to: { account: alice }',
        'to: { account: alice }, vesting: { kind: milestones, tranches: [ { milestone: a, percent: "50" }, { milestone: b, percent: "40" } ] }',
      ),
      ['5: allocation all: vesting tranches add up to 90%, not 100%'],
    ],
    [
      'pool epochs not adding up to 100',
      `${head}pools:\n  - id: mining\n    factors: { compute: 1 }\n    schedule:\n      kind: epochs\n      epochs: [ { duration: 2y, percent: "40" }, { duration: 2y, percent: "30.5" } ]\nallocations:\n  - { name: m, label: M, percent: "100", to: { pool: mining } }\n`,
      ['9: pool mining: schedule epochs add up to 70.5%, not 100%'],
    ],
    [
      'cliff longer than duration',
      valid.replace('to: { account: alice }', 'to: { account: alice }, vesting: { kind: cliff, cliff: 2y, duration: 1y }'),
      ['5: allocation all: vesting: the cliff is longer than the duration'],
    ],
    [
      'pool with two allocations',
      `${head}pools: [ { id: p, schedule: { kind: immediate }, factors: { compute: 1 } } ]\nallocations:\n  - { name: a, label: A, percent: "50", to: { pool: p } }\n  - { name: b, label: B, percent: "50", to: { pool: p } }\n`,
      ['7: allocation b: pool p is already funded by allocation a (line 6); a pool takes exactly one allocation'],
    ],
    [
      'pool allocation with a vesting key',
      `${head}pools: [ { id: p, schedule: { kind: immediate }, factors: { compute: 1 } } ]\nallocations:\n  - { name: a, label: A, percent: "100", to: { pool: p }, vesting: { kind: immediate } }\n`,
      ["6: allocation a: an allocation to pool p follows the pool's schedule; remove its vesting"],
    ],
    [
      'income list not adding up to 100',
      withFund.replace(
        '] }\nallocations',
        '], income: { classes: { donation: [ { fund: eco, percent: "60" } ] }, default: [ { fund: eco, percent: "100" } ] } }\nallocations',
      ),
      ['4: treasury: income class donation adds up to 60%, not 100%'],
    ],
    [
      'reserve over 100',
      withFund.replace(
        '] }\nallocations',
        '], income: { reserve: [ { fund: eco, percent: "60" }, { fund: eco, percent: "50" } ], default: [ { fund: eco, percent: "100" } ] } }\nallocations',
      ),
      ['4: treasury: income.reserve adds up to 110%; it may be at most 100%'],
    ],
    [
      'burn rate outside its range',
      `${valid}burns: { fees: [ { class: compute, burnPercent: "4", range: ["1", "3"] } ] }\n`,
      ['6: fee class compute: burnPercent 4% is outside its range of 1% to 3%'],
    ],
    [
      'range upside down',
      `${valid}burns: { fees: [ { class: compute, burnPercent: "2", range: ["3", "1"] } ] }\n`,
      ['6: fee class compute: range starts at 3%, above its end at 1%'],
    ],
    [
      'range of one value',
      `${valid}burns: { fees: [ { class: compute, burnPercent: "2", range: ["3"] } ] }\n`,
      ['6: fee class compute: range must be two percentages, [lowest, highest], such as ["1", "3"]'],
    ],
    [
      'stakers share without a policy',
      `${valid}burns: { fees: [ { class: compute, burnPercent: "2", stakersPercent: "30" } ] }\n`,
      ['6: fee class compute: stakersPercent needs a stakersPolicy: the revenue policy that shares it among stakers'],
    ],
    [
      'burn and stakers share over 100',
      `${valid}burns: { fees: [ { class: c, burnPercent: "80", stakersPercent: "30", stakersPolicy: s } ] }\nrevenue: { policies: [ { id: s, mode: stake } ] }\n`,
      ['6: fee class c: burnPercent and stakersPercent add up to 110%; at most 100% of a fee can be handed out'],
    ],
    [
      'governance token without a maxSupply',
      valid.replace('supply: fixed, maxSupply: "1000"', 'supply: mintable'),
      ['3: governanceToken T needs a fixed supply with a maxSupply: the allocations must add up to it (set supply: fixed and maxSupply on the token)'],
    ],
    ['fixed supply without a maxSupply', valid.replace(', maxSupply: "1000"', ''), ['2: token T: a fixed supply needs a maxSupply']],
    [
      'identity class not soulbound',
      `${valid}nftClasses: [ { id: BID, symbol: BID } ]\nidentity: { class: BID }\n`,
      ['7: identity: class BID must be soulbound (soulbound: true on the class), so that an identity cannot change hands'],
    ],
    [
      'committee needs identity but there is none',
      staking('  committees: [ { id: gov, minimum: "10", requiresIdentity: true } ]\n'),
      ['10: committee gov: requiresIdentity needs an identity section naming the identity NFT class'],
    ],
    [
      'committee minimum with too many decimals',
      staking('  committees: [ { id: gov, minimum: "0.001" } ]\n'),
      ['10: committee gov: minimum "0.001" has 3 decimals, but T has only 2 decimals'],
    ],
    ['early exit neither rejected nor a penalty', staking('  earlyExit: allowed\n'), ['10: staking: earlyExit must be one of: rejected; found "allowed"']],
  ];

  it.each(rows)('%s', (_name, text, expected) => {
    expect(problemsOf(text)).toEqual(expected);
  });
});

describe('genesis config: reporting', () => {
  it('lists every problem, each as FILE:LINE:COLUMN: message, in file order', () => {
    const text = `${head}allocations:\n  - { name: a, label: A, percent: 10, to: { account: alice } }\n  - { name: b, label: B, percent: "5", to: { fund: nowhere }, vestng: {} }\n`;
    let caught: unknown;
    try {
      parseGenesisConfig(text, 'dao.yaml');
    } catch (error) {
      caught = error;
    }
    expect(isPolityError(caught) && caught.code).toBe('config_invalid');
    const message = (caught as Error).message.split('\n');
    expect(message).toEqual([
      'dao.yaml: the genesis configuration has 3 problems:',
      'dao.yaml:5:35: allocation a: percent must be a percentage in quotes, such as "10": YAML reads an unquoted number as a floating-point number, which can lose digits',
      "dao.yaml:6:52: allocation b: unknown fund 'nowhere' (no funds are declared)",
      "dao.yaml:6:63: allocation b: unknown key 'vestng' (did you mean 'vesting'?)",
    ]);
    expect((caught as { details: { problems: ConfigProblem[] } }).details.problems[0]).toEqual({
      line: 5,
      column: 35,
      path: 'allocations[0].percent',
      message:
        'allocation a: percent must be a percentage in quotes, such as "10": YAML reads an unquoted number as a floating-point number, which can lose digits',
    });
  });

  it('says by how much the allocations miss the supply, in token units', () => {
    const text = readFileSync(join(examples, 'btt.yaml'), 'utf8');
    const short = text.replace('label: "Strategic Reserve Fund"\n    percent: "1"', 'label: "Strategic Reserve Fund"\n    amount: "209000"');
    expect(short).not.toBe(text);
    const line = text.split('\n').indexOf('allocations:') + 1;
    expect(problemsOf(short)).toEqual([`${line}: allocations add up to 20,999,000 BTT, 1,000 short of the supply 21,000,000`]);
  });

  it('reports a missing file as config_invalid', () => {
    expect(() => loadGenesisConfig(join(examples, 'no-such-file.yaml'))).toThrow(/cannot read the file/);
  });

  it('parses durations in the documents calendar', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400);
    expect(parseDuration('6mo')).toBe(6 * monthSeconds);
    expect(parseDuration('36mo')).toBe(94_672_800);
    expect(parseDuration('2y')).toBe(2 * yearSeconds);
    expect(parseDuration('90min')).toBe(5_400);
    expect(() => parseDuration('1.5y')).toThrow(/not a duration/);
    expect(() => parseDuration('6 months')).toThrow(/not a duration/);
  });

  it('normalises a config: defaults, seconds, units and targets', () => {
    const config = parseGenesisConfig(staking(), 'test.yaml');
    expect(config.allocations).toEqual([
      { name: 'eco', label: 'Eco', percent: '100', amount: '1000', units: 100_000n, to: { kind: 'fund', id: 'eco' }, vesting: { kind: 'immediate' } },
    ]);
    expect(config.staking).toEqual({
      rewardsFrom: { kind: 'fund', id: 'eco' },
      earlyExit: { kind: 'rejected' },
      voteRequiresStake: false,
      committees: [],
      tiers: [{ id: 'd30', durationSeconds: 30 * 86_400, apyPercent: '3', minimum: '10' }],
    });
    expect(config.genesisMs).toBeUndefined();
    expect(config.burns).toEqual({ fees: [], milestones: [] });
    expect(config.revenue).toEqual({ policies: [] });
  });
});

describe('genesis config: the examples', () => {
  const load = (name: string): GenesisConfig => loadGenesisConfig(join(examples, name));
  const percentOf = (config: GenesisConfig) => config.allocations.map((allocation) => allocation.percent);

  it('BTT: 21,000,000 fixed, twelve allocations adding up to the supply in base units', () => {
    const config = load('btt.yaml');
    expect(config.genesisMs).toBe(Date.UTC(2025, 0, 1));
    expect(config.tokens).toEqual([{ id: 'BTT', symbol: 'BTT', decimals: 18, supply: 'fixed', maxSupply: '21000000', label: 'BTT' }]);
    expect(config.allocations).toHaveLength(12);
    expect(config.allocations.reduce((sum, allocation) => sum + allocation.units, 0n)).toBe(21_000_000n * 10n ** 18n);
    expect(percentOf(config)).toEqual(['10', '5', '3', '3', '2', '8', '17', '30', '12', '7', '2', '1']);
    const byName = new Map(config.allocations.map((allocation) => [allocation.name, allocation]));
    expect(byName.get('bitwave-lab')).toMatchObject({
      amount: '2100000',
      vesting: { kind: 'linear', lockupSeconds: 6 * monthSeconds, durationSeconds: 36 * monthSeconds },
    });
    expect(byName.get('m-dao')?.vesting).toEqual({ kind: 'linear', lockupSeconds: 3 * monthSeconds, durationSeconds: 30 * monthSeconds });
    expect(byName.get('team-advisors')?.vesting).toEqual({ kind: 'linear', lockupSeconds: 12 * monthSeconds, durationSeconds: 48 * monthSeconds });
    expect(byName.get('mining')).toMatchObject({ amount: '6300000', to: { kind: 'pool', id: 'mining' } });
    expect(byName.get('liquidity')).toMatchObject({ amount: '420000', to: { kind: 'fund', id: 'liquidity' }, vesting: { kind: 'immediate' } });
    const foundation = byName.get('foundation');
    expect(foundation?.to).toEqual({ kind: 'fund', id: 'foundation' });
    expect(foundation?.vesting.kind).toBe('milestones');
    const mining = config.pools[0];
    expect(mining?.schedule).toEqual({
      kind: 'epochs',
      epochs: ['40', '30', '20', '10'].map((percent) => ({ durationSeconds: 2 * yearSeconds, percent })),
    });
    expect(Object.keys(mining?.factors ?? {})).toEqual(['compute', 'quality', 'geography', 'energy']);
  });

  it('BTT: five staking tiers, fee burns, milestone burns', () => {
    const config = load('btt.yaml');
    const tiers = config.staking?.tiers ?? [];
    expect(tiers.map((tier) => [tier.durationSeconds / 86_400, tier.apyPercent, tier.minimum])).toEqual([
      [30, '3', '1000'],
      [90, '5', '5000'],
      [180, '8', '10000'],
      [365, '12', '50000'],
      [1095, '18', '100000'],
    ]);
    expect(tiers.map((tier) => tier.rewardBurnPercent)).toEqual([undefined, undefined, undefined, '10', '20']);
    expect(tiers[4]?.benefits).toEqual({ computePriority: true, feeDiscountPercent: '20', votingMultiplier: '1.5', specialAccess: true });
    expect(config.staking?.rewardsFrom).toEqual({ kind: 'fund', id: 'community' });
    expect(config.burns.fees.map((fee) => [fee.class, fee.burnPercent, fee.range])).toEqual([
      ['compute', '2', { minPercent: '1', maxPercent: '3' }],
      ['asset-tokenization', '3', { minPercent: '2', maxPercent: '5' }],
      ['payments', '0.75', { minPercent: '0.5', maxPercent: '1' }],
    ]);
    expect(config.burns.fees[0]).toMatchObject({ stakersPolicy: 'stakers' });
    expect(config.revenue.policies).toEqual([{ id: 'stakers', mode: 'stake' }]);
    expect(config.burns.milestones.map((milestone) => [milestone.amount, milestone.from])).toEqual([
      ['30000', { kind: 'fund', id: 'ecosystem' }],
      ['70000', { kind: 'fund', id: 'ecosystem' }],
      ['170000', { kind: 'fund', id: 'ecosystem' }],
      ['100000', { kind: 'fund', id: 'ecosystem' }],
    ]);
  });

  it('AI DAO: Table 4.1 and the 8 % for education', () => {
    const config = load('aidao.yaml');
    expect(config.tokens[0]).toMatchObject({ supply: 'fixed', maxSupply: '1000000000' });
    expect(percentOf(config)).toEqual(['39', '20', '7', '16', '6', '5', '7']);
    expect(config.allocations.reduce((sum, allocation) => sum + allocation.units, 0n)).toBe(10n ** 9n * 10n ** 18n);
    expect(config.allocations[0]?.vesting).toEqual({ kind: 'linear', lockupSeconds: 0, durationSeconds: 36 * monthSeconds });
    expect(config.staking?.voteRequiresStake).toBe(true);
    expect(config.staking?.tiers.length).toBeGreaterThan(0);
    expect(config.treasury.income).toEqual({
      reserve: [{ fund: 'education', percent: '8' }],
      classes: {},
      default: [{ fund: 'treasury', percent: '100' }],
    });
  });

  it('BytomDAO: soulbound BID identity, two funds with income rules, two committees', () => {
    const config = load('bytomdao.yaml');
    expect(config.governanceToken).toBe('BTM');
    expect(config.nftClasses).toEqual([{ id: 'BID', symbol: 'BID', soulbound: true, label: 'BytomDAO identity' }]);
    expect(config.identity).toEqual({ class: 'BID', verifiers: ['identity-registrar'] });
    expect(config.treasury.funds.map((fund) => fund.id)).toEqual(expect.arrayContaining(['governance', 'agi']));
    expect(config.treasury.income?.classes).toEqual({
      donation: [{ fund: 'governance', percent: '100' }],
      membership_fee: [{ fund: 'governance', percent: '100' }],
      service_fee: [{ fund: 'agi', percent: '100' }],
    });
    expect(config.staking?.committees.map((committee) => [committee.id, committee.requiresIdentity])).toEqual([
      ['governance', true],
      ['executive', true],
    ]);
    const total = config.allocations.reduce((sum, allocation) => sum + percentToPpm(allocation.percent ?? '0'), 0n);
    expect(total).toBe(ppmWhole);
  });
});
