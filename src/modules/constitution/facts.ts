/** What the checks know about a proposal, and how they read its typed actions. */
import type { EngineState } from '../../engine/state.ts';
import { parseAmount } from '../../kernel/amount.ts';
import { isPolityError } from '../../kernel/errors.ts';
import { treasuryFund } from '../treasury/index.ts';

export interface ProposalFacts {
  proposerId: string;
  category: string;
  actions: { type: string; payload: unknown }[];
  disclosure?: string | undefined;
  /** When the check happens: rolling windows end here. */
  atMs: number;
  /**
   * decide/execute: the support the proposal won, for / (for + against), in ppm. With it the
   * checks also report a supermajority the proposal missed; without it they leave support to
   * the caller, who compares it with `requiredSupportPpm`.
   */
  supportPpm?: bigint | undefined;
  /** The proposal's voting period, when known: checked against constitution_change's minimum. */
  votingSeconds?: number | undefined;
}

export interface Violation {
  /** The rule id. */
  rule: string;
  /** Stable snake_case, one per rule kind (see `constitutionViolationCodes`). */
  code: string;
  /** Names the rule and the numbers. */
  message: string;
}

export type CheckPhase = 'create' | 'decide' | 'execute';

/** A payment out of a fund that one action of the proposal would make. */
export interface Payout {
  kind: 'spend' | 'burn';
  fundId: string;
  /** The credited account of a spend. */
  toId?: string | undefined;
  units: bigint;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The treasury.spend and treasury.burn actions of a proposal, their amounts in the fund's
 * base units. An action the treasury would refuse anyway (no such fund, an amount it cannot
 * parse) is left out: it moves nothing, and executing it fails the whole proposal.
 */
export function payouts(engine: EngineState, actions: ProposalFacts['actions']): Payout[] {
  const found: Payout[] = [];
  for (const action of actions) {
    if (action.type !== 'treasury.spend' && action.type !== 'treasury.burn') continue;
    const payload = action.payload;
    if (!isRecord(payload) || typeof payload.fund !== 'string' || typeof payload.amount !== 'string') continue;
    const fund = treasuryFund(engine.modules.treasury, payload.fund);
    const asset = fund && engine.ledger.assets.get(fund.assetId);
    if (!fund || !asset) continue;
    const units = parseUnitsOrUndefined(payload.amount, asset.decimals);
    if (units === undefined) continue;
    const toId = action.type === 'treasury.spend' && typeof payload.to === 'string' ? payload.to : undefined;
    found.push({ kind: action.type === 'treasury.spend' ? 'spend' : 'burn', fundId: fund.id, toId, units });
  }
  return found;
}

function parseUnitsOrUndefined(text: string, decimals: number): bigint | undefined {
  try {
    return parseAmount(text, { decimals, allowZero: false });
  } catch (error) {
    if (isPolityError(error)) return undefined;
    throw error;
  }
}

/** What the proposal pays out of one fund: spends only, or spends and burns. */
export function payoutUnits(list: readonly Payout[], fundId: string, kinds: readonly Payout['kind'][]): bigint {
  return list.reduce((sum, payout) => (payout.fundId === fundId && kinds.includes(payout.kind) ? sum + payout.units : sum), 0n);
}

/** The first spend to an account the proposer owns, if any. */
export function paymentToProposer(engine: EngineState, facts: ProposalFacts, list: readonly Payout[]): Payout | undefined {
  return list.find((payout) => payout.kind === 'spend' && payout.toId !== undefined && engine.ledger.accounts.get(payout.toId)?.ownerId === facts.proposerId);
}

export function changesConstitution(facts: ProposalFacts): boolean {
  return facts.actions.some((action) => action.type === 'constitution.set_rules');
}

/** The payloads of the proposal's treasury.set_income_rules actions, as records. */
export function incomeRuleChanges(facts: ProposalFacts): Record<string, unknown>[] {
  return facts.actions.filter((action) => action.type === 'treasury.set_income_rules').flatMap((action) => (isRecord(action.payload) ? [action.payload] : []));
}

export function hasDisclosure(facts: ProposalFacts): boolean {
  return facts.disclosure !== undefined && facts.disclosure.trim() !== '';
}
