import type { LogRecord, LogRecordBody } from '../engine/types.ts';
import { canonicalJson } from '../kernel/canonical-json.ts';

/** The text hashed and stored for a record: canonical JSON of its body. */
export function encodeBody(body: LogRecordBody): string {
  return canonicalJson(body);
}

/** Parses a stored record back. Amounts in events stay decimal strings of base units. */
export function decodeRecord(bodyJson: string, prevHash: string, hash: string): LogRecord {
  const body = JSON.parse(bodyJson, reviveUnits) as LogRecordBody;
  return { ...body, prevHash, hash };
}

export function logRow(daoId: string, record: LogRecord, bodyJson: string): unknown[] {
  return [daoId, record.seq, record.timeMs, record.actorId, record.command.type, bodyJson, record.prevHash, record.hash];
}

/**
 * JSON reviver for exact numbers: by house rule every base-unit field ends in `Units` and
 * every parts-per-million rate in `Ppm`, so those strings turn back into bigints and nothing
 * else is touched.
 */
export function reviveUnits(key: string, value: unknown): unknown {
  return typeof value === 'string' && (key.endsWith('Units') || key.endsWith('Ppm')) && /^-?[0-9]+$/.test(value) ? BigInt(value) : value;
}
