/**
 * The constitution's checks: pure functions of the engine state and a proposal's facts, so
 * governance can run them at creation, at the decision and again at execution.
 */
import type { EngineState } from '../../engine/state.ts';
import { formatAmount } from '../../kernel/amount.ts';
import { ppmToPercent, sharePpmFloor } from '../../kernel/rates.ts';
import { balanceUnits } from '../../ledger/state.ts';
import { hasIdentity } from '../identity/index.ts';
import { stakedUnitsOf } from '../staking/index.ts';
import { spentInWindowUnits, treasuryFund } from '../treasury/index.ts';
import {
  type CheckPhase,
  changesConstitution,
  hasDisclosure,
  incomeRuleChanges,
  type Payout,
  type ProposalFacts,
  paymentToProposer,
  payouts,
  payoutUnits,
  type Violation,
} from './facts.ts';
import { guaranteedSharePpm, splitListsOfPayload } from './reserve.ts';
import type { ConflictOfInterestRule, ConstitutionChangeRule, IncomeReserveRule, MaxSpendRule, ProposerRule, RollingOutflowRule, Rule } from './state.ts';

interface Check {
  engine: EngineState;
  facts: ProposalFacts;
  phase: CheckPhase;
  payouts: Payout[];
}

/** Why a rule asks a proposal for a supermajority, and how much. */
interface Demand {
  ppm: bigint;
  code: string;
  reason: string;
}

const percent = (ppm: bigint): string => `${ppmToPercent(ppm)} %`;

function violation(rule: Rule, code: string, text: string): Violation {
  return { rule: rule.id, code, message: `constitution rule ${rule.id} (${rule.label}): ${text}` };
}

/** Units of a fund's asset as a decimal string. */
function fundAmount(engine: EngineState, fundId: string, units: bigint): string {
  const fund = treasuryFund(engine.modules.treasury, fundId);
  const asset = fund && engine.ledger.assets.get(fund.assetId);
  return asset ? formatAmount(units, asset.decimals) : `${units} base units`;
}

/** Units of the governance token (stakes) as a decimal string. */
function tokenAmount(engine: EngineState, units: bigint): string {
  const assetId = engine.modules.economy.governanceAssetId;
  const asset = assetId === undefined ? undefined : engine.ledger.assets.get(assetId);
  return asset ? formatAmount(units, asset.decimals) : `${units} base units`;
}

/**
 * The first rule, in rule order, that the proposal violates in this phase. `create` checks
 * the proposer, disclosure, income reserve and payouts no window could ever allow; `decide`
 * re-checks what depends on the state then (and, given `supportPpm`, each supermajority
 * against the fund balances then); `execute` checks the rolling outflow windows as well.
 * Call it at execution before the actions run: the window must not yet hold their outflows.
 */
export function checkConstitution(engine: EngineState, facts: ProposalFacts, phase: CheckPhase): Violation | undefined {
  const check: Check = { engine, facts, phase, payouts: payouts(engine, facts.actions) };
  for (const rule of engine.modules.constitution.rules) {
    const found = checkRule(check, rule);
    if (found) return found;
  }
  return undefined;
}

function checkRule(check: Check, rule: Rule): Violation | undefined {
  switch (rule.kind) {
    case 'max_spend':
      return checkSupport(check, rule, maxSpendDemand(check, rule));
    case 'rolling_outflow':
      return checkRollingOutflow(check, rule);
    case 'income_reserve':
      return checkIncomeReserve(check, rule);
    case 'proposer':
      return check.phase === 'create' ? checkProposer(check, rule) : undefined;
    case 'committee_eligibility':
      return undefined; // the committees module asks committeeRule when it seats someone
    case 'conflict_of_interest':
      return checkConflict(check, rule);
    case 'constitution_change':
      return checkConstitutionChange(check, rule);
  }
}

/** A missed supermajority, once a decision has given the proposal its support. */
function checkSupport(check: Check, rule: Rule, demand: Demand | undefined): Violation | undefined {
  const support = check.facts.supportPpm;
  if (demand === undefined || check.phase === 'create' || support === undefined || support >= demand.ppm) return undefined;
  return violation(rule, demand.code, `${demand.reason}; it needs ${percent(demand.ppm)} support and has ${percent(support)}`);
}

function demandOf(check: Check, rule: Rule): Demand | undefined {
  switch (rule.kind) {
    case 'max_spend':
      return maxSpendDemand(check, rule);
    case 'conflict_of_interest':
      return conflictDemand(check, rule);
    case 'constitution_change':
      return changesConstitution(check.facts)
        ? { ppm: rule.supermajorityPpm, code: 'constitution_change', reason: 'the proposal changes the constitution' }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * The highest supermajority any rule demands of this proposal (on a tie the first such rule),
 * with fund balances as they are now; undefined when no rule demands one.
 */
export function requiredSupportPpm(engine: EngineState, facts: ProposalFacts): { ppm: bigint; rule: string } | undefined {
  const check: Check = { engine, facts, phase: 'decide', payouts: payouts(engine, facts.actions) };
  let highest: { ppm: bigint; rule: string } | undefined;
  for (const rule of engine.modules.constitution.rules) {
    const demand = demandOf(check, rule);
    if (demand && (highest === undefined || demand.ppm > highest.ppm)) highest = { ppm: demand.ppm, rule: rule.id };
  }
  return highest;
}

/** The longest minimum voting period a constitution_change rule asks of this proposal. */
export function requiredVotingSeconds(engine: EngineState, facts: ProposalFacts): { seconds: number; rule: string } | undefined {
  if (!changesConstitution(facts)) return undefined;
  let longest: { seconds: number; rule: string } | undefined;
  for (const rule of engine.modules.constitution.rules) {
    if (rule.kind !== 'constitution_change' || rule.minVotingSeconds === undefined) continue;
    if (longest === undefined || rule.minVotingSeconds > longest.seconds) longest = { seconds: rule.minVotingSeconds, rule: rule.id };
  }
  return longest;
}

/** The spend limit now: a share of the fund's balance, an absolute amount, or the smaller of both. */
function maxSpendLimit(engine: EngineState, rule: MaxSpendRule): { units: bigint; text: string } | undefined {
  const limits: { units: bigint; text: string }[] = [];
  if (rule.maxShareOfFundPpm !== undefined) {
    const fund = treasuryFund(engine.modules.treasury, rule.fundId);
    const account = fund && engine.ledger.accounts.get(fund.accountId);
    const balance = account ? balanceUnits(account) : 0n;
    const units = sharePpmFloor(balance, rule.maxShareOfFundPpm);
    limits.push({ units, text: `${percent(rule.maxShareOfFundPpm)} of the fund's balance of ${fundAmount(engine, rule.fundId, balance)}` });
  }
  if (rule.maxAmountUnits !== undefined) limits.push({ units: rule.maxAmountUnits, text: 'an absolute limit' });
  return limits.reduce<{ units: bigint; text: string } | undefined>((low, limit) => (low === undefined || limit.units < low.units ? limit : low), undefined);
}

function maxSpendDemand(check: Check, rule: MaxSpendRule): Demand | undefined {
  const spent = payoutUnits(check.payouts, rule.fundId, ['spend']);
  const limit = maxSpendLimit(check.engine, rule);
  if (spent === 0n || limit === undefined || spent <= limit.units) return undefined;
  const amount = (units: bigint) => fundAmount(check.engine, rule.fundId, units);
  return {
    ppm: rule.supermajorityPpm,
    code: 'constitution_max_spend',
    reason: `the proposal spends ${amount(spent)} from fund ${rule.fundId}, above its limit of ${amount(limit.units)} (${limit.text})`,
  };
}

/**
 * Before execution a proposal's own payouts must fit the limit (no window could ever hold
 * more); at execution they must fit together with what the fund paid out in the window.
 */
function checkRollingOutflow(check: Check, rule: RollingOutflowRule): Violation | undefined {
  const own = payoutUnits(check.payouts, rule.fundId, ['spend', 'burn']);
  if (own === 0n) return undefined;
  const amount = (units: bigint) => fundAmount(check.engine, rule.fundId, units);
  if (check.phase !== 'execute') {
    if (own <= rule.amountUnits) return undefined;
    const text = `the proposal pays out ${amount(own)} from fund ${rule.fundId}, above the ${amount(rule.amountUnits)} it may pay out in any ${rule.periodSeconds} s`;
    return violation(rule, 'constitution_rolling_outflow', text);
  }
  const recentSpends = check.engine.modules.constitution.outflows.get(rule.fundId) ?? [];
  const window = spentInWindowUnits({ spendingLimit: { amountUnits: rule.amountUnits, periodSeconds: rule.periodSeconds }, recentSpends }, check.facts.atMs);
  if (window + own <= rule.amountUnits) return undefined;
  const text =
    `fund ${rule.fundId} paid out ${amount(window)} in the last ${rule.periodSeconds} s; with the proposal's ${amount(own)} ` +
    `that is ${amount(window + own)}, above the limit of ${amount(rule.amountUnits)}`;
  return violation(rule, 'constitution_rolling_outflow', text);
}

/** A proposal that would set the fund's asset's income rules must keep the reserve. */
function checkIncomeReserve(check: Check, rule: IncomeReserveRule): Violation | undefined {
  const fund = treasuryFund(check.engine.modules.treasury, rule.fundId);
  if (!fund) return undefined;
  for (const payload of incomeRuleChanges(check.facts)) {
    if (payload.asset !== fund.assetId) continue;
    const split = splitListsOfPayload(payload);
    if (!split) continue; // the treasury refuses such rules itself
    const guaranteed = guaranteedSharePpm(split, fund.id);
    if (guaranteed >= rule.reservePpm) continue;
    const text = `the proposed income rules for ${fund.assetId} guarantee fund ${fund.id} ${percent(guaranteed)} of all income, below the required ${percent(rule.reservePpm)}`;
    return violation(rule, 'constitution_income_reserve', text);
  }
  return undefined;
}

function checkProposer(check: Check, rule: ProposerRule): Violation | undefined {
  const { engine, facts } = check;
  if (rule.categories !== undefined && !rule.categories.includes(facts.category)) return undefined;
  if (rule.requiresIdentity && !hasIdentity(engine.modules.identity, facts.proposerId)) {
    return violation(rule, 'constitution_proposer', `proposer ${facts.proposerId} holds no BID; proposals in category ${facts.category} need one`);
  }
  if (rule.minStakeUnits === 0n) return undefined;
  const staked = stakedUnitsOf(engine.modules.staking, facts.proposerId);
  if (staked >= rule.minStakeUnits) return undefined;
  const text = `proposer ${facts.proposerId} has ${tokenAmount(engine, staked)} staked, below the required ${tokenAmount(engine, rule.minStakeUnits)}`;
  return violation(rule, 'constitution_proposer', text);
}

function conflictDemand(check: Check, rule: ConflictOfInterestRule): Demand | undefined {
  const payment = paymentToProposer(check.engine, check.facts, check.payouts);
  if (!payment) return undefined;
  const paid = fundAmount(check.engine, payment.fundId, payment.units);
  const reason = `the proposal pays ${paid} from fund ${payment.fundId} to ${payment.toId}, an account of its proposer ${check.facts.proposerId}`;
  return { ppm: rule.supermajorityPpm, code: 'constitution_conflict_of_interest', reason };
}

function checkConflict(check: Check, rule: ConflictOfInterestRule): Violation | undefined {
  const demand = conflictDemand(check, rule);
  if (demand && !hasDisclosure(check.facts)) return violation(rule, demand.code, `${demand.reason}; it needs a disclosure`);
  return checkSupport(check, rule, demand);
}

function checkConstitutionChange(check: Check, rule: ConstitutionChangeRule): Violation | undefined {
  const demand = demandOf(check, rule);
  if (demand === undefined) return undefined;
  const { votingSeconds } = check.facts;
  const minimum = rule.minVotingSeconds;
  if (check.phase !== 'execute' && minimum !== undefined && votingSeconds !== undefined && votingSeconds < minimum) {
    return violation(rule, demand.code, `${demand.reason}; that needs a voting period of at least ${minimum} s, this one has ${votingSeconds} s`);
  }
  return checkSupport(check, rule, demand);
}
