import type { Command } from 'commander';
import { PolityError } from '../kernel/errors.ts';
import { adminTokenPath, readAdminToken, resolveDataDir } from './config.ts';
import type { JsonOption } from './output.ts';

/**
 * The commands that change or read the ledger talk to a running server: a SQLite database
 * has one writer, the server, and the server is also where authorization happens.
 */
export const defaultServerUrl = 'http://127.0.0.1:7070';
const requestTimeoutMs = 30_000;

export interface ServerOptions extends JsonOption {
  url?: string;
  token?: string;
  data?: string;
}

export interface ServerTarget {
  url: string;
  token: string | undefined;
  /** Where a token was looked for last, for the hint when the server asks for one. */
  tokenFile: string;
}

/** Adds --url, --token, --data and --json to a command that calls the server. */
export function withServerOptions(command: Command): Command {
  return command
    .option('--url <url>', `server URL (default: $POLITY_URL or ${defaultServerUrl})`)
    .option('--token <token>', 'API bearer token (default: $POLITY_TOKEN, else DATA/admin.token)')
    .option('--data <dir>', 'data directory whose admin.token to use (default: $POLITY_DATA or ./data)')
    .option('--json', 'print one JSON object');
}

export function resolveTarget(options: ServerOptions): ServerTarget {
  const url = (options.url ?? (process.env.POLITY_URL || defaultServerUrl)).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(url)) throw new PolityError('url_invalid', `"${url}" is not an http:// or https:// URL`);
  const dataDir = resolveDataDir(options.data);
  const token = options.token ?? (process.env.POLITY_TOKEN || readAdminToken(dataDir));
  return { url, token, tokenFile: adminTokenPath(dataDir) };
}

export interface ApiRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

/** Sends one request; a problem+json answer becomes a PolityError with the server's code. */
export async function callApi<T>(target: ServerTarget, request: ApiRequest): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (target.token) headers.authorization = `Bearer ${target.token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const init: RequestInit = { method: request.method, headers, signal: AbortSignal.timeout(requestTimeoutMs) };
  if (request.body !== undefined) init.body = JSON.stringify(request.body);
  let response: Response;
  try {
    response = await fetch(`${target.url}${request.path}`, init);
  } catch (error) {
    throw unreachable(target.url, error);
  }
  const text = await response.text();
  const body = parseBody(text, response);
  if (!response.ok) throw problemError(response.status, body, target);
  return body as T;
}

function parseBody(text: string, response: Response): unknown {
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    // A proxy or another program answered; say what came back instead of a parse error.
    throw new PolityError('bad_response', `${response.url} answered ${response.status} with non-JSON: ${text.slice(0, 120)}`);
  }
}

function problemError(status: number, body: unknown, target: ServerTarget): PolityError {
  const problem = (body ?? {}) as { code?: unknown; detail?: unknown; title?: unknown; message?: unknown };
  const code = typeof problem.code === 'string' ? problem.code : `http_${status}`;
  const detail = [problem.detail, problem.message, problem.title].find((value) => typeof value === 'string') ?? `the server answered ${status}`;
  const hint =
    status === 401 && !target.token
      ? ` (no token was sent and ${target.tokenFile} does not exist: pass --token, set POLITY_TOKEN, or --data of the node's data dir)`
      : '';
  return new PolityError(code, `${detail}${hint}`, { status });
}

function unreachable(url: string, error: unknown): PolityError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? cause?.message ?? (error as { name?: string }).name ?? 'unknown';
  if ((error as { name?: string }).name === 'TimeoutError')
    return new PolityError('server_timeout', `the server at ${url} did not answer within ${requestTimeoutMs / 1000} s`);
  const reason = code === 'ECONNREFUSED' ? 'connection refused' : code;
  return new PolityError(
    'server_unreachable',
    `no Polity server is running at ${url} (${reason}). Start one with \`polity serve\` (or \`npm start\`), or point --url / POLITY_URL at it.`,
  );
}
