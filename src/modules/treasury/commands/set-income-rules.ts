import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, type Rejected, rejected } from '../../../engine/types.ts';
import { assert } from '../../../kernel/assert.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import { percentToPpm, ppmToPercent, ppmWhole } from '../../../kernel/rates.ts';
import type { IncomeShareEntry, TreasuryIncomeRulesSet } from '../events.ts';
import { incomeClassesMax, incomeSharesMax } from '../limits.ts';
import { incomeClassPattern, SetIncomeRulesSchema } from '../schema.ts';
import type { IncomeRules, IncomeShare, TreasuryState } from '../state.ts';

export type SetIncomeRulesPayload = Static<typeof SetIncomeRulesSchema>;
type ShareItem = SetIncomeRulesPayload['default'][number];
export interface SetIncomeRulesResult {
  assetId: string;
  status: 'set' | 'unchanged';
}

const incomeClassRegExp = new RegExp(incomeClassPattern);

/**
 * Sets how income in one asset is split among the funds, replacing the earlier rules. The
 * reserve shares are taken from every payment first (at most 100 % together); each class
 * list and the default list split the rest and add up to exactly 100 %.
 */
export const setIncomeRules: CommandDefinition<EngineState, SetIncomeRulesPayload, SetIncomeRulesResult> = {
  type: 'treasury.set_income_rules',
  schema: SetIncomeRulesSchema,
  apply(state, payload, ctx) {
    const classEntries = Object.entries(payload.classes);
    assert(classEntries.length <= incomeClassesMax, 'the schema bounds the income classes');
    assert(
      classEntries.every(([name]) => incomeClassRegExp.test(name)),
      'the schema checks income class names',
    );
    if (!can(state.access, ctx.actorId, 'economy.admin', ['treasury:config', 'economy:config'])) {
      return rejected('not_authorized', `${ctx.actorId} may not set treasury income rules`);
    }
    const asset = state.ledger.assets.get(payload.asset);
    if (!asset) return rejected('asset_not_found', `no asset ${payload.asset}`);
    const lists: [string, readonly ShareItem[]][] = [
      ['reserve', payload.reserve],
      ...classEntries.map(([name, list]): [string, ShareItem[]] => [`classes.${name}`, list]),
      ['default', payload.default],
    ];
    const parsed = new Map<string, IncomeShare[]>();
    for (const [name, list] of lists) {
      const shares = parseList(state.modules.treasury, asset.id, name, list);
      if ('code' in shares) return shares;
      parsed.set(name, shares);
    }
    const sumProblem = checkSums(parsed);
    if (sumProblem) return sumProblem;
    const next: IncomeRules = {
      assetId: asset.id,
      reserve: parsed.get('reserve') ?? [],
      classes: new Map(classEntries.map(([name]) => [name, parsed.get(`classes.${name}`) ?? []])),
      default: parsed.get('default') ?? [],
    };
    const current = state.modules.treasury.incomeRules.get(asset.id);
    if (current && sameRules(current, next)) return accepted([], { assetId: asset.id, status: 'unchanged' });
    const event: TreasuryIncomeRulesSet = {
      type: 'treasury_income_rules_set',
      assetId: asset.id,
      reserve: entries(next.reserve),
      classes: [...next.classes].map(([incomeClass, shares]) => ({ incomeClass, shares: entries(shares) })),
      default: entries(next.default),
    };
    return accepted([event], { assetId: asset.id, status: 'set' });
  },
};

/** Checks each entry of one list in order: its percent, then its fund, then duplicates. */
function parseList(treasury: TreasuryState, assetId: string, name: string, list: readonly ShareItem[]): IncomeShare[] | Rejected {
  assert(list.length <= incomeSharesMax, 'the schema bounds a split list');
  const shares: IncomeShare[] = [];
  for (const item of list) {
    let ppm: bigint;
    try {
      ppm = percentToPpm(item.percent);
    } catch (error) {
      if (isPolityError(error)) return rejected('percent_invalid', `${name}: ${error.message}`);
      throw error;
    }
    if (ppm === 0n) return rejected('percent_invalid', `${name}: fund ${item.fund} has 0 %; leave it out instead`);
    const fund = treasury.funds.get(item.fund);
    if (!fund) return rejected('fund_not_found', `${name}: no fund ${item.fund}`);
    if (fund.assetId !== assetId) return rejected('fund_asset_mismatch', `${name}: fund ${fund.id} holds ${fund.assetId}, not ${assetId}`);
    if (shares.some((share) => share.fundId === fund.id)) return rejected('income_rule_duplicate_fund', `${name}: fund ${fund.id} is listed twice`);
    shares.push({ fundId: fund.id, ppm });
  }
  return shares;
}

function checkSums(parsed: ReadonlyMap<string, IncomeShare[]>): Rejected | undefined {
  for (const [name, shares] of parsed) {
    const sum = shares.reduce((total, share) => total + share.ppm, 0n);
    if (name === 'reserve' ? sum > ppmWhole : sum !== ppmWhole) {
      const expected = name === 'reserve' ? 'at most 100' : 'exactly 100';
      return rejected('percent_sum_invalid', `${name}: the percents add up to ${ppmToPercent(sum)}, not ${expected}`);
    }
  }
  return undefined;
}

function sameShares(a: readonly IncomeShare[], b: readonly IncomeShare[]): boolean {
  return a.length === b.length && a.every((share, index) => share.fundId === b[index]?.fundId && share.ppm === b[index]?.ppm);
}

function sameRules(current: IncomeRules, next: IncomeRules): boolean {
  if (!sameShares(current.reserve, next.reserve) || !sameShares(current.default, next.default)) return false;
  if (current.classes.size !== next.classes.size) return false;
  return [...next.classes].every(([name, shares]) => {
    const known = current.classes.get(name);
    return known !== undefined && sameShares(known, shares);
  });
}

/** Shares as the log keeps them: exact percent strings, which evolve turns back into ppm. */
function entries(shares: readonly IncomeShare[]): IncomeShareEntry[] {
  return shares.map((share) => ({ fundId: share.fundId, percent: ppmToPercent(share.ppm) }));
}
