import type { TokenSpent } from '../access/events.ts';
import { systemActorId } from '../access/state.ts';
import type { EngineState } from '../engine/state.ts';
import type { CommandContext, DomainEvent } from '../engine/types.ts';
import { assert } from '../kernel/assert.ts';
import { decideMovement, type MovementRequest } from './commands/movement.ts';
import { LedgerDraft } from './draft.ts';
import { type AccountCreated, type AccountSpec, evolveLedger, type LedgerEvent, type PendingResolved, type TransferCreated } from './events.ts';
import { burnAccountId, issuanceAccountId, type TransferKind } from './state.ts';

/** A movement a module asks for, in base units. */
export interface MoveRequest {
  id: string;
  fromId: string;
  toId: string;
  units: bigint;
  pending?: boolean;
  tokenId?: string;
  memo?: string;
}

export interface MoveRejection {
  code: string;
  message: string;
}

/**
 * How domain modules move value: every movement is decided by the ledger's own rules
 * (`decideMovement`) against a draft, so a module can never overdraw an account, exceed a
 * fixed supply or move a soulbound token. Each accepted movement is evolved into the draft
 * at once (later moves of the same command see it) and its events are collected in order.
 *
 * Moves run as the system actor unless `asCaller` is set: a module authorises its own
 * commands (who may stake, claim, spend) before it moves anything; a move out of the
 * caller's own account runs as the caller, so ownership and spending caps still apply.
 */
export class LedgerMoves {
  readonly draft: LedgerDraft;
  readonly events: DomainEvent[] = [];
  private readonly systemCtx: CommandContext;
  /** The caller's token spending so far in this command, for its spending cap. */
  private spent: TokenSpent | undefined;

  constructor(
    private readonly state: EngineState,
    private readonly ctx: CommandContext,
  ) {
    this.draft = new LedgerDraft(state.ledgerWriter);
    this.systemCtx = { seq: ctx.seq, timeMs: ctx.timeMs, daoId: ctx.daoId, actorId: systemActorId };
  }

  transfer(request: MoveRequest, options: { asCaller?: boolean } = {}): MoveRejection | undefined {
    return this.move('transfer', request, options.asCaller === true);
  }

  mint(request: Omit<MoveRequest, 'fromId'> & { assetId: string }): MoveRejection | undefined {
    const { assetId, ...rest } = request;
    return this.move('mint', { ...rest, fromId: issuanceAccountId(assetId) }, false);
  }

  /**
   * Funds a module account at creation: `source` 'mint' creates the units (as the caller, so
   * the ledger checks the caller's `ledger.mint` grant and the asset's max supply; a module's
   * own admin permission never creates money by itself), or an account id moves them from an
   * account the caller may spend from.
   */
  fund(request: Omit<MoveRequest, 'fromId'> & { assetId: string; source: 'mint' | string }): MoveRejection | undefined {
    const { assetId, source, ...rest } = request;
    if (source === 'mint') return this.move('mint', { ...rest, fromId: issuanceAccountId(assetId) }, true);
    return this.move('transfer', { ...rest, fromId: source }, true);
  }

  burn(request: Omit<MoveRequest, 'toId'>, options: { asCaller?: boolean } = {}): MoveRejection | undefined {
    const from = this.draft.account(request.fromId);
    if (!from) return { code: 'debit_account_not_found', message: `no account ${request.fromId}` };
    return this.move('burn', { ...request, toId: burnAccountId(from.assetId) }, options.asCaller === true);
  }

  /** Posts (all or part of) or voids a pending transfer the module made earlier. */
  resolve(transferId: string, status: 'posted' | 'voided', postedUnits = 0n): void {
    const event: PendingResolved = { type: 'pending_resolved', transferId, status, postedUnits };
    this.record(event);
  }

  /** Opens an account the module needs; an existing one with the same asset is kept. */
  ensureAccount(spec: AccountSpec): MoveRejection | undefined {
    const existing = this.draft.account(spec.id);
    if (existing) {
      if (existing.assetId !== spec.assetId) return { code: 'asset_mismatch', message: `${spec.id} holds ${existing.assetId}, not ${spec.assetId}` };
      return undefined;
    }
    if (!this.draft.asset(spec.assetId)) return { code: 'asset_not_found', message: `no asset ${spec.assetId}` };
    const event: AccountCreated = { type: 'account_created', account: spec };
    this.record(event);
    return undefined;
  }

  /** Adds a module's own event after the ledger events so far, keeping their order. */
  note(event: DomainEvent): void {
    this.events.push(event);
  }

  private move(kind: TransferKind, request: MoveRequest, asCaller: boolean): MoveRejection | undefined {
    assert(request.id.includes(':'), `module transfer ids carry a colon, which client ids cannot: ${request.id}`);
    const movement: MovementRequest = {
      id: request.id,
      kind,
      fromId: request.fromId,
      toId: request.toId,
      units: request.units,
      pending: request.pending,
      tokenId: request.tokenId,
      memo: request.memo,
    };
    const decision = decideMovement(this.state, this.draft, movement, asCaller ? this.ctx : this.systemCtx, this.spent);
    if (decision.ok === 'exists') return { code: 'exists', message: `transfer ${request.id} exists` };
    if (!decision.ok) return { code: decision.code, message: decision.message };
    const created: TransferCreated = { type: 'transfer_created', transfer: decision.spec };
    this.record(created);
    if (decision.spent) {
      this.spent = decision.spent;
      this.events.push(decision.spent);
    }
    return undefined;
  }

  private record(event: LedgerEvent): void {
    evolveLedger(this.draft, event, this.ctx);
    this.events.push(event);
  }
}
