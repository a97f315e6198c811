import { CommanderError } from 'commander';
import { isPolityError } from '../kernel/errors.ts';

/** Exit statuses: scripts can tell "you asked wrongly" (2) from "the answer is no" (1). */
export const exitOk = 0;
export const exitRejected = 1;
export const exitUsage = 2;

/** Options every command has. */
export interface JsonOption {
  json?: boolean;
}

/**
 * Prints a command's result: with --json one JSON object on stdout (and nothing else
 * there), otherwise the human lines. Amounts are already decimal strings; nothing here
 * turns them into numbers.
 */
export function emit(options: JsonOption, data: object, human: () => string[]): void {
  const text = options.json ? JSON.stringify(data) : human().join('\n');
  process.stdout.write(`${text}\n`);
}

/** Warnings go to stderr so that stdout stays machine-readable. */
export function warn(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}

/**
 * `key: value` lines for results whose shape the server owns, nested by indentation, list
 * items as `- item` in order (not numbered: a proposal's choices are numbered from 1, an
 * index from 0 read as a choice number misled).
 */
export function describe(data: unknown, indent = ''): string[] {
  if (data === null || typeof data !== 'object') return [`${indent}${String(data)}`];
  if (Array.isArray(data)) return data.flatMap((item) => listItem(item, indent));
  return Object.entries(data).flatMap(([key, value]) => {
    if (Array.isArray(value) && value.length === 0) return [`${indent}${key}: []`];
    if (value !== null && typeof value === 'object') return [`${indent}${key}:`, ...describe(value, `${indent}  `)];
    return [`${indent}${key}: ${String(value)}`];
  });
}

/** One list item: a scalar on its line, an object or list with its first line after the dash. */
function listItem(item: unknown, indent: string): string[] {
  if (item === null || typeof item !== 'object') return [`${indent}- ${String(item)}`];
  const [first = '[]', ...rest] = describe(item, `${indent}  `);
  return [`${indent}- ${first.trimStart()}`, ...rest];
}

/**
 * Turns any failure into its message and exit status. Expected failures (PolityError,
 * usage errors) print one line, `error [code]: message`; anything else is a bug and keeps
 * its stack so it can be reported.
 */
export function reportFailure(error: unknown, json: boolean): number {
  if (error instanceof CommanderError) return reportUsage(error, json);
  if (isPolityError(error)) {
    process.stderr.write(`error [${error.code}]: ${error.message}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message, ...error.details } })}\n`);
    return error.code === 'usage' ? exitUsage : exitRejected;
  }
  if (isSystemError(error)) {
    // A path that does not exist, a permission, a full disk: the user's to fix, not a bug.
    process.stderr.write(`error [io_error]: ${error.message}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'io_error', message: error.message, errno: error.code } })}\n`);
    return exitRejected;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error [internal_error]: ${message}\n`);
  if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'internal_error', message } })}\n`);
  return exitRejected;
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  const { code, syscall } = error as NodeJS.ErrnoException;
  return error instanceof Error && typeof code === 'string' && typeof syscall === 'string';
}

/** Commander has already printed its message (see `usageOutput`); only the status and JSON remain. */
function reportUsage(error: CommanderError, json: boolean): number {
  const quiet = ['commander.helpDisplayed', 'commander.version'].includes(error.code);
  if (quiet) return exitOk;
  if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'usage', message: usageText(error.message) } })}\n`);
  return exitUsage;
}

/** Commander writes "error: unknown option '--x'"; we write "error [usage]: unknown option '--x'". */
export function usageText(text: string): string {
  return text.replace(/^error: /, '').trim();
}

export const usageOutput = {
  outputError: (text: string, write: (text: string) => void) => {
    write(text.startsWith('error: ') ? `error [usage]: ${usageText(text)}\n` : text);
  },
};
