import type { TSchema } from '@sinclair/typebox';

/** Who submitted a command, as the edge authenticated it. */
export interface Principal {
  actorId: string;
  /** The API token used, when there was one: spending caps are kept per token. */
  tokenId?: string;
}

/** What `apply` may know about the world: the sequencer's numbering and clock, and the caller. */
export interface CommandContext extends Principal {
  seq: number;
  timeMs: number;
  daoId: string;
  /** The command carried a signature the engine verified (ballots must be signed). */
  signed?: boolean;
}

/** A command as submitted: the log keeps exactly this. */
export interface CommandEnvelope {
  type: string;
  payload: unknown;
  /** Ed25519 signature (base64url) over canonicalJson({daoId, actorId, type, payload}). */
  signature?: string;
}

/** Each module declares its events as interfaces with a literal `type`; all are DomainEvents. */
export interface DomainEvent {
  readonly type: string;
}

export interface Accepted<R = unknown> {
  ok: true;
  events: DomainEvent[];
  result: R;
}

export interface Rejected {
  ok: false;
  code: string;
  message: string;
}

export type Outcome<R = unknown> = Accepted<R> | Rejected;

export function accepted<R, E extends DomainEvent = DomainEvent>(events: E[], result: R): Accepted<R> {
  return { ok: true, events, result };
}

export function rejected(code: string, message: string): Rejected {
  return { ok: false, code, message };
}

/**
 * One command: its payload schema (validated before sequencing, never touching the database)
 * and its pure `apply`. `apply` must not mutate `state`; the engine evolves state from the
 * events it returns.
 */
export interface CommandDefinition<S, P = never, R = unknown> {
  type: string;
  schema: TSchema;
  /** How many ledger items this command carries; the writer bounds a group commit by it. */
  weight?: (payload: P) => number;
  apply: (state: S, payload: P, ctx: CommandContext) => Outcome<R>;
}

/** One record of the append-only log. `hash = sha256(prevHash || canonicalJson(body))`. */
export interface LogRecordBody {
  seq: number;
  timeMs: number;
  daoId: string;
  actorId: string;
  tokenId?: string;
  command: CommandEnvelope;
  events: DomainEvent[];
}

export interface LogRecord extends LogRecordBody {
  prevHash: string;
  hash: string;
}
