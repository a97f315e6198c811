/**
 * Loading a genesis configuration: a YAML file describing a DAO's economy (the format is
 * documented at the top of config-schema.ts). The file is read, checked against the schema
 * and the rules between its parts, and returned as a typed, normalised `GenesisConfig`, or
 * rejected with one `config_invalid` error that lists every problem with its line.
 */
import { readFileSync, statSync } from 'node:fs';
import { formatAmount } from '../kernel/amount.ts';
import { PolityError } from '../kernel/errors.ts';
import { allocationUnits, checkGenesis } from './config-rules.ts';
import {
  genesisFileBytesMax,
  genesisShape,
  type RawAllocation,
  type RawBurns,
  type RawCategory,
  type RawGenesis,
  type RawRevenuePolicy,
  type RawSchedule,
  type RawStaking,
  type RawToken,
  type RawTreasury,
} from './config-schema.ts';
import { type ConfigProblem, ConfigSource, readSections, rootCursor } from './yaml-source.ts';

export { parseDuration } from '../kernel/duration.ts';
export { daySeconds, monthSeconds, yearSeconds } from '../kernel/rates.ts';
export type { ConfigProblem } from './yaml-source.ts';

// ---------------------------------------------------------------------------------------
// The normalised configuration
// ---------------------------------------------------------------------------------------

/** A release schedule in the engine's shape (vesting grants and emission pools share it). */
export type GenesisSchedule =
  | { kind: 'immediate' }
  | { kind: 'linear'; lockupSeconds: number; durationSeconds: number }
  | { kind: 'cliff'; cliffSeconds: number; durationSeconds: number }
  | { kind: 'milestones'; tranches: GenesisTranche[] }
  | { kind: 'epochs'; epochs: GenesisEpoch[] };

export interface GenesisTranche {
  milestone: string;
  /** Decimal percent of the total; a schedule's tranches add up to exactly 100. */
  percent: string;
}

export interface GenesisEpoch {
  durationSeconds: number;
  /** Decimal percent of the total released linearly over this epoch; epochs add up to 100. */
  percent: string;
}

export interface GenesisToken {
  id: string;
  symbol: string;
  decimals: number;
  supply: 'fixed' | 'mintable';
  /** Decimal string in token units, as written. */
  maxSupply?: string;
  label?: string;
}

export interface GenesisNftClass {
  id: string;
  symbol: string;
  /** True: holders cannot transfer it (the ledger asset is created with `transferable: false`). */
  soulbound: boolean;
  label?: string;
}

export interface GenesisIdentity {
  /** The soulbound NFT class that proves a verified identity. */
  class: string;
  /** Actors allowed to verify identities (declared actors or allocation account owners). */
  verifiers: string[];
}

/** An actor the file declares. Owners of allocation accounts are not listed here unless declared. */
export interface GenesisActor {
  id: string;
  kind: 'member' | 'agent';
  name?: string;
}

export interface GenesisSpendingLimit {
  /** Decimal string in governance token units. */
  amount: string;
  periodSeconds: number;
}

export interface GenesisFund {
  id: string;
  label: string;
  spendingLimit?: GenesisSpendingLimit;
}

export interface GenesisIncomeShare {
  fund: string;
  percent: string;
}

/** How income is split: `reserve` off the top, the rest by the class's list or by `default`. */
export interface GenesisIncome {
  reserve: GenesisIncomeShare[];
  classes: Record<string, GenesisIncomeShare[]>;
  default: GenesisIncomeShare[];
}

export interface GenesisTreasury {
  funds: GenesisFund[];
  income?: GenesisIncome;
}

export interface GenesisPool {
  id: string;
  label?: string;
  /** How the pool releases its allocation for rewards. */
  schedule: GenesisSchedule;
  /** Reward factor name to whole-number weight, in file order. */
  factors: Record<string, number>;
}

export type GenesisAllocationTarget = { kind: 'account'; account: string; owner: string } | { kind: 'fund'; id: string } | { kind: 'pool'; id: string };

export interface GenesisAllocation {
  /** The allocation's id (it also names its vesting grant). */
  name: string;
  label: string;
  /** The percent of maxSupply as written, when the file gave a percent. */
  percent?: string;
  /** Decimal string in governance token units: as written, or computed exactly from the percent. */
  amount: string;
  /** `amount` in base units; the allocations' units add up to exactly the maxSupply's. */
  units: bigint;
  to: GenesisAllocationTarget;
  /** The release schedule; for a pool allocation, the pool's schedule. */
  vesting: GenesisSchedule;
}

export type GenesisEarlyExit = { kind: 'rejected' } | { kind: 'penalty'; penaltyPercent: string };

export interface GenesisCommittee {
  id: string;
  /** Decimal string in governance token units staked to qualify. */
  minimum: string;
  requiresIdentity: boolean;
}

export interface GenesisTierBenefits {
  computePriority?: boolean;
  feeDiscountPercent?: string;
  votingMultiplier?: string;
  specialAccess?: boolean;
}

export interface GenesisTier {
  id: string;
  label?: string;
  durationSeconds: number;
  apyPercent: string;
  minimum: string;
  rewardBurnPercent?: string;
  benefits?: GenesisTierBenefits;
}

export type GenesisSource = { kind: 'fund'; id: string } | { kind: 'pool'; id: string };

export interface GenesisStaking {
  rewardsFrom: GenesisSource;
  earlyExit: GenesisEarlyExit;
  voteRequiresStake: boolean;
  committees: GenesisCommittee[];
  tiers: GenesisTier[];
}

export interface GenesisFeeBurn {
  class: string;
  burnPercent: string;
  /** The percents the burn rate may be set to (the file's [lowest, highest]); burnPercent lies within. */
  range?: { minPercent: string; maxPercent: string };
  stakersPercent?: string;
  /** The revenue policy that distributes the stakers' share; set exactly when stakersPercent is. */
  stakersPolicy?: string;
}

export interface GenesisMilestoneBurn {
  id: string;
  label: string;
  amount: string;
  from: { kind: 'fund'; id: string };
}

export interface GenesisBurns {
  fees: GenesisFeeBurn[];
  milestones: GenesisMilestoneBurn[];
}

export type GenesisRevenuePolicy =
  | { id: string; mode: 'stake' }
  | { id: string; mode: 'activity'; epochSeconds: number }
  | { id: string; mode: 'hybrid'; stakePercent: string; epochSeconds: number };

export interface GenesisRevenue {
  policies: GenesisRevenuePolicy[];
}

/** A governance category: how its proposals are discussed, voted on and executed. */
export interface GenesisCategory {
  id: string;
  discussionSeconds: number;
  votingSeconds: number;
  timelockSeconds: number;
  graceSeconds: number;
  quorumPercent: string;
  supportPercent: string;
  /** token: balance; token+staked: balance plus stake times the tier's multiplier; staked; identity: one per BID; quadratic: the root of token+staked. */
  power: 'token' | 'token+staked' | 'staked' | 'identity' | 'quadratic';
  proposerMinPower?: string;
  lateQuorumSeconds: number;
  earlyDecision: boolean;
  voteChanging: boolean;
  autoExecute: boolean;
}

/** A validated genesis configuration, ready to be turned into engine commands. */
export interface GenesisConfig {
  dao: { name: string };
  /** When schedules start; absent means "at init". */
  genesisMs?: number;
  tokens: GenesisToken[];
  /** Id of the token the allocations, funds, staking and burns are in. */
  governanceToken: string;
  nftClasses: GenesisNftClass[];
  identity?: GenesisIdentity;
  actors: GenesisActor[];
  treasury: GenesisTreasury;
  pools: GenesisPool[];
  allocations: GenesisAllocation[];
  staking?: GenesisStaking;
  burns: GenesisBurns;
  revenue: GenesisRevenue;
  governance: { categories: GenesisCategory[] };
}

// ---------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------

/** Reads, checks and normalises the genesis configuration at `path`. Throws `config_invalid`. */
export function loadGenesisConfig(path: string): GenesisConfig {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > genesisFileBytesMax) throw new Error(`the file is ${size} bytes; at most ${genesisFileBytesMax} are allowed`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const problem: ConfigProblem = { line: 1, column: 1, path: '', message: `cannot read the file: ${reason}` };
    throw invalid(path, [problem]);
  }
  return parseGenesisConfig(text, path);
}

/** Checks and normalises a genesis configuration given as YAML text; `fileName` is used in messages. */
export function parseGenesisConfig(text: string, fileName: string): GenesisConfig {
  if (text.length > genesisFileBytesMax) {
    throw invalid(fileName, [{ line: 1, column: 1, path: '', message: `the file is too large: at most ${genesisFileBytesMax} bytes are allowed` }]);
  }
  const source = new ConfigSource(fileName, text);
  if (source.hasSyntaxErrors) throw invalid(fileName, source.problems);
  const sections = readSections(source.document.contents, rootCursor(source), genesisShape);
  if (sections !== undefined) checkGenesis(source, sections);
  if (source.problems.length > 0 || sections === undefined) throw invalid(fileName, source.problems);
  return normalise(sections.values);
}

/** One error for the whole file: each problem on its own line, `FILE:LINE:COLUMN: message`, in file order. */
function invalid(fileName: string, problems: readonly ConfigProblem[]): PolityError {
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
  const lines = sorted.map((problem) => `${fileName}:${problem.line}:${problem.column}: ${problem.message}`);
  return new PolityError('config_invalid', `${fileName}: the genesis configuration has ${count}:\n${lines.join('\n')}`, {
    file: fileName,
    problems: sorted,
  });
}

// ---------------------------------------------------------------------------------------
// Normalising (the checks have passed: every reference resolves, every sum adds up)
// ---------------------------------------------------------------------------------------

function normalise(raw: RawGenesis): GenesisConfig {
  const { dao, tokens, governanceToken, allocations } = raw;
  if (dao === undefined || tokens === undefined || governanceToken === undefined || allocations === undefined) {
    throw new Error('a checked configuration has its required sections');
  }
  const token = tokens.find((candidate) => candidate.id === governanceToken);
  if (token?.maxSupply === undefined) throw new Error('a checked configuration has a governance token with a maxSupply');
  const pools = (raw.pools ?? []).map((pool) => ({
    id: pool.id,
    ...(pool.label === undefined ? {} : { label: pool.label }),
    schedule: schedule(pool.schedule),
    factors: Object.fromEntries(pool.factors.entries),
  }));
  return {
    dao: { name: dao.name },
    ...(raw.genesis === undefined ? {} : { genesisMs: raw.genesis }),
    tokens: tokens.map(normaliseToken),
    governanceToken,
    nftClasses: (raw.nftClasses ?? []).map((nft) => ({
      id: nft.id,
      symbol: nft.symbol,
      soulbound: nft.soulbound ?? false,
      ...(nft.label === undefined ? {} : { label: nft.label }),
    })),
    ...(raw.identity === undefined ? {} : { identity: { class: raw.identity.class, verifiers: raw.identity.verifiers ?? [] } }),
    actors: (raw.actors ?? []).map((actor) => ({ id: actor.id, kind: actor.kind, ...(actor.name === undefined ? {} : { name: actor.name }) })),
    treasury: normaliseTreasury(raw.treasury?.values),
    pools,
    allocations: allocations.map((allocation) => normaliseAllocation(allocation, token, pools)),
    ...(raw.staking === undefined ? {} : { staking: normaliseStaking(raw.staking.values) }),
    burns: normaliseBurns(raw.burns?.values),
    revenue: { policies: (raw.revenue?.policies ?? []).map(normalisePolicy) },
    governance: { categories: (raw.governance?.categories ?? []).map(normaliseCategory) },
  };
}

function normaliseCategory(raw: RawCategory): GenesisCategory {
  return {
    id: raw.id,
    discussionSeconds: raw.discussion,
    votingSeconds: raw.voting,
    timelockSeconds: raw.timelock,
    graceSeconds: raw.grace,
    quorumPercent: raw.quorumPercent,
    supportPercent: raw.supportPercent,
    power: raw.power ?? 'token',
    ...(raw.proposerMinPower === undefined ? {} : { proposerMinPower: raw.proposerMinPower }),
    lateQuorumSeconds: raw.lateQuorum ?? 0,
    earlyDecision: raw.earlyDecision ?? false,
    voteChanging: raw.voteChanging ?? false,
    autoExecute: raw.autoExecute ?? false,
  };
}

function normaliseToken(token: RawToken): GenesisToken {
  return {
    id: token.id,
    symbol: token.symbol,
    decimals: token.decimals,
    supply: token.supply ?? 'mintable',
    ...(token.maxSupply === undefined ? {} : { maxSupply: token.maxSupply }),
    ...(token.label === undefined ? {} : { label: token.label }),
  };
}

function schedule(raw: RawSchedule): GenesisSchedule {
  switch (raw.kind) {
    case 'immediate':
      return { kind: 'immediate' };
    case 'linear':
      return { kind: 'linear', lockupSeconds: raw.lockup ?? 0, durationSeconds: raw.duration };
    case 'cliff':
      return { kind: 'cliff', cliffSeconds: raw.cliff, durationSeconds: raw.duration };
    case 'milestones':
      return { kind: 'milestones', tranches: raw.tranches.map((tranche) => ({ milestone: tranche.milestone, percent: tranche.percent })) };
    case 'epochs':
      return { kind: 'epochs', epochs: raw.epochs.map((epoch) => ({ durationSeconds: epoch.duration, percent: epoch.percent })) };
  }
}

function normaliseTreasury(raw: RawTreasury | undefined): GenesisTreasury {
  const shares = (list: readonly { fund: string; percent: string }[] | undefined) =>
    (list ?? []).map((share) => ({ fund: share.fund, percent: share.percent }));
  const funds = (raw?.funds ?? []).map((fund) => ({
    id: fund.id,
    label: fund.label,
    ...(fund.spendingLimit === undefined ? {} : { spendingLimit: { amount: fund.spendingLimit.amount, periodSeconds: fund.spendingLimit.period } }),
  }));
  const income = raw?.income;
  if (income === undefined) return { funds };
  const classes = Object.fromEntries([...(income.classes?.entries ?? [])].map(([name, list]) => [name, shares(list)]));
  return { funds, income: { reserve: shares(income.reserve), classes, default: shares(income.default) } };
}

function normaliseAllocation(raw: RawAllocation, token: RawToken, pools: readonly GenesisPool[]): GenesisAllocation {
  const units = allocationUnits(raw, token);
  if (units === undefined) throw new Error(`a checked allocation ${raw.name} has exact units`);
  const to = target(raw.to);
  const pool = to.kind === 'pool' ? pools.find((candidate) => candidate.id === to.id) : undefined;
  return {
    name: raw.name,
    label: raw.label,
    ...(raw.percent === undefined ? {} : { percent: raw.percent }),
    amount: raw.amount ?? formatAmount(units, token.decimals),
    units,
    to,
    vesting: pool?.schedule ?? (raw.vesting === undefined ? { kind: 'immediate' } : schedule(raw.vesting)),
  };
}

function target(to: RawAllocation['to']): GenesisAllocationTarget {
  if (to.account !== undefined) return { kind: 'account', account: to.account, owner: to.owner ?? to.account };
  if (to.fund !== undefined) return { kind: 'fund', id: to.fund };
  if (to.pool !== undefined) return { kind: 'pool', id: to.pool };
  throw new Error('a checked allocation has a target');
}

function normaliseStaking(raw: RawStaking): GenesisStaking {
  const from = raw.rewardsFrom;
  if (from === undefined || raw.tiers === undefined) throw new Error('a checked staking section has rewardsFrom and tiers');
  const rewardsFrom: GenesisSource = from.fund !== undefined ? { kind: 'fund', id: from.fund } : { kind: 'pool', id: from.pool ?? '' };
  const exit = raw.earlyExit;
  const earlyExit: GenesisEarlyExit =
    exit === undefined || exit === 'rejected' ? { kind: 'rejected' } : { kind: 'penalty', penaltyPercent: exit.penaltyPercent };
  return {
    rewardsFrom,
    earlyExit,
    voteRequiresStake: raw.voteRequiresStake ?? false,
    committees: (raw.committees ?? []).map((committee) => ({
      id: committee.id,
      minimum: committee.minimum,
      requiresIdentity: committee.requiresIdentity ?? false,
    })),
    tiers: raw.tiers.map((tier) => ({
      id: tier.id,
      ...(tier.label === undefined ? {} : { label: tier.label }),
      durationSeconds: tier.duration,
      apyPercent: tier.apyPercent,
      minimum: tier.minimum,
      ...(tier.rewardBurnPercent === undefined ? {} : { rewardBurnPercent: tier.rewardBurnPercent }),
      ...(tier.benefits === undefined ? {} : { benefits: normaliseBenefits(tier.benefits) }),
    })),
  };
}

function normaliseBenefits(raw: GenesisTierBenefits): GenesisTierBenefits {
  return {
    ...(raw.computePriority === undefined ? {} : { computePriority: raw.computePriority }),
    ...(raw.feeDiscountPercent === undefined ? {} : { feeDiscountPercent: raw.feeDiscountPercent }),
    ...(raw.votingMultiplier === undefined ? {} : { votingMultiplier: raw.votingMultiplier }),
    ...(raw.specialAccess === undefined ? {} : { specialAccess: raw.specialAccess }),
  };
}

function normaliseBurns(raw: RawBurns | undefined): GenesisBurns {
  return {
    fees: (raw?.fees ?? []).map((fee) => {
      const [lowest, highest] = fee.range ?? [];
      return {
        class: fee.class,
        burnPercent: fee.burnPercent,
        ...(lowest === undefined || highest === undefined ? {} : { range: { minPercent: lowest, maxPercent: highest } }),
        ...(fee.stakersPercent === undefined ? {} : { stakersPercent: fee.stakersPercent }),
        ...(fee.stakersPolicy === undefined ? {} : { stakersPolicy: fee.stakersPolicy }),
      };
    }),
    milestones: (raw?.milestones ?? []).map((milestone) => ({
      id: milestone.id,
      label: milestone.label,
      amount: milestone.amount,
      from: { kind: 'fund', id: milestone.from.fund },
    })),
  };
}

function normalisePolicy(raw: RawRevenuePolicy): GenesisRevenuePolicy {
  switch (raw.mode) {
    case 'stake':
      return { id: raw.id, mode: 'stake' };
    case 'activity':
      return { id: raw.id, mode: 'activity', epochSeconds: raw.epoch };
    case 'hybrid':
      return { id: raw.id, mode: 'hybrid', stakePercent: raw.stakePercent, epochSeconds: raw.epoch };
  }
}
