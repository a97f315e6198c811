import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { signedText, verifyText } from '../access/signature.ts';
import { parseAmount } from '../kernel/amount.ts';
import { PolityError } from '../kernel/errors.ts';
import { type Ballot, type BallotType, parseTallyFile, tally, tallyView } from '../modules/voting/index.ts';
import { emit, type JsonOption } from './output.ts';

interface ExportedBallot {
  voter: string;
  power: string;
  choice: unknown;
  publicKey: string | null;
  command: { type: string; payload: { proposal?: string; choice?: unknown } } | null;
  signature: string | null;
}

interface ExportedFile {
  daoId: string;
  proposal: string;
  type: BallotType;
  choices: string[];
  decimals: number;
  ballots: ExportedBallot[];
}

/**
 * A ballot from an export counts only if its signature checks out against the voter's key
 * over the very command the log recorded, for this DAO and proposal, with the same choice.
 */
function checkExported(file: ExportedFile, ballot: ExportedBallot): string | undefined {
  if (!ballot.command || !ballot.signature || !ballot.publicKey) return 'unsigned';
  if (ballot.command.type !== 'governance.vote' || ballot.command.payload.proposal !== file.proposal) return 'not_a_ballot_of_this_proposal';
  if (JSON.stringify(ballot.command.payload.choice) !== JSON.stringify(ballot.choice)) return 'choice_differs_from_signed';
  const text = signedText(file.daoId, ballot.voter, ballot.command.type, ballot.command.payload);
  return verifyText(ballot.publicKey, text, ballot.signature) ? undefined : 'signature_invalid';
}

export function tallyExport(file: ExportedFile): ReturnType<typeof tallyView> {
  const ballots: Ballot[] = [];
  const rejectedBallots: { voter: string; reason: string }[] = [];
  for (const ballot of file.ballots) {
    const problem = checkExported(file, ballot);
    if (problem) rejectedBallots.push({ voter: ballot.voter, reason: problem });
    else ballots.push({ voter: ballot.voter, power: parseAmount(ballot.power, { decimals: file.decimals }), choice: ballot.choice });
  }
  const view = tallyView(tally(file.type, file.choices.length, ballots), file.decimals);
  return { ...view, invalid: [...rejectedBallots, ...view.invalid] };
}

/** `polity tally --ballots FILE`: recomputes a result offline, from an export or a plain file. */
export function registerTally(program: Command): void {
  program
    .command('tally')
    .description('re-tally ballots offline: an export of `polity export ballots` (signatures checked) or a plain {"type","choices","ballots"} file')
    .requiredOption('--ballots <file.json>', 'the ballots')
    .option('--json', 'print one JSON object')
    .action((options: JsonOption & { ballots: string }) => {
      let text: string;
      try {
        text = readFileSync(options.ballots, 'utf8');
      } catch (error) {
        throw new PolityError('file_not_found', `--ballots ${options.ballots}: ${(error as Error).message}`);
      }
      const parsed = JSON.parse(text) as Partial<ExportedFile>;
      const exported = typeof parsed.daoId === 'string' && typeof parsed.proposal === 'string';
      const result = exported ? tallyExport(parsed as ExportedFile) : tallyPlain(text);
      emit(options, result, () => [
        `${result.type}: winner ${result.winner ?? 'none'}, total ${result.total}`,
        ...result.scores.map((score, index) => `  choice ${index + 1}: ${score}`),
        ...result.invalid.map((item) => `  invalid: ${item.voter} (${item.reason})`),
      ]);
    });
}

function tallyPlain(text: string): ReturnType<typeof tallyView> {
  const file = parseTallyFile(text);
  return tallyView(tally(file.type, file.choices.length, file.ballots), file.decimals ?? 0);
}
