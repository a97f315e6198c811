import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { reportFailure, usageOutput } from './output.ts';

type Register = (program: Command) => void;

/**
 * Each command group's module, loaded on demand: the offline commands pull in the engine,
 * the stores and their drivers (about half a second), which the commands that only talk
 * HTTP to a server never need. Order is the order of `polity --help`.
 */
const commandGroups: ReadonlyArray<[names: string[], load: () => Promise<Register>]> = [
  [['init'], async () => (await import('./init.ts')).registerInit],
  [['serve'], async () => (await import('./serve.ts')).registerServe],
  [['keys'], async () => (await import('./keys.ts')).registerKeys],
  [['asset'], async () => (await import('./asset.ts')).registerAsset],
  [['account'], async () => (await import('./account.ts')).registerAccount],
  [['transfer'], async () => (await import('./transfer.ts')).registerTransfer],
  [['mint', 'burn'], async () => (await import('./mint-burn.ts')).registerMintBurn],
  [['actor', 'token', 'grant'], async () => (await import('./actor.ts')).registerActor],
  [['command'], async () => (await import('./command.ts')).registerCommand],
  [['proposal'], async () => (await import('./governance.ts')).registerProposal],
  [['vote', 'delegate', 'execute', 'veto'], async () => (await import('./governance.ts')).registerVoting],
  [['tally'], async () => (await import('./tally.ts')).registerTally],
  [['multisig', 'committee', 'constitution'], async () => (await import('./governance.ts')).registerBodies],
  [['supply'], async () => (await import('./supply.ts')).registerSupply],
  [['simulate'], async () => (await import('./simulate.ts')).registerSimulate],
  [['verify'], async () => (await import('./verify.ts')).registerVerify],
  [['export', 'import'], async () => (await import('./export-import.ts')).registerExportImport],
];

const exitStatusHelp = `
Exit status: 0 done, 1 rejected or invalid input (stderr: "error [code]: message"), 2 usage error.
Every command takes --json: one JSON object on stdout, {"error": {...}} when it fails.`;

function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** Settings are made before any subcommand exists: commander copies them to each new one. */
export async function buildProgram(argv: string[]): Promise<Command> {
  const program = new Command('polity')
    .description('Polity: a self-hostable engine for running a DAO')
    .version(packageVersion())
    .exitOverride()
    .configureOutput(usageOutput)
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', exitStatusHelp);
  // The named command's group only; for help, a typo or no command at all, every group.
  const named = commandGroups.filter(([names]) => names.includes(argv[2] ?? ''));
  for (const [, load] of named.length > 0 ? named : commandGroups) (await load())(program);
  return program;
}

try {
  const program = await buildProgram(process.argv);
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFailure(error, process.argv.includes('--json'));
}
