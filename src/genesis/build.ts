import type { CommandEnvelope } from '../engine/types.ts';
import { poolRewardsAccountId } from '../modules/emission/index.ts';
import { fundAccountId } from '../modules/treasury/index.ts';
import type { GenesisConfig } from './config.ts';

/** One genesis step: an ordinary command, with a line saying why it is there. */
export interface GenesisStep extends CommandEnvelope {
  why: string;
}

/**
 * The commands that build a DAO's economy from its genesis config, in order. Genesis is not
 * special: it is these commands in the log, submitted by the bootstrap admin, so `verify`
 * re-checks it and a replay rebuilds it like any other history.
 *
 * Every allocation that is not a pool becomes a vesting grant (an immediate one included),
 * so the report reads every allocation the same way; immediate grants are claimed at once.
 */
export function genesisSteps(config: GenesisConfig): GenesisStep[] {
  const genesisMs = config.genesisMs;
  const steps: GenesisStep[] = [];
  const add = (type: string, payload: unknown, why: string) => steps.push({ type, payload, why });
  for (const token of config.tokens) {
    add(
      'ledger.create_asset',
      {
        id: token.id,
        kind: 'fungible',
        symbol: token.symbol,
        decimals: token.decimals,
        supply: token.supply,
        ...(token.maxSupply === undefined ? {} : { maxSupply: token.maxSupply }),
      },
      `token ${token.id}`,
    );
  }
  for (const nft of config.nftClasses) {
    add('ledger.create_asset', { id: nft.id, kind: 'non_fungible', symbol: nft.symbol, transferable: !nft.soulbound }, `NFT class ${nft.id}`);
  }
  for (const actor of genesisActors(config)) add('access.create_actor', actor, `actor ${actor.id}`);
  add(
    'economy.configure',
    {
      governanceToken: config.governanceToken,
      ...(config.dao?.name === undefined ? {} : { name: config.dao.name }),
      ...(genesisMs === undefined ? {} : { genesisMs }),
    },
    'the governance token and genesis time',
  );
  addTreasury(config, add);
  // Voting power needs each holder's balance history from the start.
  add('power.track', { asset: config.governanceToken }, 'voting power follows the governance token');
  const table = addAllocations(config, add);
  addStakingAndRevenue(config, add);
  addBurns(config, add);
  addIdentity(config, add);
  addGovernance(config, add);
  // Last: its time marks the end of the genesis, from which reports read the economy as built.
  add('economy.record_allocations', { allocations: table }, 'the allocation table');
  return steps;
}

type Add = (type: string, payload: unknown, why: string) => void;

/** Declared actors first, then one member per beneficiary account that names no declared actor. */
function genesisActors(config: GenesisConfig): { id: string; kind: 'member' | 'agent'; name?: string }[] {
  const actors = config.actors.map((actor) => ({ id: actor.id, kind: actor.kind, ...(actor.name === undefined ? {} : { name: actor.name }) }));
  const known = new Set(actors.map((actor) => actor.id));
  for (const allocation of config.allocations) {
    if (allocation.to.kind !== 'account' || known.has(allocation.to.owner)) continue;
    known.add(allocation.to.owner);
    actors.push({ id: allocation.to.owner, kind: 'member', name: allocation.label });
  }
  return actors;
}

function addTreasury(config: GenesisConfig, add: Add): void {
  const asset = config.governanceToken;
  for (const fund of config.treasury.funds) {
    const spendingLimit = fund.spendingLimit && { amount: fund.spendingLimit.amount, periodSeconds: fund.spendingLimit.periodSeconds };
    add(
      'treasury.create_fund',
      { id: fund.id, asset, ...(fund.label === undefined ? {} : { label: fund.label }), ...(spendingLimit ? { spendingLimit } : {}) },
      `fund ${fund.id}`,
    );
  }
  const income = config.treasury.income;
  if (income) add('treasury.set_income_rules', { asset, reserve: income.reserve, classes: income.classes, default: income.default }, 'treasury income rules');
}

interface AllocationRow {
  name: string;
  label: string;
  amount: string;
  kind: 'vesting' | 'pool';
  target: string;
}

function addAllocations(config: GenesisConfig, add: Add): AllocationRow[] {
  const asset = config.governanceToken;
  const accounts = config.allocations.flatMap((allocation) =>
    allocation.to.kind === 'account' ? [{ id: allocation.to.account, asset, owner: allocation.to.owner }] : [],
  );
  const unique = [...new Map(accounts.map((account) => [account.id, account])).values()];
  if (unique.length > 0) add('ledger.create_accounts', { accounts: unique }, 'beneficiary accounts');
  const startMs = config.genesisMs === undefined ? {} : { startMs: config.genesisMs };
  const table: AllocationRow[] = [];
  for (const allocation of config.allocations) {
    const target = allocation.to;
    if (target.kind === 'pool') {
      const pool = config.pools.find((candidate) => candidate.id === target.id);
      if (!pool) throw new Error(`the validated config names pool ${target.id}`);
      add(
        'emission.create_pool',
        { id: pool.id, asset, amount: allocation.amount, schedule: pool.schedule, factors: pool.factors, ...startMs },
        `pool ${pool.id}`,
      );
      table.push({ name: allocation.name, label: allocation.label, amount: allocation.amount, kind: 'pool', target: pool.id });
      continue;
    }
    const beneficiary = target.kind === 'account' ? target.account : fundAccountId(target.id);
    add(
      'vesting.create',
      { id: allocation.name, asset, beneficiary, amount: allocation.amount, schedule: allocation.vesting, ...startMs },
      `allocation ${allocation.name}`,
    );
    if (allocation.vesting.kind === 'immediate') add('vesting.claim', { id: allocation.name }, `allocation ${allocation.name} is released at once`);
    table.push({ name: allocation.name, label: allocation.label, amount: allocation.amount, kind: 'vesting', target: allocation.name });
  }
  return table;
}

function addStakingAndRevenue(config: GenesisConfig, add: Add): void {
  const asset = config.governanceToken;
  for (const policy of config.revenue.policies) {
    add('revenue.create_policy', { ...policy, asset }, `revenue policy ${policy.id}`);
  }
  const staking = config.staking;
  if (!staking) return;
  const rewardsFrom = staking.rewardsFrom.kind === 'fund' ? fundAccountId(staking.rewardsFrom.id) : poolRewardsAccountId(staking.rewardsFrom.id);
  add(
    'staking.configure',
    { asset, rewardsFrom, earlyExit: staking.earlyExit, voteRequiresStake: staking.voteRequiresStake, committees: staking.committees },
    'staking settings',
  );
  for (const tier of staking.tiers) {
    add(
      'staking.create_tier',
      {
        id: tier.id,
        durationSeconds: tier.durationSeconds,
        apyPercent: tier.apyPercent,
        minimum: tier.minimum,
        ...optional(tier, ['rewardBurnPercent', 'benefits']),
      },
      `staking tier ${tier.id}`,
    );
  }
}

function addBurns(config: GenesisConfig, add: Add): void {
  const asset = config.governanceToken;
  for (const fee of config.burns.fees) {
    add(
      'burns.set_fee_class',
      {
        class: fee.class,
        asset,
        burnPercent: fee.burnPercent,
        ...optional(fee, ['stakersPercent', 'stakersPolicy']),
        ...(fee.range ? { range: fee.range } : {}),
      },
      `fee class ${fee.class}`,
    );
  }
  for (const milestone of config.burns.milestones) {
    const from = milestone.from.kind === 'fund' ? fundAccountId(milestone.from.id) : milestone.from.id;
    add('burns.define_milestone', { id: milestone.id, label: milestone.label, amount: milestone.amount, from }, `milestone burn ${milestone.id}`);
  }
}

function addIdentity(config: GenesisConfig, add: Add): void {
  const identity = config.identity;
  if (!identity) return;
  add('identity.configure', { asset: identity.class }, `identity class ${identity.class}`);
  for (const verifier of identity.verifiers) {
    add('access.grant', { actorId: verifier, action: 'identity.verify', resource: `identity:${identity.class}` }, `${verifier} verifies identities`);
  }
}

function addGovernance(config: GenesisConfig, add: Add): void {
  const decimals = config.tokens.find((token) => token.id === config.governanceToken)?.decimals ?? 0;
  for (const category of config.governance.categories) {
    const payload = {
      id: category.id,
      discussionSeconds: category.discussionSeconds,
      votingSeconds: category.votingSeconds,
      timelockSeconds: category.timelockSeconds,
      gracePeriodSeconds: category.graceSeconds,
      quorumPercent: category.quorumPercent,
      supportPercent: category.supportPercent,
      strategy: strategyFor(category.power, config.governanceToken, decimals),
      lateQuorumSeconds: category.lateQuorumSeconds,
      earlyDecision: category.earlyDecision,
      voteChanging: category.voteChanging,
      autoExecute: category.autoExecute,
      ...(category.proposerMinPower === undefined ? {} : { proposerMinPower: category.proposerMinPower }),
    };
    add('governance.set_category', payload, `governance category ${category.id}`);
  }
}

/** The config's power names as strategies over the governance token. */
function strategyFor(power: GenesisConfig['governance']['categories'][number]['power'], asset: string, decimals: number): unknown {
  const token = { kind: 'token', asset };
  const staked = { kind: 'staked', asset };
  const held = {
    kind: 'sum',
    parts: [
      { strategy: token, weight: '1' },
      { strategy: staked, weight: '1' },
    ],
  };
  switch (power) {
    case 'token':
      return token;
    case 'staked':
      return staked;
    case 'token+staked':
      return held;
    case 'identity':
      // One vote per verified person, counted as one whole token so quorum and tallies read naturally.
      return { kind: 'identity', unit: (10n ** BigInt(decimals)).toString() };
    case 'quadratic':
      return { kind: 'quadratic', of: held };
  }
}

/** The listed keys of `source` that are set: optional payload fields stay absent, not undefined. */
function optional<T extends object>(source: T, keys: readonly (keyof T)[]): Partial<T> {
  const picked: Partial<T> = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}
