/** Rules as clients write them (decimal strings) and as the state holds them (bigints). */
import type { EngineState } from '../../engine/state.ts';
import { type Rejected, rejected } from '../../engine/types.ts';
import { formatAmount, parseAmount } from '../../kernel/amount.ts';
import { isPolityError } from '../../kernel/errors.ts';
import { percentToPpm, ppmToPercent } from '../../kernel/rates.ts';
import { treasuryFund } from '../treasury/index.ts';
import type { RuleInput } from './schema.ts';
import type { Rule } from './state.ts';

type Parsed<T> = T | Rejected;

const isRejected = (value: unknown): value is Rejected => typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;

function percent(ruleId: string, field: string, text: string): Parsed<bigint> {
  try {
    return percentToPpm(text);
  } catch (error) {
    if (isPolityError(error)) return rejected('percent_invalid', `rule ${ruleId}: ${field}: ${error.message}`);
    throw error;
  }
}

function amount(ruleId: string, field: string, text: string, decimals: number): Parsed<bigint> {
  try {
    return parseAmount(text, { decimals, allowZero: true });
  } catch (error) {
    if (isPolityError(error)) return rejected('amount_invalid', `rule ${ruleId}: ${field}: ${error.message}`);
    throw error;
  }
}

/** Decimals of a fund's asset: the fund's amounts (limits, outflows) are in that asset. */
function fundDecimals(engine: EngineState, ruleId: string, fundId: string): Parsed<number> {
  const fund = treasuryFund(engine.modules.treasury, fundId);
  const asset = fund && engine.ledger.assets.get(fund.assetId);
  if (!asset) return rejected('fund_not_found', `rule ${ruleId}: no fund ${fundId}`);
  return asset.decimals;
}

/** Decimals of the governance token: stakes are counted in it. */
function tokenDecimals(engine: EngineState, ruleId: string): Parsed<number> {
  const assetId = engine.modules.economy.governanceAssetId;
  const asset = assetId === undefined ? undefined : engine.ledger.assets.get(assetId);
  if (!asset) return rejected('governance_asset_not_set', `rule ${ruleId}: a stake needs the governance token (economy.configure)`);
  return asset.decimals;
}

/**
 * Parses the rules in order; each rule's own checks run in the order of rejections.ts
 * (rule_invalid, fund_not_found, governance_asset_not_set, amount_invalid, percent_invalid).
 */
export function parseRules(engine: EngineState, inputs: readonly RuleInput[]): Rule[] | Rejected {
  const rules: Rule[] = [];
  for (const input of inputs) {
    if (rules.some((rule) => rule.id === input.id)) return rejected('rule_id_duplicate', `rule id ${input.id} is used twice`);
    const rule = parseRule(engine, input, rules);
    if (isRejected(rule)) return rule;
    rules.push(rule);
  }
  return rules;
}

function parseRule(engine: EngineState, input: RuleInput, earlier: readonly Rule[]): Parsed<Rule> {
  const head = { id: input.id, label: input.label };
  switch (input.kind) {
    case 'max_spend':
      return parseMaxSpend(engine, input);
    case 'rolling_outflow': {
      const decimals = fundDecimals(engine, input.id, input.fund);
      if (isRejected(decimals)) return decimals;
      const amountUnits = amount(input.id, 'amount', input.amount, decimals);
      if (isRejected(amountUnits)) return amountUnits;
      return { kind: input.kind, ...head, fundId: input.fund, amountUnits, periodSeconds: input.periodSeconds };
    }
    case 'income_reserve': {
      const decimals = fundDecimals(engine, input.id, input.fund);
      if (isRejected(decimals)) return decimals;
      const reservePpm = percent(input.id, 'percent', input.percent);
      if (isRejected(reservePpm)) return reservePpm;
      if (reservePpm === 0n) return rejected('percent_invalid', `rule ${input.id}: a reserve of 0 % asks nothing; leave the rule out`);
      return { kind: input.kind, ...head, fundId: input.fund, reservePpm };
    }
    case 'proposer':
    case 'committee_eligibility':
      return parseEligibility(engine, input, earlier);
    case 'conflict_of_interest':
    case 'constitution_change': {
      const supermajorityPpm = percent(input.id, 'supermajorityPercent', input.supermajorityPercent);
      if (isRejected(supermajorityPpm)) return supermajorityPpm;
      if (input.kind === 'conflict_of_interest') return { kind: input.kind, ...head, supermajorityPpm };
      const rule: Rule = { kind: input.kind, ...head, supermajorityPpm };
      if (input.minVotingSeconds !== undefined) rule.minVotingSeconds = input.minVotingSeconds;
      return rule;
    }
  }
}

function parseMaxSpend(engine: EngineState, input: Extract<RuleInput, { kind: 'max_spend' }>): Parsed<Rule> {
  if (input.maxPercentOfFund === undefined && input.maxAmount === undefined) {
    return rejected('rule_invalid', `rule ${input.id}: a max_spend rule needs maxPercentOfFund, maxAmount or both`);
  }
  const decimals = fundDecimals(engine, input.id, input.fund);
  if (isRejected(decimals)) return decimals;
  const maxAmountUnits = input.maxAmount === undefined ? undefined : amount(input.id, 'maxAmount', input.maxAmount, decimals);
  if (isRejected(maxAmountUnits)) return maxAmountUnits;
  const maxShareOfFundPpm = input.maxPercentOfFund === undefined ? undefined : percent(input.id, 'maxPercentOfFund', input.maxPercentOfFund);
  if (isRejected(maxShareOfFundPpm)) return maxShareOfFundPpm;
  const supermajorityPpm = percent(input.id, 'supermajorityPercent', input.supermajorityPercent);
  if (isRejected(supermajorityPpm)) return supermajorityPpm;
  const rule: Rule = { kind: 'max_spend', id: input.id, label: input.label, fundId: input.fund, supermajorityPpm };
  // Absent limits stay absent (not undefined members): the live state and a replay must match.
  if (maxShareOfFundPpm !== undefined) rule.maxShareOfFundPpm = maxShareOfFundPpm;
  if (maxAmountUnits !== undefined) rule.maxAmountUnits = maxAmountUnits;
  return rule;
}

function parseEligibility(
  engine: EngineState,
  input: Extract<RuleInput, { kind: 'proposer' | 'committee_eligibility' }>,
  earlier: readonly Rule[],
): Parsed<Rule> {
  if (input.kind === 'committee_eligibility' && earlier.some((rule) => rule.kind === 'committee_eligibility' && rule.committeeId === input.committee)) {
    return rejected('rule_invalid', `rule ${input.id}: committee ${input.committee} has an eligibility rule already`);
  }
  let minStakeUnits = 0n;
  if (input.minStake !== undefined) {
    const decimals = tokenDecimals(engine, input.id);
    if (isRejected(decimals)) return decimals;
    const parsed = amount(input.id, 'minStake', input.minStake, decimals);
    if (isRejected(parsed)) return parsed;
    minStakeUnits = parsed;
  }
  const head = { id: input.id, label: input.label };
  if (input.kind === 'committee_eligibility') {
    return { kind: input.kind, ...head, committeeId: input.committee, requiresIdentity: input.requiresIdentity, minStakeUnits };
  }
  const rule: Rule = { kind: input.kind, ...head, requiresIdentity: input.requiresIdentity ?? false, minStakeUnits };
  if (input.categories !== undefined) rule.categories = [...input.categories];
  return rule;
}

/**
 * The rules in force as a client writes them: `constitution.set_rules` with this list changes
 * nothing, so an amendment starts from it.
 */
export function ruleInputs(engine: EngineState): RuleInput[] {
  return engine.modules.constitution.rules.map((rule) => ruleInput(engine, rule));
}

function ruleInput(engine: EngineState, rule: Rule): RuleInput {
  const fundAmount = (fundId: string, units: bigint): string => {
    const fund = treasuryFund(engine.modules.treasury, fundId);
    return formatAmount(units, (fund && engine.ledger.assets.get(fund.assetId))?.decimals ?? 0);
  };
  const assetId = engine.modules.economy.governanceAssetId;
  const tokenAmount = (units: bigint): string => formatAmount(units, (assetId === undefined ? undefined : engine.ledger.assets.get(assetId))?.decimals ?? 0);
  const head = { id: rule.id, label: rule.label };
  switch (rule.kind) {
    case 'max_spend':
      return {
        kind: rule.kind,
        ...head,
        fund: rule.fundId,
        ...(rule.maxShareOfFundPpm === undefined ? {} : { maxPercentOfFund: ppmToPercent(rule.maxShareOfFundPpm) }),
        ...(rule.maxAmountUnits === undefined ? {} : { maxAmount: fundAmount(rule.fundId, rule.maxAmountUnits) }),
        supermajorityPercent: ppmToPercent(rule.supermajorityPpm),
      };
    case 'rolling_outflow':
      return { kind: rule.kind, ...head, fund: rule.fundId, amount: fundAmount(rule.fundId, rule.amountUnits), periodSeconds: rule.periodSeconds };
    case 'income_reserve':
      return { kind: rule.kind, ...head, fund: rule.fundId, percent: ppmToPercent(rule.reservePpm) };
    case 'proposer':
      return {
        kind: rule.kind,
        ...head,
        requiresIdentity: rule.requiresIdentity,
        ...(rule.minStakeUnits === 0n ? {} : { minStake: tokenAmount(rule.minStakeUnits) }),
        ...(rule.categories === undefined ? {} : { categories: [...rule.categories] }),
      };
    case 'committee_eligibility':
      return { kind: rule.kind, ...head, committee: rule.committeeId, requiresIdentity: rule.requiresIdentity, minStake: tokenAmount(rule.minStakeUnits) };
    case 'conflict_of_interest':
      return { kind: rule.kind, ...head, supermajorityPercent: ppmToPercent(rule.supermajorityPpm) };
    case 'constitution_change':
      return {
        kind: rule.kind,
        ...head,
        supermajorityPercent: ppmToPercent(rule.supermajorityPpm),
        ...(rule.minVotingSeconds === undefined ? {} : { minVotingSeconds: rule.minVotingSeconds }),
      };
  }
}
