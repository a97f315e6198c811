import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PolityError } from '../kernel/errors.ts';
import { callApi, resolveTarget, type ServerOptions, withServerOptions } from './http-client.ts';
import { describe, emit } from './output.ts';

interface CommandOptions extends ServerOptions {
  file?: string;
}

/**
 * `polity command TYPE PAYLOAD`: any engine command by its type, the CLI face of
 * `POST /v1/commands`. The economy's commands (stake, claim, spend, attest ...) have no
 * flags of their own: their payloads are the documented JSON, checked by the server.
 */
export function registerCommand(program: Command): void {
  withServerOptions(
    program
      .command('command')
      .description(
        'submit any command by type with a JSON payload, e.g. polity command staking.stake \'{"id":"s1","tier":"d90","from":"alice","amount":"5000"}\' (talks to a running server)',
      )
      .argument('<type>', 'command type such as vesting.claim, staking.stake, treasury.spend')
      .argument('[payload]', 'the payload as JSON (or use --file)')
      .option('--file <payload.json>', 'read the payload from a file'),
  ).action(async (type: string, payloadText: string | undefined, options: CommandOptions) => {
    const payload = readPayload(payloadText, options.file);
    const answer = await callApi<{ seq?: number; result: unknown }>(resolveTarget(options), { method: 'POST', path: '/v1/commands', body: { type, payload } });
    emit(options, answer, () => [
      `${type}: accepted${answer.seq === undefined ? ' (nothing new)' : ` at seq ${answer.seq}`}`,
      ...describe(answer.result, '  '),
    ]);
  });
}

function readPayload(text: string | undefined, file: string | undefined): unknown {
  if ((text === undefined) === (file === undefined)) throw new PolityError('usage', 'give the payload as an argument or with --file, not both');
  const source = file === undefined ? (text ?? '') : readFileSync(file, 'utf8');
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new PolityError('json_invalid', `the payload is not JSON: ${(error as Error).message}`);
  }
}
