import { decimalsMax, parseAmount } from '../../kernel/amount.ts';
import { isPolityError, PolityError } from '../../kernel/errors.ts';
import { ballotsMax, choiceLabelLengthMax, tallyFileLengthMax, voterLengthMax } from './limits.ts';
import { choiceCountReason } from './tally.ts';
import { type Ballot, type BallotType, ballotTypes } from './types.ts';

export interface TallyFile {
  type: BallotType;
  choices: string[];
  ballots: Ballot[];
  /** Decimals of the power's token (default 0): powers were converted to base units with it. */
  decimals: number;
}

/**
 * Reads a plain tally file, for `polity tally --ballots FILE`:
 *   {"type": "approval", "choices": ["A", "B"], "decimals": 18,
 *    "ballots": [{"voter": "alice", "power": "40.5", "choice": [1, 2]}]}
 * `power` is a decimal string in TOKEN units, converted exactly to base units with `decimals`
 * (optional, 0 to 18, default 0). `choice` is passed on in Snapshot's encoding: a bad choice
 * makes that ballot invalid in the tally, not the file. For quadratic-credits the credits are
 * in token units too (decimal strings, or integer numbers) and are converted to base units
 * here; a credit that does not convert is left as it is, for the tally to refuse.
 * Other fields (signatures, proposal ids) are ignored. Anything else wrong throws
 * PolityError tally_file_invalid naming the field.
 */
export function parseTallyFile(text: string): TallyFile {
  if (text.length > tallyFileLengthMax) fail(`the file is larger than ${tallyFileLengthMax} characters`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    fail(`the file is not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(data)) fail('the file must hold one JSON object {"type", "choices", "ballots"}');
  const type = readType(data.type);
  const choices = readChoices(data.choices, type);
  const decimals = readDecimals(data.decimals);
  if (!Array.isArray(data.ballots)) fail('"ballots" must be an array');
  if (data.ballots.length > ballotsMax) fail(`"ballots" has ${data.ballots.length} entries; at most ${ballotsMax}`);
  const ballots = data.ballots.map((entry: unknown, index: number) => readBallot(entry, index, { type, decimals }));
  return { type, choices, ballots, decimals };
}

function readType(value: unknown): BallotType {
  if (typeof value !== 'string' || !(ballotTypes as readonly string[]).includes(value)) {
    fail(`"type" must be one of ${ballotTypes.join(', ')}; got ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return value as BallotType;
}

function readChoices(value: unknown, type: BallotType): string[] {
  if (!Array.isArray(value) || !value.every((label) => typeof label === 'string' && label.length <= choiceLabelLengthMax)) {
    fail(`"choices" must be an array of strings (at most ${choiceLabelLengthMax} characters each)`);
  }
  const problem = choiceCountReason(type, value.length);
  if (problem) fail(`"choices": ${problem}, got ${value.length}`);
  return value as string[];
}

function readDecimals(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > decimalsMax) {
    fail(`"decimals" must be an integer from 0 to ${decimalsMax}`);
  }
  return value;
}

function readBallot(entry: unknown, index: number, file: { type: BallotType; decimals: number }): Ballot {
  const at = `ballots[${index}]`;
  if (!isRecord(entry)) fail(`${at} must be an object {"voter", "power", "choice"}`);
  const { voter, power, choice } = entry;
  if (typeof voter !== 'string' || voter.length === 0 || voter.length > voterLengthMax) {
    fail(`${at}.voter must be a non-empty string of at most ${voterLengthMax} characters`);
  }
  if (!('choice' in entry)) fail(`${at}.choice is missing`);
  return {
    voter,
    power: tokenAmount(power, file.decimals, `${at}.power`),
    choice: file.type === 'quadratic-credits' ? creditsToUnits(choice, file.decimals) : choice,
  };
}

function tokenAmount(value: unknown, decimals: number, field: string): bigint {
  try {
    return parseAmount(value, { decimals });
  } catch (error) {
    if (isPolityError(error)) fail(`${field}: ${error.message}`);
    throw error;
  }
}

/** Credits in token units to base units; entries that do not convert are kept for the tally to refuse. */
function creditsToUnits(choice: unknown, decimals: number): unknown {
  if (decimals === 0 || !isRecord(choice) || Array.isArray(choice)) return choice;
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(choice)) {
    const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
    try {
      converted[key] = parseAmount(text, { decimals }).toString();
    } catch (error) {
      if (!isPolityError(error)) throw error;
      converted[key] = value;
    }
  }
  return converted;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(message: string): never {
  throw new PolityError('tally_file_invalid', message);
}
