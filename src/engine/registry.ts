import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { createActor, createToken, grantPermission, revokePermission, revokeToken } from '../access/commands.ts';
import { PolityError } from '../kernel/errors.ts';
import { burn, closeAccount, createAccounts, createAsset, createTransfers, expirePending, mint, postPending, voidPending } from '../ledger/index.ts';
import { moduleCommands } from './modules.ts';
import type { EngineState } from './state.ts';
import type { CommandDefinition } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: the registry holds commands of every payload type
type AnyCommand = CommandDefinition<EngineState, any, unknown>;

/** Every command the engine knows, by type. Modules add theirs here. */
export const commandList = [
  createAsset,
  createAccounts,
  closeAccount,
  createTransfers,
  mint,
  burn,
  postPending,
  voidPending,
  expirePending,
  createActor,
  createToken,
  revokeToken,
  grantPermission,
  revokePermission,
] as const satisfies readonly AnyCommand[];

interface RegisteredCommand {
  definition: AnyCommand;
  check: TypeCheck<TSchema>;
}

/**
 * Built on first use, not at import: governance executes other commands through this
 * registry, so the modules and the registry import each other, and neither may need the
 * other's values while it is still loading.
 */
let registered: Map<string, RegisteredCommand> | undefined;

function registry(): Map<string, RegisteredCommand> {
  registered ??= new Map<string, RegisteredCommand>(
    [...commandList, ...moduleCommands].map((definition) => [
      definition.type,
      { definition: definition as AnyCommand, check: TypeCompiler.Compile(definition.schema) },
    ]),
  );
  return registered;
}

export function commandTypes(): string[] {
  return [...registry().keys()];
}

export function findCommand(type: string): AnyCommand {
  const entry = registry().get(type);
  if (!entry) throw new PolityError('unknown_command', `no command "${type}"`);
  return entry.definition;
}

/** Schema validation before sequencing: never touches state or the database. */
export function validatePayload(type: string, payload: unknown): void {
  const entry = registry().get(type);
  if (!entry) throw new PolityError('unknown_command', `no command "${type}"`);
  if (entry.check.Check(payload)) return;
  const first = entry.check.Errors(payload).First();
  const where = first?.path || '(payload)';
  throw new PolityError('validation_failed', `${type}: ${where} ${first?.message ?? 'is invalid'}`, { path: where });
}
