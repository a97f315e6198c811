import { transfersPerBatchMax } from '../ledger/limits.ts';

/**
 * Request body cap for the batch routes. A transfer item at its schema's limits (ids of 128
 * characters, a memo of 256 characters escaped in JSON) takes under 3 KiB, so a full batch
 * of the worst legal items still fits; the other routes keep Fastify's 1 MiB default.
 */
export const batchBodyBytesMax = transfersPerBatchMax * 3 * 1024;

/** Log records one page of GET /v1/log holds at most, and by default. */
export const logPageRecordsMax = 1000;
export const logPageRecordsDefault = 100;
