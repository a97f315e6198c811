import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { PolityError } from '../kernel/errors.ts';
import { transferRejections } from '../ledger/rejections.ts';
import { problem, problemStatus, problemTitle, rejectionError, sendProblem, toProblem } from './problem.ts';

describe('problemStatus', () => {
  it.each<[string, number]>([
    ['validation_failed', 400],
    ['amount_invalid', 400],
    ['amount_too_precise', 400],
    ['amount_not_string', 400],
    ['unauthenticated', 401],
    ['signature_invalid', 401],
    ['forbidden', 403],
    ['not_authorized', 403],
    ['asset_not_found', 404],
    ['debit_account_not_found', 404],
    ['transfer_not_found', 404],
    ['exists_with_different_fields', 409],
    ['pending_transfer_already_posted', 409],
    ['insufficient_funds', 422],
    ['overloaded', 503],
    ['engine_closed', 503],
    ['internal_error', 500],
  ])('%s -> %i', (code, status) => {
    expect(problemStatus(code)).toBe(status);
  });

  it('gives every transfer rejection a 4xx status', () => {
    for (const code of transferRejections) expect(problemStatus(code), code).toBeLessThan(500);
  });

  it('falls back to the given status for a code it does not know', () => {
    expect(problemStatus('something_new')).toBe(500);
    expect(problemStatus('something_new', 422)).toBe(422);
  });
});

describe('toProblem', () => {
  it('keeps a PolityError code and message', () => {
    expect(toProblem(new PolityError('asset_not_found', 'no asset x'))).toEqual({
      type: 'urn:polity:problem:asset_not_found',
      title: 'Asset not found',
      status: 404,
      detail: 'no asset x',
      code: 'asset_not_found',
    });
  });

  it('a command rejection with an unknown code is 422, a thrown one 500', () => {
    expect(toProblem(rejectionError('quorum_not_met', 'too few votes')).status).toBe(422);
    expect(toProblem(new PolityError('quorum_not_met', 'too few votes')).status).toBe(500);
  });

  it.each<[string, unknown, string, number]>([
    ['a Fastify validation error', Object.assign(new Error('body must be object'), { validation: [], statusCode: 400 }), 'validation_failed', 400],
    ['a body over the limit', Object.assign(new Error('too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }), 'payload_too_large', 413],
    ['an unknown media type', Object.assign(new Error('xml'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }), 'unsupported_media_type', 415],
    ['broken JSON', Object.assign(new SyntaxError('Unexpected end'), { statusCode: 400 }), 'json_invalid', 400],
    ['another 4xx', Object.assign(new Error('nope'), { statusCode: 405 }), 'bad_request', 405],
  ])('maps %s', (_name, error, code, status) => {
    expect(toProblem(error)).toMatchObject({ code, status });
  });

  it('hides the message of an unexpected error', () => {
    expect(toProblem(new TypeError('secret internals'))).toMatchObject({ code: 'internal_error', status: 500, detail: expect.not.stringContaining('secret') });
  });

  it('titles are the code in words', () => {
    expect(problemTitle('insufficient_funds')).toBe('Insufficient funds');
  });
});

describe('sendProblem', () => {
  function capture() {
    const logged: { level: string; object: unknown }[] = [];
    const sent: { status?: number; type?: string; headers: Record<string, string>; body?: unknown } = { headers: {} };
    const log = { info: (object: unknown) => logged.push({ level: 'info', object }), error: (object: unknown) => logged.push({ level: 'error', object }) };
    const reply = {
      code(status: number) {
        sent.status = status;
        return reply;
      },
      type(type: string) {
        sent.type = type;
        return reply;
      },
      header(name: string, value: string) {
        sent.headers[name] = value;
        return reply;
      },
      send(body: unknown) {
        sent.body = body;
        return reply;
      },
    };
    return { request: { log } as unknown as FastifyRequest, reply: reply as unknown as FastifyReply, logged, sent };
  }

  it('logs 4xx at info and 5xx at error, and sends problem+json', () => {
    const client = capture();
    sendProblem(client.request, client.reply, problem('unauthenticated', 'no token'));
    expect(client.logged.map((entry) => entry.level)).toEqual(['info']);
    expect(client.sent).toMatchObject({ status: 401, type: 'application/problem+json', headers: { 'www-authenticate': 'Bearer' } });
    const server = capture();
    const cause = new Error('disk full');
    sendProblem(server.request, server.reply, toProblem(cause), cause);
    expect(server.logged).toEqual([{ level: 'error', object: { err: cause, code: 'internal_error' } }]);
    expect(server.sent.status).toBe(500);
  });
});
