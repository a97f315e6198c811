import type { Command } from 'commander';
import { callApi, resolveTarget, type ServerOptions, withServerOptions } from './http-client.ts';
import { describe, emit } from './output.ts';
import { readKeyFile } from './signing.ts';

interface ActorOptions extends ServerOptions {
  id: string;
  kind?: string;
  name?: string;
  key?: string;
}

/** `polity actor create`, `polity token create`, `polity grant`: members, their tokens and permissions. */
export function registerActor(program: Command): void {
  const actor = program.command('actor').description('members and agents (talks to a running server)');
  withServerOptions(actor.command('create').description('register a member or agent, with the public key of its key file for signed commands'))
    .requiredOption('--id <id>', 'actor id')
    .option('--kind <kind>', 'member (default) or agent')
    .option('--name <text>', 'display name')
    .option('--key <file>', 'key file from `polity keys new --out`: its public key is registered')
    .action(async (options: ActorOptions) => {
      const body: Record<string, unknown> = { id: options.id, kind: options.kind ?? 'member' };
      if (options.name !== undefined) body.name = options.name;
      if (options.key !== undefined) body.publicKey = readKeyFile(options.key).publicKey;
      const answer = await callApi<Record<string, unknown>>(resolveTarget(options), { method: 'POST', path: '/v1/actors', body });
      emit(options, answer, () => describe(answer));
    });
  const token = program.command('token').description('API tokens (talks to a running server)');
  withServerOptions(token.command('create').description('a bearer token for an actor; the secret is printed once'))
    .requiredOption('--actor <id>', 'the actor')
    .option('--scope <scope...>', 'scopes (default *)')
    .action(async (options: ServerOptions & { actor: string; scope?: string[] }) => {
      const body: Record<string, unknown> = { actorId: options.actor };
      if (options.scope !== undefined) body.scopes = options.scope;
      const answer = await callApi<{ token: string }>(resolveTarget(options), { method: 'POST', path: '/v1/tokens', body });
      emit(options, answer, () => [answer.token]);
    });
  withServerOptions(program.command('grant').description('give an actor a permission: an action on a resource'))
    .requiredOption('--actor <id>', 'the actor')
    .requiredOption('--action <action>', 'such as treasury.spend, identity.verify, or *')
    .requiredOption('--resource <resource>', 'such as fund:ecosystem, identity:BID, or *')
    .action(async (options: ServerOptions & { actor: string; action: string; resource: string }) => {
      const answer = await callApi<Record<string, unknown>>(resolveTarget(options), {
        method: 'POST',
        path: '/v1/grants',
        body: { actorId: options.actor, action: options.action, resource: options.resource },
      });
      emit(options, answer, () => describe(answer));
    });
}
