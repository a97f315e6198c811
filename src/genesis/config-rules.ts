/**
 * The rules between the parts of a genesis configuration that a schema cannot express:
 * unique ids, references that resolve, sums that add up exactly, amounts that fit their token.
 * Each rule reports a problem at the line it is about and carries on, so that one run lists
 * everything. A rule that needs a whole list stands back when part of that list could not be
 * read: the problem there is already reported, and a sum over the rest would only mislead.
 */
import { formatAmount, parseAmount } from '../kernel/amount.ts';
import { percentToPpm, ppmToPercent, ppmWhole } from '../kernel/rates.ts';
import type { genesisShape, RawAllocation, RawBurns, RawGenesis, RawPool, RawSchedule, RawStaking, RawToken, RawTreasury } from './config-schema.ts';
import { type ConfigSource, closest, idsOf, isComplete, type Position, type Sections } from './yaml-source.ts';

/** The ids one kind of thing has, where each is declared, and whether the list was read whole. */
interface Known {
  noun: string;
  plural: string;
  ids: Map<string, Position>;
  complete: boolean;
}

interface Context {
  source: ConfigSource;
  raw: RawGenesis;
  sections: Sections<typeof genesisShape>;
  /** The governance token, when it resolves: amounts elsewhere are in its units. */
  token: RawToken | undefined;
  tokens: Known;
  classes: Known;
  funds: Known;
  pools: Known;
  policies: Known;
  actors: Known;
}

export function checkGenesis(source: ConfigSource, sections: Sections<typeof genesisShape>): void {
  const raw = sections.values;
  const treasury = raw.treasury;
  const context: Context = {
    source,
    raw,
    sections,
    token: undefined,
    tokens: known(source, 'token', 'tokens', raw.tokens, false),
    classes: known(source, 'NFT class', 'NFT classes', raw.nftClasses, isAbsentAndFine(sections, 'nftClasses')),
    funds: known(source, 'fund', 'funds', treasury?.values.funds, treasury === undefined && isAbsentAndFine(sections, 'treasury')),
    pools: known(source, 'pool', 'pools', raw.pools, isAbsentAndFine(sections, 'pools')),
    policies: known(source, 'revenue policy', 'revenue policies', raw.revenue?.policies, isAbsentAndFine(sections, 'revenue')),
    actors: knownActors(source, sections),
  };
  checkAssetIdsShared(context);
  context.token = checkGovernanceToken(context);
  checkTokens(context);
  checkIdentity(context);
  if (treasury) checkTreasury(context, treasury.values);
  for (const pool of raw.pools ?? []) checkPool(context, pool);
  checkAllocations(context);
  if (raw.staking) checkStaking(context, raw.staking.values);
  if (raw.burns) checkBurns(context, raw.burns.values);
}

function report(context: Context, at: Position, message: string): void {
  context.source.report(at, message);
}

/** An optional section that is simply not there: its (empty) list of ids is complete. */
function isAbsentAndFine(sections: Sections<typeof genesisShape>, key: keyof typeof genesisShape): boolean {
  return sections.values[key] === undefined && !sections.failed.has(key);
}

/**
 * Collects the ids a list declares (its broken items included), reporting the second of any
 * two items that share one. `absentIsComplete`: a list that is not there declares nothing,
 * and that is the whole truth (rather than "could not be read").
 */
function known(source: ConfigSource, noun: string, plural: string, items: readonly unknown[] | undefined, absentIsComplete: boolean): Known {
  const ids = new Map<string, Position>();
  const listed = items === undefined ? undefined : idsOf(items);
  for (const { id, at } of listed ?? []) {
    const first = ids.get(id);
    if (first) source.report(at, `${noun} '${id}' is declared twice (first on line ${first.line})`);
    else ids.set(id, at);
  }
  return { noun, plural, ids, complete: items === undefined ? absentIsComplete : listed !== undefined };
}

/** Reports a reference to an id that is not declared, with the likely intended one. */
function checkReference(context: Context, kind: Known, id: string, at: Position | undefined, subject: string): boolean {
  if (kind.ids.has(id)) return true;
  if (!kind.complete || at === undefined) return false;
  const names = [...kind.ids.keys()];
  const suggestion = closest(id, names);
  let hint = ` (no ${kind.plural} are declared)`;
  if (suggestion) hint = ` (did you mean '${suggestion}'?)`;
  else if (names.length > 0) hint = ` (the ${kind.plural} are: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', ...' : ''})`;
  report(context, at, `${subject}: unknown ${kind.noun} '${id}'${hint}`);
  return false;
}

function knownActors(source: ConfigSource, sections: Sections<typeof genesisShape>): Known {
  const raw = sections.values;
  const actors = known(source, 'actor', 'actors', raw.actors, isAbsentAndFine(sections, 'actors'));
  for (const actor of raw.actors ?? []) {
    if (actor.id === 'system') source.report(actor.at.keys.id ?? actor.at.self, "actor id 'system' is reserved for the engine itself");
  }
  // Owners of allocation accounts are created automatically, so they count as actors too.
  for (const allocation of raw.allocations ?? []) {
    const owner = allocation.to.owner ?? allocation.to.account;
    if (owner !== undefined && !actors.ids.has(owner)) actors.ids.set(owner, allocation.at.self);
  }
  return { ...actors, complete: actors.complete && isComplete(raw.allocations) };
}

// ---------------------------------------------------------------------------------------
// Amounts and percents
// ---------------------------------------------------------------------------------------

/** "21000000.5" -> "21,000,000.5": sums in messages are read by people. */
export function groupThousands(amount: string): string {
  const [whole = '', fraction] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

function decimalsOf(text: string): number {
  return text.split('.')[1]?.length ?? 0;
}

/**
 * An amount in `token`'s units as exact base units, or a problem saying why not. Without a
 * resolved token the amount cannot be checked here; its own problem is reported elsewhere.
 */
function checkAmount(
  context: Context,
  value: string,
  at: Position | undefined,
  options: { subject: string; token: RawToken | undefined; allowZero: boolean },
): bigint | undefined {
  const { subject, token } = options;
  if (token === undefined || at === undefined) return undefined;
  if (decimalsOf(value) > token.decimals) {
    const has = token.decimals === 0 ? 'no decimals' : `only ${token.decimals} decimals`;
    report(context, at, `${subject} "${value}" has ${decimalsOf(value)} decimals, but ${token.symbol} has ${has}`);
    return undefined;
  }
  try {
    return parseAmount(value, { decimals: token.decimals, allowZero: options.allowZero });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    report(context, at, options.allowZero ? `${subject}: ${reason}` : `${subject} must be more than zero`);
    return undefined;
  }
}

function formatUnits(units: bigint, token: RawToken): string {
  return groupThousands(formatAmount(units, token.decimals));
}

/** The sum of some percents as ppm; the readers have already checked each one. */
function sumPercents(percents: readonly string[]): bigint {
  return percents.reduce((sum, percent) => sum + percentToPpm(percent), 0n);
}

// ---------------------------------------------------------------------------------------
// Tokens, classes, identity
// ---------------------------------------------------------------------------------------

/** Tokens and NFT classes are both ledger assets: one id cannot name both. */
function checkAssetIdsShared(context: Context): void {
  for (const nft of context.raw.nftClasses ?? []) {
    const token = context.tokens.ids.get(nft.id);
    if (token && nft.at.keys.id)
      report(context, nft.at.keys.id, `class '${nft.id}' has the same id as the token on line ${token.line}; tokens and classes share one set of ids`);
  }
}

function checkGovernanceToken(context: Context): RawToken | undefined {
  const { raw } = context;
  const id = raw.governanceToken;
  const at = context.sections.at.keys.governanceToken;
  if (id === undefined || at === undefined) return undefined;
  const token = raw.tokens?.find((candidate) => candidate.id === id);
  if (token === undefined) {
    if (context.classes.ids.has(id)) report(context, at, `governanceToken '${id}' is an NFT class; it must be one of the tokens`);
    else checkReference(context, context.tokens, id, at, 'governanceToken');
    return undefined;
  }
  if (token.maxSupply === undefined && token.supply !== 'fixed') {
    report(
      context,
      at,
      `governanceToken ${id} needs a fixed supply with a maxSupply: the allocations must add up to it (set supply: fixed and maxSupply on the token)`,
    );
  }
  return token;
}

function checkTokens(context: Context): void {
  for (const token of context.raw.tokens ?? []) {
    const subject = `token ${token.id}`;
    if (token.supply === 'fixed' && token.maxSupply === undefined)
      report(context, token.at.keys.supply ?? token.at.self, `${subject}: a fixed supply needs a maxSupply`);
    if (token.maxSupply !== undefined)
      checkAmount(context, token.maxSupply, token.at.keys.maxSupply, { subject: `${subject}: maxSupply`, token, allowZero: false });
  }
}

function checkIdentity(context: Context): void {
  const identity = context.raw.identity;
  if (identity === undefined) return;
  const at = identity.at.keys.class;
  const nft = context.raw.nftClasses?.find((candidate) => candidate.id === identity.class);
  if (nft === undefined) {
    if (context.tokens.ids.has(identity.class) && at)
      report(context, at, `identity: '${identity.class}' is a token; the identity class must be one of the nftClasses`);
    else checkReference(context, context.classes, identity.class, at, 'identity');
  } else if (nft.soulbound !== true && at) {
    report(context, at, `identity: class ${nft.id} must be soulbound (soulbound: true on the class), so that an identity cannot change hands`);
  }
  for (const verifier of identity.verifiers ?? []) {
    checkReference(context, context.actors, verifier, identity.at.keys.verifiers, 'identity: verifiers');
  }
}

// ---------------------------------------------------------------------------------------
// Treasury and schedules
// ---------------------------------------------------------------------------------------

function checkTreasury(context: Context, treasury: RawTreasury): void {
  for (const fund of treasury.funds ?? []) {
    const limit = fund.spendingLimit;
    if (limit)
      checkAmount(context, limit.amount, limit.at.keys.amount, { subject: `fund ${fund.id}: spendingLimit.amount`, token: context.token, allowZero: false });
  }
  const income = treasury.income;
  if (income === undefined) return;
  const lists: [string, IncomeList, Position | undefined][] = [];
  if (income.reserve) lists.push(['income.reserve', income.reserve, income.at.names.reserve]);
  for (const [name, list] of income.classes?.entries ?? []) lists.push([`income class ${name}`, list, income.classes?.at.names[name]]);
  lists.push(['income.default', income.default, income.at.names.default]);
  for (const [what, list, at] of lists) checkIncomeList(context, what, list, at);
}

type IncomeList = NonNullable<RawTreasury['income']>['default'];

function checkIncomeList(context: Context, what: string, list: IncomeList, at: Position | undefined): void {
  for (const share of list) checkReference(context, context.funds, share.fund, share.at.keys.fund, `treasury: ${what}`);
  if (!isComplete(list) || at === undefined) return;
  const total = sumPercents(list.map((share) => share.percent));
  if (what === 'income.reserve') {
    if (total > ppmWhole) report(context, at, `treasury: income.reserve adds up to ${ppmToPercent(total)}%; it may be at most 100%`);
  } else if (total !== ppmWhole) {
    report(context, at, `treasury: ${what} adds up to ${ppmToPercent(total)}%, not 100%`);
  }
}

/** Tranches and epochs add up to exactly 100; milestones are unique; a cliff fits in its duration. */
function checkSchedule(context: Context, schedule: RawSchedule, subject: string): void {
  if (schedule.kind === 'milestones') {
    known(context.source, `${subject}: milestone`, 'milestones', schedule.tranches, true);
    checkHundred(context, schedule.tranches, schedule.at.names.tranches, `${subject} tranches`);
  } else if (schedule.kind === 'epochs') {
    checkHundred(context, schedule.epochs, schedule.at.names.epochs, `${subject} epochs`);
  } else if (schedule.kind === 'cliff' && schedule.cliff > schedule.duration && schedule.at.keys.cliff) {
    report(context, schedule.at.keys.cliff, `${subject}: the cliff is longer than the duration`);
  }
}

function checkPool(context: Context, pool: RawPool): void {
  checkSchedule(context, pool.schedule, `pool ${pool.id}: schedule`);
  const weights = [...pool.factors.entries.values()];
  const at = pool.at.keys.factors;
  if (weights.every((weight) => weight === 0) && at) report(context, at, `pool ${pool.id}: factors must give at least one factor a weight above zero`);
}

function checkHundred(context: Context, parts: readonly { percent: string }[], at: Position | undefined, subject: string): void {
  if (!isComplete(parts) || at === undefined) return;
  const total = sumPercents(parts.map((part) => part.percent));
  if (total !== ppmWhole) report(context, at, `${subject} add up to ${ppmToPercent(total)}%, not 100%`);
}

// ---------------------------------------------------------------------------------------
// Allocations
// ---------------------------------------------------------------------------------------

/** A token's maxSupply in base units, when it has a valid one. */
function maxSupplyUnits(token: RawToken): bigint | undefined {
  if (token.maxSupply === undefined || decimalsOf(token.maxSupply) > token.decimals) return undefined;
  return parseAmount(token.maxSupply, { decimals: token.decimals });
}

/**
 * An allocation's exact base units: its amount, or its percent of the maxSupply when that is a
 * whole number of base units. Undefined when it is neither (the checks say why).
 */
export function allocationUnits(allocation: RawAllocation, token: RawToken): bigint | undefined {
  if (allocation.amount !== undefined) {
    return decimalsOf(allocation.amount) > token.decimals ? undefined : parseAmount(allocation.amount, { decimals: token.decimals });
  }
  const supply = maxSupplyUnits(token);
  if (allocation.percent === undefined || supply === undefined) return undefined;
  const scaled = supply * percentToPpm(allocation.percent);
  return scaled % ppmWhole === 0n ? scaled / ppmWhole : undefined;
}

function checkAllocations(context: Context): void {
  const allocations = context.raw.allocations;
  if (allocations === undefined) return;
  known(context.source, 'allocation', 'allocations', allocations, true);
  let allExact = isComplete(allocations);
  let total = 0n;
  for (const allocation of allocations) {
    checkTarget(context, allocation);
    if (allocation.vesting) checkSchedule(context, allocation.vesting, `allocation ${allocation.name}: vesting`);
    const units = checkSize(context, allocation);
    if (units === undefined) allExact = false;
    else total += units;
  }
  const token = context.token;
  const supply = token === undefined ? undefined : maxSupplyUnits(token);
  const at = context.sections.at.names.allocations;
  if (allExact && token !== undefined && supply !== undefined && at !== undefined && total !== supply) {
    const gap = total < supply ? `${formatUnits(supply - total, token)} short of` : `${formatUnits(total - supply, token)} more than`;
    report(context, at, `allocations add up to ${formatUnits(total, token)} ${token.symbol}, ${gap} the supply ${formatUnits(supply, token)}`);
  }
  if (isComplete(allocations)) checkPoolsFunded(context, allocations);
}

/** Exactly one of percent and amount, more than zero, exact in base units. */
function checkSize(context: Context, allocation: RawAllocation): bigint | undefined {
  const subject = `allocation ${allocation.name}`;
  const { token } = context;
  if (allocation.percent !== undefined && allocation.amount !== undefined) {
    report(context, allocation.at.names.amount ?? allocation.at.self, `${subject}: give either percent or amount, not both`);
    return undefined;
  }
  if (allocation.amount !== undefined) {
    return checkAmount(context, allocation.amount, allocation.at.keys.amount, { subject: `${subject}: amount`, token, allowZero: false });
  }
  const at = allocation.at.keys.percent;
  if (allocation.percent === undefined || at === undefined) {
    report(context, allocation.at.self, `${subject}: give its size as a percent of the supply (percent: "10") or an amount (amount: "2100000")`);
    return undefined;
  }
  if (percentToPpm(allocation.percent) === 0n) {
    report(context, at, `${subject}: percent must be more than zero`);
    return undefined;
  }
  const supply = token === undefined ? undefined : maxSupplyUnits(token);
  if (token === undefined || supply === undefined) return undefined;
  const units = allocationUnits(allocation, token);
  if (units === undefined) {
    report(
      context,
      at,
      `${subject}: ${allocation.percent}% of the supply ${formatUnits(supply, token)} ${token.symbol} is not a whole number of base units (${token.symbol} has ${token.decimals} decimals); give an amount instead`,
    );
  }
  return units;
}

function checkTarget(context: Context, allocation: RawAllocation): void {
  const subject = `allocation ${allocation.name}`;
  const { to } = allocation;
  const named = (['account', 'fund', 'pool'] as const).filter((key) => to[key] !== undefined);
  if (named.length !== 1) {
    const found = named.length > 1 ? ` (found ${named.join(' and ')})` : '';
    report(context, allocation.at.keys.to ?? allocation.at.self, `${subject}: to must name exactly one of account, fund or pool${found}`);
    return;
  }
  if (to.owner !== undefined && to.account === undefined) report(context, to.at.keys.owner ?? to.at.self, `${subject}: to.owner is only for an account`);
  if (to.fund !== undefined) checkReference(context, context.funds, to.fund, to.at.keys.fund, subject);
  if (to.pool !== undefined) {
    checkReference(context, context.pools, to.pool, to.at.keys.pool, subject);
    const at = allocation.at.names.vesting;
    if (allocation.vesting && at) report(context, at, `${subject}: an allocation to pool ${to.pool} follows the pool's schedule; remove its vesting`);
  }
}

/** Every pool is funded by exactly one allocation: its emission schedule releases that amount. */
function checkPoolsFunded(context: Context, allocations: readonly RawAllocation[]): void {
  for (const pool of context.raw.pools ?? []) {
    const funding = allocations.filter((allocation) => allocation.to.pool === pool.id);
    const [first, second] = funding;
    if (first === undefined) {
      report(context, pool.at.keys.id ?? pool.at.self, `pool ${pool.id} has no allocation: add one with to: { pool: ${pool.id} }`);
    } else if (second !== undefined) {
      report(
        context,
        second.at.keys.to ?? second.at.self,
        `allocation ${second.name}: pool ${pool.id} is already funded by allocation ${first.name} (line ${first.at.self.line}); a pool takes exactly one allocation`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------
// Staking and burns
// ---------------------------------------------------------------------------------------

function checkStaking(context: Context, staking: RawStaking): void {
  checkRewardsFrom(context, staking);
  const token = context.token;
  known(context.source, 'committee', 'committees', staking.committees, true);
  const identityMissing = context.raw.identity === undefined && !context.sections.failed.has('identity');
  for (const committee of staking.committees ?? []) {
    checkAmount(context, committee.minimum, committee.at.keys.minimum, { subject: `committee ${committee.id}: minimum`, token, allowZero: true });
    const at = committee.at.keys.requiresIdentity;
    if (committee.requiresIdentity === true && identityMissing && at) {
      report(context, at, `committee ${committee.id}: requiresIdentity needs an identity section naming the identity NFT class`);
    }
  }
  known(context.source, 'tier', 'tiers', staking.tiers, true);
  for (const tier of staking.tiers ?? []) {
    checkAmount(context, tier.minimum, tier.at.keys.minimum, { subject: `tier ${tier.id}: minimum`, token, allowZero: true });
  }
}

function checkRewardsFrom(context: Context, staking: RawStaking): void {
  const from = staking.rewardsFrom;
  if (from === undefined) return;
  const subject = 'staking: rewardsFrom';
  if ((from.fund === undefined) === (from.pool === undefined)) {
    report(context, from.at.self, `${subject} must name exactly one of fund or pool, such as { fund: community }`);
  } else if (from.fund !== undefined) {
    checkReference(context, context.funds, from.fund, from.at.keys.fund, subject);
  } else if (from.pool !== undefined) {
    checkReference(context, context.pools, from.pool, from.at.keys.pool, subject);
  }
}

function checkBurns(context: Context, burns: RawBurns): void {
  known(context.source, 'fee class', 'fee classes', burns.fees, true);
  for (const fee of burns.fees ?? []) checkFeeBurn(context, fee);
  known(context.source, 'milestone burn', 'milestone burns', burns.milestones, true);
  for (const milestone of burns.milestones ?? []) {
    const subject = `milestone burn ${milestone.id}`;
    checkAmount(context, milestone.amount, milestone.at.keys.amount, { subject: `${subject}: amount`, token: context.token, allowZero: false });
    checkReference(context, context.funds, milestone.from.fund, milestone.from.at.keys.fund, subject);
  }
}

type RawFeeBurn = NonNullable<RawBurns['fees']>[number];

function checkFeeBurn(context: Context, fee: RawFeeBurn): void {
  const subject = `fee class ${fee.class}`;
  const burn = percentToPpm(fee.burnPercent);
  if (fee.range !== undefined && fee.at.keys.range) checkRange(context, fee, burn);
  if (fee.stakersPercent !== undefined) {
    const total = burn + percentToPpm(fee.stakersPercent);
    const at = fee.at.keys.stakersPercent;
    if (total > ppmWhole && at)
      report(context, at, `${subject}: burnPercent and stakersPercent add up to ${ppmToPercent(total)}%; at most 100% of a fee can be handed out`);
    if (fee.stakersPolicy === undefined && at)
      report(context, at, `${subject}: stakersPercent needs a stakersPolicy: the revenue policy that shares it among stakers`);
  }
  if (fee.stakersPolicy !== undefined) {
    const at = fee.at.keys.stakersPolicy;
    if (fee.stakersPercent === undefined && at) report(context, at, `${subject}: stakersPolicy is set but stakersPercent is not`);
    checkReference(context, context.policies, fee.stakersPolicy, at, subject);
  }
}

function checkRange(context: Context, fee: RawFeeBurn, burn: bigint): void {
  const subject = `fee class ${fee.class}`;
  const range = fee.range ?? [];
  const at = fee.at.keys.range;
  const [lowest, highest] = range;
  if (at === undefined || !isComplete(range)) return;
  if (lowest === undefined || highest === undefined || range.length !== 2) {
    report(context, at, `${subject}: range must be two percentages, [lowest, highest], such as ["1", "3"]`);
  } else if (percentToPpm(lowest) > percentToPpm(highest)) {
    report(context, at, `${subject}: range starts at ${lowest}%, above its end at ${highest}%`);
  } else if (burn < percentToPpm(lowest) || burn > percentToPpm(highest)) {
    report(context, fee.at.keys.burnPercent ?? at, `${subject}: burnPercent ${fee.burnPercent}% is outside its range of ${lowest}% to ${highest}%`);
  }
}
