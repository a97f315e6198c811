import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isPolityError, PolityError } from '../kernel/errors.ts';

/**
 * RFC 9457 problem details. Every error answer of the API is one of these, with a stable
 * snake_case `code` clients switch on; this file is the one place that maps codes to HTTP status.
 */
export const problemContentType = 'application/problem+json';

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI naming the problem type: urn:polity:problem:<code>' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'stable snake_case code' }),
  },
  { description: 'RFC 9457 problem details' },
);

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
}

const statusByCode: Readonly<Record<string, number>> = {
  // The request itself is malformed or breaks a rule that needs no state to check.
  validation_failed: 400,
  json_invalid: 400,
  unknown_command: 400,
  decimals_invalid: 400,
  max_supply_required: 400,
  id_invalid: 400,
  accounts_must_be_different: 400,
  token_required: 400,
  pending_not_supported: 400,
  exceeds_pending_amount: 400,
  bad_request: 400,
  time_invalid: 400,
  duration_invalid: 400,
  percent_invalid: 400,
  config_invalid: 400,
  time_before_genesis: 404,
  not_configured: 409,
  signature_required: 401,
  ballots_secret: 403,
  tally_file_invalid: 400,
  // Who is asking.
  unauthenticated: 401,
  signature_invalid: 401,
  forbidden: 403,
  not_authorized: 403,
  system_account: 403,
  spending_cap_exceeded: 403,
  route_not_found: 404,
  // The request conflicts with what is already recorded.
  exists_with_different_fields: 409,
  token_exists: 409,
  asset_mismatch: 409,
  account_closed: 409,
  account_not_empty: 409,
  token_not_owned: 409,
  transfer_not_pending: 409,
  pending_transfer_expired: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  // Well-formed and allowed, but the ledger's rules refuse it in the current state.
  insufficient_funds: 422,
  exceeds_max_balance: 422,
  max_supply_exceeded: 422,
  asset_not_transferable: 422,
  linked_event_failed: 422,
  linked_event_chain_open: 422,
  internal_error: 500,
  overloaded: 503,
  engine_closed: 503,
};

/**
 * The HTTP status of a code. Families share a status by their name; `fallback` covers a code
 * this table does not know yet: 422 for a command's rejection, 500 for anything thrown.
 */
export function problemStatus(code: string, fallback = 500): number {
  const known = statusByCode[code];
  if (known !== undefined) return known;
  if (code.endsWith('_not_found')) return 404;
  if (code.startsWith('amount_')) return 400;
  if (code.startsWith('pending_transfer_already_')) return 409;
  return fallback;
}

/** The same title for every occurrence of a code, as RFC 9457 asks: "insufficient_funds" -> "Insufficient funds". */
export function problemTitle(code: string): string {
  const words = code.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function problem(code: string, detail: string, status = problemStatus(code)): Problem {
  return { type: `urn:polity:problem:${code}`, title: problemTitle(code), status, detail, code };
}

/** Marks a command's rejection (a value from `apply`), so an unmapped code becomes 422, not 500. */
export function rejectionError(code: string, message: string): PolityError {
  return new PolityError(code, message, { rejection: true });
}

/** Turns anything a handler threw into a problem; internals of unexpected errors stay in the log. */
export function toProblem(error: unknown): Problem {
  if (isPolityError(error)) return problem(error.code, error.message, problemStatus(error.code, error.details?.rejection === true ? 422 : 500));
  const fastifyError = error as { code?: unknown; statusCode?: unknown; message?: unknown; validation?: unknown };
  const message = typeof fastifyError.message === 'string' ? fastifyError.message : 'the request failed';
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (fastifyError.validation !== undefined) return problem('validation_failed', message);
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('payload_too_large', message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem('unsupported_media_type', message);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem('json_invalid', message);
  }
  if (error instanceof SyntaxError && status === 400) return problem('json_invalid', message);
  if (status >= 400 && status < 500) return problem('bad_request', message, status);
  return problem('internal_error', 'the server failed to answer; the error is in its log');
}

/** Sends a problem; 4xx are the client's business and logged at info, 5xx are ours and logged at error. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, answer: Problem, cause?: unknown): FastifyReply {
  if (answer.status >= 500) request.log.error({ err: cause, code: answer.code }, answer.detail);
  else request.log.info({ code: answer.code, status: answer.status }, answer.detail);
  if (answer.status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.code(answer.status).type(problemContentType).send(answer);
}
