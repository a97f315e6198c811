/**
 * The DAO's constitution: declarative, typed rules that every proposal is checked against,
 * and the funds' recent outflows that the rolling_outflow rules read. Amounts are exact base
 * units (`...Units`), shares parts per million (`...Ppm`), so the log gives them back as bigints.
 */

interface RuleHead {
  /** Unique in the constitution; violations name it. */
  id: string;
  /** A human name, quoted in violation messages. */
  label: string;
}

/**
 * A proposal whose treasury.spend actions from `fundId` add up to more than the limit needs
 * `supermajorityPpm` support. The limit is a share of the fund's balance at check time, an
 * absolute amount, or, with both, whichever is smaller.
 */
export interface MaxSpendRule extends RuleHead {
  kind: 'max_spend';
  fundId: string;
  maxShareOfFundPpm?: bigint | undefined;
  maxAmountUnits?: bigint | undefined;
  supermajorityPpm: bigint;
}

/** What a fund pays out (spends and burns) in any `periodSeconds` stays within `amountUnits`. */
export interface RollingOutflowRule extends RuleHead {
  kind: 'rolling_outflow';
  fundId: string;
  amountUnits: bigint;
  periodSeconds: number;
}

/** The income rules of the fund's asset guarantee the fund at least `reservePpm` of every payment. */
export interface IncomeReserveRule extends RuleHead {
  kind: 'income_reserve';
  fundId: string;
  reservePpm: bigint;
}

/** Who may propose (in `categories`, or in every category): a BID holder, with a minimum stake. */
export interface ProposerRule extends RuleHead {
  kind: 'proposer';
  requiresIdentity: boolean;
  /** Staked units of the governance token; 0 asks for none. */
  minStakeUnits: bigint;
  categories?: string[] | undefined;
}

/** Who may sit on a committee; the committees module asks through `committeeRule`. */
export interface CommitteeEligibilityRule extends RuleHead {
  kind: 'committee_eligibility';
  committeeId: string;
  requiresIdentity: boolean;
  minStakeUnits: bigint;
}

/** A proposal that pays its proposer needs a disclosure and `supermajorityPpm` support. */
export interface ConflictOfInterestRule extends RuleHead {
  kind: 'conflict_of_interest';
  supermajorityPpm: bigint;
}

/** A proposal that changes the constitution needs `supermajorityPpm` support (and a long enough vote). */
export interface ConstitutionChangeRule extends RuleHead {
  kind: 'constitution_change';
  supermajorityPpm: bigint;
  minVotingSeconds?: number | undefined;
}

export type Rule =
  | MaxSpendRule
  | RollingOutflowRule
  | IncomeReserveRule
  | ProposerRule
  | CommitteeEligibilityRule
  | ConflictOfInterestRule
  | ConstitutionChangeRule;
export type RuleKind = Rule['kind'];

/** One outflow of a fund (a spend or a burn), as the rolling windows count it. */
export interface Outflow {
  timeMs: number;
  amountUnits: bigint;
}

export interface ConstitutionState {
  /** In force, in the order given: checks report the first violated rule in this order. */
  rules: Rule[];
  /** How many times the rules were set; 0 before the first constitution.set_rules. */
  version: number;
  amendedSeq?: number | undefined;
  amendedMs?: number | undefined;
  /** Every fund's outflows over the last `outflowPeriodSecondsMax`, oldest first, by fund id. */
  outflows: Map<string, Outflow[]>;
}

export function createConstitutionState(): ConstitutionState {
  return { rules: [], version: 0, outflows: new Map() };
}

/** The permission that replaces the rules, granted on `constitutionResource`. */
export const constitutionAmendAction = 'constitution.amend';
/** Grants name resources as `kind:id`, so the constitution is `constitution:rules`. */
export const constitutionResource = 'constitution:rules';

export function copyRule(rule: Rule): Rule {
  return rule.kind === 'proposer' && rule.categories ? { ...rule, categories: [...rule.categories] } : { ...rule };
}
