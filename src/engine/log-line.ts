import { type FileHandle, open } from 'node:fs/promises';
import { canonicalJson } from '../kernel/canonical-json.ts';
import { PolityError } from '../kernel/errors.ts';
import { encodeBody, reviveUnits } from '../store/log-codec.ts';
import type { LogRecord, LogRecordBody } from './types.ts';

/**
 * One line of an exported log (JSON Lines): canonical JSON of the record's body fields plus
 * `prevHash` and `hash`. Canonical, so a line can be checked byte for byte: re-encoding
 * what was parsed must give the line back.
 */
export function encodeLogLine(record: LogRecord): string {
  return canonicalJson(record);
}

/** A record as read back, before any check: its body, the text that was hashed, its hashes. */
export interface ReadRecord {
  body: LogRecordBody;
  bodyJson: string;
  prevHash: string;
  hash: string;
}

/** Parses one exported line; returns what is wrong with it instead when it cannot be read. */
export function parseLogLine(line: string): ReadRecord | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line, reviveUnits);
  } catch (error) {
    return `the line is not JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'the line is not a JSON object';
  const { prevHash, hash, ...body } = parsed as Record<string, unknown>;
  if (typeof prevHash !== 'string' || typeof hash !== 'string') return 'the line has no prevHash or hash';
  let canonical: string;
  let bodyJson: string;
  try {
    canonical = canonicalJson(parsed);
    bodyJson = encodeBody(body as unknown as LogRecordBody);
  } catch (error) {
    // canonicalJson refuses floats and unsafe integers: such a line was never written by us.
    return `the line holds a value canonical JSON cannot (${error instanceof Error ? error.message : String(error)})`;
  }
  if (canonical !== line) return 'the line is not in canonical form';
  return { body: body as unknown as LogRecordBody, bodyJson, prevHash, hash };
}

/**
 * The lines of a file, streamed: a log may be far larger than memory. Lines end at "\n"
 * only (what export writes); a stray "\r" stays in its line, where it breaks the line's
 * canonical form, so that no byte of a log file can change unnoticed.
 */
export async function* readLogLines(path: string): AsyncGenerator<string> {
  const handle = await openForReading(path);
  try {
    let rest = '';
    for await (const chunk of handle.createReadStream({ encoding: 'utf8', autoClose: false })) {
      const lines = String(chunk).split('\n');
      lines[0] = rest + lines[0]; // a long line spans chunks; only the new chunk is split
      rest = lines.pop() ?? '';
      yield* lines;
    }
    if (rest !== '') yield rest;
  } finally {
    await handle.close();
  }
}

async function openForReading(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PolityError('file_not_found', `${path}: no such file`);
    throw error;
  }
}
