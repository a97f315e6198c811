/**
 * The genesis configuration format: one YAML file that describes a DAO's economy at birth.
 * `polity init --config <file>` reads it through `loadGenesisConfig` (config.ts). The
 * examples in examples/*.yaml use every part of it.
 *
 * Value kinds used below:
 * - AMOUNT: a decimal string in token units, in quotes: "21000000", "12.5". Never an
 *   unquoted number: YAML reads those as floating point and can lose digits. No more
 *   decimals than the token has.
 * - PERCENT: a decimal string from "0" to "100", at most 4 decimals: "2.5" is 2.5 %.
 * - DURATION: a string `<whole number><unit>`: "30d", "6mo", "2y". Units: s, min, h, d,
 *   w (7 days), mo (a twelfth of a year: 2,629,800 s), y (365.25 days: 31,557,600 s).
 * - TIME: an ISO 8601 time with a zone, "2025-01-01T00:00:00Z", or a date "2025-01-01".
 * - ID: 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit.
 *   Ids must be unique within their list. Some ids are stricter, as the engine command
 *   that receives them is: fund and milestone-burn ids have at most 64 characters; NAMEs
 *   (allocation names, vesting milestones) also have no ':'; pool and revenue policy ids
 *   are letters, digits, '_' and '-' only; fee and income classes are lower case
 *   ("compute", "service_fee"); reward factors are lower case, digits and '_'.
 * - Every DURATION is at most 100y. A list holds at most 256 items; tiers, committees,
 *   fee classes, milestone burns, tranches, epochs and income classes at most 64; a split
 *   list at most 32; a pool at most 16 factors.
 *
 * Top-level keys (R = required, O = optional):
 *
 * dao (R): { name (R): display name }
 * genesis (O): TIME when vesting and emission schedules start. Default: the time of init.
 * tokens (R): list of fungible tokens:
 *   { id (R), symbol (R): letters and digits, decimals (R): 0 to 18,
 *     supply (O): fixed | mintable (default mintable; fixed needs maxSupply),
 *     maxSupply (O): AMOUNT, label (O) }
 * governanceToken (R): id of the token the economy below is about. It needs a maxSupply:
 *   the allocations must add up to it exactly.
 * nftClasses (O): list of non-fungible classes: { id (R), symbol (R), soulbound (O):
 *   true means holders cannot transfer it (default false), label (O) }.
 *   Token and class ids share one namespace (both are ledger assets).
 * identity (O): { class (R): id of a soulbound NFT class that proves a verified identity,
 *   verifiers (O): list of actor ids allowed to verify }
 * actors (O): list of actors to create: { id (R), kind (R): member | agent, name (O) }.
 *   The owners of allocation accounts are created automatically; list them here only to
 *   give them another kind or name.
 * treasury (O):
 *   funds (R): list of { id (R), label (R), spendingLimit (O): { amount (R): AMOUNT,
 *     period (R): DURATION up to 10y } }: at most `amount` may leave the fund (spent or
 *     burned) per rolling `period`. Funds hold the governance token.
 *   income (O): how incoming revenue is split between funds:
 *     reserve (O): list of { fund, percent }: each taken off the top of every income;
 *       together at most 100.
 *     classes (O): map from an income class name (service_fee, donation, ...) to a list
 *       of { fund, percent } adding up to exactly 100: how the rest of that class is split.
 *     default (R): list of { fund, percent } adding up to exactly 100: the split for every
 *       income class not named in `classes`.
 * pools (O): emission pools, each funded by exactly one allocation:
 *   { id (R), label (O), schedule (R): a SCHEDULE (below) by which the pool releases its
 *     allocation for rewards, factors (R): map from a reward factor name to a whole-number
 *     weight (0 to 1,000,000, at least one above 0), for example { compute: 40, quality: 30 } }
 * allocations (R): the genesis table; must add up exactly to the governance token's
 *   maxSupply. Each: { name (R): NAME, label (R), percent (O): PERCENT of maxSupply, or
 *   amount (O): AMOUNT (exactly one of the two; a percent must give a whole number of
 *   base units), to (R): where it goes, vesting (O): a SCHEDULE (default immediate) }.
 *   `to` is one of:
 *     { account: <account id>, owner (O): <actor id> } a member's account; its owner
 *       (default: an actor with the account's id) is created if not listed in actors;
 *     { fund: <treasury fund id> };
 *     { pool: <pool id> }: the allocation follows the pool's schedule, so it may not
 *       have a vesting key.
 * SCHEDULE, by `kind`:
 *   { kind: immediate }
 *   { kind: linear, lockup (O): DURATION (default 0), duration (R): DURATION }: nothing
 *     until lockup has passed, then linear over duration.
 *   { kind: cliff, cliff (R): DURATION, duration (R): DURATION }: accrues linearly from
 *     the start over duration; nothing can be released before the cliff.
 *   { kind: milestones, tranches (R): list of { milestone (R): NAME, percent (R) } }:
 *     each tranche is released when its milestone is attested; percents add up to 100.
 *   { kind: epochs, epochs (R): list of { duration (R), percent (R) } }: consecutive
 *     epochs from the start, linear within each; percents add up to 100.
 * staking (O): staking of the governance token:
 *   rewardsFrom (R): { fund: <id> } or { pool: <id> }: where rewards are paid from.
 *   earlyExit (O): rejected (default: a stake cannot leave before maturity) or
 *     { penaltyPercent: PERCENT } of the principal forfeited to leave early.
 *   voteRequiresStake (O): true if only staked tokens vote (default false).
 *   committees (O): list of { id (R), minimum (R): AMOUNT staked to qualify,
 *     requiresIdentity (O): true if members need the identity NFT (default false) }.
 *   tiers (R): list of { id (R), label (O), duration (R): DURATION (at most 50y),
 *     apyPercent (R), minimum (R): AMOUNT, rewardBurnPercent (O): PERCENT of rewards burned (default 0),
 *     benefits (O): { computePriority (O): boolean, feeDiscountPercent (O): PERCENT,
 *     votingMultiplier (O): a multiplier such as "1.5" (at most "10"), specialAccess (O):
 *     boolean } }.
 * burns (O):
 *   fees (O): list of { class (R): fee class, burnPercent (R): PERCENT of each fee
 *     burned, range (O): [lowest, highest] PERCENTs within which governance may later
 *     set burnPercent (burnPercent lies within),
 *     stakersPercent (O): PERCENT of each fee paid to stakers, stakersPolicy (O):
 *     revenue policy id that distributes the stakers' share (required with
 *     stakersPercent) }. burnPercent + stakersPercent is at most 100.
 *   milestones (O): list of { id (R), label (R), amount (R): AMOUNT burned when the
 *     milestone is attested, from (R): { fund: <id> } }.
 * revenue (O): policies (R): list of revenue distribution policies, by `mode`:
 *   { id, mode: stake }: pro rata to stake;
 *   { id, mode: activity, epoch (R): DURATION up to 1y }: pro rata to activity points
 *     in each epoch;
 *   { id, mode: hybrid, stakePercent (R): PERCENT by stake (the rest by activity),
 *     epoch (R): DURATION up to 1y }.
 */

import { yearSeconds } from '../kernel/rates.ts';
import {
  amount,
  boolean,
  dictionary,
  duration,
  either,
  type FieldValue,
  id,
  integer,
  isoTime,
  list,
  multiplier,
  object,
  oneOf,
  optional,
  percent,
  required,
  section,
  symbol,
  text,
  variant,
} from './yaml-source.ts';

/** A configuration file larger than this is not a hand-written economy. */
export const genesisFileBytesMax = 1_048_576;
/** Items in any one list (allocations, funds, ...): the economy module's table limit. */
export const genesisListItemsMax = 256;
/** Tiers, committees, fee classes, milestone burns, tranches, epochs, income classes: as the modules allow. */
export const genesisShortListItemsMax = 64;
/** Entries in one income split list (the treasury's limit). */
export const incomeSharesMax = 32;
/** Reward factors of one pool (the emission module's limit). */
export const factorsMax = 16;
/** The largest weight of one factor; weights are relative, so this is resolution, not a cap. */
export const factorWeightMax = 1_000_000;
export const genesisNameLengthMax = 128;
export const genesisLabelLengthMax = 200;
export const genesisSymbolLengthMax = 16;
/** The longest staking lock: 50 years, as the staking module allows. */
export const tierDurationSecondsMax = 50 * yearSeconds;
/** The highest voting multiplier a tier may grant (the staking module's limit). */
export const votingMultiplierMax = '10';
/** The longest rolling period of a fund's spending limit (the treasury's limit). */
export const spendingPeriodSecondsMax = 10 * yearSeconds;
/** The longest activity epoch of a revenue policy (the revenue module's limit). */
export const revenueEpochSecondsMax = yearSeconds;

const label = () => text({ lengthMax: genesisLabelLengthMax });
const items = { itemsMax: genesisListItemsMax };
const fewItems = { itemsMax: genesisShortListItemsMax };

const tokenShape = {
  id: required(id()),
  symbol: required(symbol({ lengthMax: genesisSymbolLengthMax })),
  decimals: required(integer({ min: 0, max: 18 })),
  supply: optional(oneOf(['fixed', 'mintable'])),
  maxSupply: optional(amount()),
  label: optional(label()),
};

const nftClassShape = {
  id: required(id()),
  symbol: required(symbol({ lengthMax: genesisSymbolLengthMax })),
  soulbound: optional(boolean()),
  label: optional(label()),
};

const identityShape = {
  class: required(id()),
  verifiers: optional(list(id(), items)),
};

const actorShape = {
  id: required(id()),
  kind: required(oneOf(['member', 'agent'])),
  name: optional(text({ lengthMax: genesisNameLengthMax })),
};

const incomeShares = list(object({ fund: required(id('short')), percent: required(percent()) }), {
  noun: 'income share for',
  idKey: 'fund',
  itemsMax: incomeSharesMax,
  allowEmpty: false,
});

const treasuryShape = {
  funds: required(
    list(
      object({
        id: required(id('short')),
        label: required(label()),
        spendingLimit: optional(object({ amount: required(amount()), period: required(duration({ allowZero: false, secondsMax: spendingPeriodSecondsMax })) })),
      }),
      { noun: 'fund', ...items },
    ),
  ),
  income: optional(
    object({
      reserve: optional(
        list(object({ fund: required(id('short')), percent: required(percent()) }), { noun: 'reserve for', idKey: 'fund', itemsMax: incomeSharesMax }),
      ),
      classes: optional(dictionary(incomeShares, { noun: 'income class', keyKind: 'class', ...fewItems })),
      default: required(incomeShares),
    }),
  ),
};

// Milestones name vesting attestations, so they follow the strict `name` rule.
export const scheduleReader = variant('kind', {
  immediate: {},
  linear: { lockup: optional(duration({ allowZero: true })), duration: required(duration({ allowZero: false })) },
  cliff: { cliff: required(duration({ allowZero: true })), duration: required(duration({ allowZero: false })) },
  milestones: {
    tranches: required(
      list(object({ milestone: required(id('name')), percent: required(percent()) }), { noun: 'tranche', idKey: 'milestone', ...fewItems, allowEmpty: false }),
    ),
  },
  epochs: {
    epochs: required(
      list(object({ duration: required(duration({ allowZero: false })), percent: required(percent()) }), { noun: 'epoch', ...fewItems, allowEmpty: false }),
    ),
  },
});

const poolShape = {
  id: required(id('plain')),
  label: optional(label()),
  schedule: required(scheduleReader),
  factors: required(dictionary(integer({ min: 0, max: factorWeightMax }), { noun: 'factor', keyKind: 'factor', itemsMax: factorsMax, allowEmpty: false })),
};

// Allocation names become vesting grant ids, hence the strict `name` rule.
const allocationShape = {
  name: required(id('name')),
  label: required(label()),
  percent: optional(percent()),
  amount: optional(amount()),
  to: required(
    object({
      account: optional(id('account')),
      owner: optional(id()),
      fund: optional(id('short')),
      pool: optional(id('plain')),
    }),
  ),
  vesting: optional(scheduleReader),
};

const benefitsShape = {
  computePriority: optional(boolean()),
  feeDiscountPercent: optional(percent()),
  votingMultiplier: optional(multiplier({ max: votingMultiplierMax })),
  specialAccess: optional(boolean()),
};

const tierShape = {
  id: required(id()),
  label: optional(label()),
  duration: required(duration({ allowZero: false, secondsMax: tierDurationSecondsMax })),
  apyPercent: required(percent()),
  minimum: required(amount()),
  rewardBurnPercent: optional(percent()),
  benefits: optional(object(benefitsShape)),
};

const stakingShape = {
  rewardsFrom: required(object({ fund: optional(id('short')), pool: optional(id('plain')) })),
  earlyExit: optional(
    either({
      whenScalar: oneOf(['rejected']),
      whenMap: object({ penaltyPercent: required(percent()) }),
      expected: 'rejected or { penaltyPercent: "10" }',
    }),
  ),
  voteRequiresStake: optional(boolean()),
  committees: optional(
    list(object({ id: required(id()), minimum: required(amount()), requiresIdentity: optional(boolean()) }), { noun: 'committee', ...fewItems }),
  ),
  tiers: required(list(object(tierShape), { noun: 'tier', ...fewItems, allowEmpty: false })),
};

const burnsShape = {
  fees: optional(
    list(
      object({
        class: required(id('class')),
        burnPercent: required(percent()),
        range: optional(list(percent(), { itemsMax: 2 })),
        stakersPercent: optional(percent()),
        stakersPolicy: optional(id('plain')),
      }),
      { noun: 'fee class', idKey: 'class', ...fewItems },
    ),
  ),
  milestones: optional(
    list(object({ id: required(id('short')), label: required(label()), amount: required(amount()), from: required(object({ fund: required(id('short')) })) }), {
      noun: 'milestone burn',
      ...fewItems,
    }),
  ),
};

const epoch = () => required(duration({ allowZero: false, secondsMax: revenueEpochSecondsMax }));

const revenueShape = {
  policies: required(
    list(
      variant('mode', {
        stake: { id: required(id('plain')) },
        activity: { id: required(id('plain')), epoch: epoch() },
        hybrid: { id: required(id('plain')), stakePercent: required(percent()), epoch: epoch() },
      }),
      { noun: 'policy', ...items },
    ),
  ),
};

/** How a category counts voting power; each reads the governance token. */
export const powerKinds = ['token', 'token+staked', 'staked', 'identity', 'quadratic'] as const;

const categoryShape = {
  id: required(id()),
  discussion: required(duration({ allowZero: true, secondsMax: yearSeconds })),
  voting: required(duration({ allowZero: false, secondsMax: yearSeconds })),
  timelock: required(duration({ allowZero: true, secondsMax: yearSeconds })),
  grace: required(duration({ allowZero: false, secondsMax: yearSeconds })),
  quorumPercent: required(percent()),
  supportPercent: required(percent()),
  power: optional(oneOf([...powerKinds])),
  proposerMinPower: optional(amount()),
  lateQuorum: optional(duration({ allowZero: true, secondsMax: yearSeconds })),
  earlyDecision: optional(boolean()),
  voteChanging: optional(boolean()),
  autoExecute: optional(boolean()),
};

const governanceShape = {
  categories: required(list(object(categoryShape), { noun: 'category', ...fewItems, allowEmpty: false })),
};

/**
 * The top level of the file. It and the large sections (treasury, staking, burns) are read
 * leniently: one broken key hides no other from the checks between sections.
 */
export const genesisShape = {
  dao: required(object({ name: required(text({ lengthMax: genesisNameLengthMax })) })),
  genesis: optional(isoTime()),
  tokens: required(list(object(tokenShape), { noun: 'token', ...items, allowEmpty: false })),
  governanceToken: required(id()),
  nftClasses: optional(list(object(nftClassShape), { noun: 'class', ...items })),
  identity: optional(object(identityShape)),
  actors: optional(list(object(actorShape), { noun: 'actor', ...items })),
  treasury: optional(section(treasuryShape)),
  pools: optional(list(object(poolShape), { noun: 'pool', ...items })),
  allocations: required(list(object(allocationShape), { noun: 'allocation', idKey: 'name', ...items, allowEmpty: false })),
  staking: optional(section(stakingShape)),
  burns: optional(section(burnsShape)),
  revenue: optional(object(revenueShape)),
  governance: optional(object(governanceShape)),
};

/** The file as read, before the checks between sections: each section that read cleanly. */
export type RawGenesis = { -readonly [K in keyof typeof genesisShape]?: FieldValue<(typeof genesisShape)[K]> };
export type RawSchedule = NonNullable<ReturnType<typeof scheduleReader>>;
export type RawToken = NonNullable<RawGenesis['tokens']>[number];
export type RawAllocation = NonNullable<RawGenesis['allocations']>[number];
export type RawPool = NonNullable<RawGenesis['pools']>[number];
export type RawTreasury = NonNullable<RawGenesis['treasury']>['values'];
export type RawIncomeShare = NonNullable<RawTreasury['income']>['default'][number];
export type RawStaking = NonNullable<RawGenesis['staking']>['values'];
export type RawBurns = NonNullable<RawGenesis['burns']>['values'];
export type RawRevenuePolicy = NonNullable<RawGenesis['revenue']>['policies'][number];
export type RawCategory = NonNullable<RawGenesis['governance']>['categories'][number];
