import { readFileSync } from 'node:fs';
import { type KeyPair, signedText, signText } from '../access/signature.ts';
import { PolityError } from '../kernel/errors.ts';
import { callApi, type ServerTarget } from './http-client.ts';

/** A key file as `polity keys new --out FILE` writes it. */
export function readKeyFile(path: string): KeyPair {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PolityError('key_file_invalid', `--key ${path}: ${(error as Error).message}`);
  }
  const keys = parsed as Partial<KeyPair>;
  if (typeof keys.publicKey !== 'string' || typeof keys.privateKey !== 'string')
    throw new PolityError('key_file_invalid', `--key ${path}: expected {"publicKey", "privateKey"}`);
  return { publicKey: keys.publicKey, privateKey: keys.privateKey };
}

/**
 * Submits a command through `POST /v1/commands`, signed with `keyFile` when one is given: the
 * signature covers the DAO, the actor (the token's, asked of the server) and the payload.
 */
export async function submitSigned<T>(
  target: ServerTarget,
  command: { type: string; payload: unknown },
  keyFile?: string,
): Promise<{ seq?: number; result: T }> {
  if (keyFile === undefined) return callApi(target, { method: 'POST', path: '/v1/commands', body: command });
  const keys = readKeyFile(keyFile);
  const me = await callApi<{ actorId: string; daoId: string }>(target, { method: 'GET', path: '/v1/me' });
  const signature = signText(keys, signedText(me.daoId, me.actorId, command.type, command.payload));
  return callApi(target, { method: 'POST', path: '/v1/commands', body: { ...command, signature } });
}
