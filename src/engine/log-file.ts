import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { PolityError } from '../kernel/errors.ts';
import { chainHash, genesisHash } from '../kernel/hash.ts';
import type { CommitUnit, EncodedRecord, Store } from '../store/types.ts';
import { commitItemsMax } from './engine.ts';
import { encodeLogLine, parseLogLine, type ReadRecord, readLogLines } from './log-line.ts';
import { Projections } from './projections.ts';
import { encodeSnapshot } from './snapshot.ts';
import { createEngineState, type EngineState, evolve } from './state.ts';
import { verifyLogFile } from './verify.ts';

export interface LogFileSummary {
  records: number;
  headSeq: number;
  headHash: string;
}

/** Records read from the store per page while exporting. */
const exportPageRecords = 256;
/** Text buffered before a write: few system calls, bounded memory. */
const writeChunkChars = 1 << 20;
/** Records one import commit holds at most (its events are bounded by commitItemsMax too). */
const importCommitRecordsMax = 1_000;

/**
 * Writes the whole log as JSON Lines, one canonical record per line (see encodeLogLine),
 * streaming page by page. The file appears under its name only once complete.
 */
export async function exportLog(store: Store, path: string): Promise<LogFileSummary> {
  const partial = `${path}.partial`;
  const handle = await openForWriting(partial);
  const summary: LogFileSummary = { records: 0, headSeq: 0, headHash: genesisHash };
  try {
    let buffer = '';
    for (;;) {
      const page = await store.readLog(summary.headSeq, exportPageRecords);
      for (const { record } of page) {
        // Pages continue after the last body's seq: a body whose seq does not grow would
        // make the export loop. Such a log is corrupt; verify names where.
        if (!(record.seq > summary.headSeq)) {
          throw new PolityError('log_corrupt', `the stored log goes from seq ${summary.headSeq} to ${String(record.seq)}; run polity verify`);
        }
        buffer += `${encodeLogLine(record)}\n`;
        if (buffer.length >= writeChunkChars) buffer = await flush(handle, buffer);
        summary.records += 1;
        summary.headSeq = record.seq;
        summary.headHash = record.hash;
      }
      if (page.length < exportPageRecords) break;
    }
    await flush(handle, buffer);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(partial, { force: true });
    throw error;
  }
  await handle.close();
  await rename(partial, path);
  return summary;
}

async function openForWriting(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'w');
  } catch (error) {
    throw new PolityError('file_unwritable', `cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function flush(handle: FileHandle, buffer: string): Promise<string> {
  if (buffer.length > 0) await handle.write(buffer);
  return '';
}

/**
 * Rebuilds a DAO from an exported log in an empty store: the file is verified first (every
 * record re-applied), then its records and the projection rows they imply are written in
 * chunks, exactly as the writer would have written them, with a snapshot at the end. After
 * it, Engine.open and verifyStore give the file's head.
 */
export async function importLog(store: Store, path: string): Promise<LogFileSummary> {
  await requireEmpty(store);
  await requireSameDao(store, path);
  const report = await verifyLogFile(path);
  if (!report.ok) {
    const details = { firstBadSeq: report.firstBadSeq, problem: report.problem };
    throw new PolityError('log_invalid', `the log file fails verification at seq ${report.firstBadSeq}: ${report.problem}`, details);
  }
  const importer = new Importer(store);
  for await (const line of readLogLines(path)) await importer.add(line);
  await importer.finish();
  if (importer.summary.headHash !== report.headHash) {
    throw new PolityError('log_changed', `the log file changed while it was imported (head ${importer.summary.headHash}, verified ${report.headHash})`);
  }
  return importer.summary;
}

async function requireEmpty(store: Store): Promise<void> {
  const [first] = await store.readLog(0, 1);
  const snapshot = await store.latestSnapshot();
  if (first || snapshot) throw new PolityError('store_not_empty', `${store.location} already holds a log; import needs an empty store`);
}

/** Checked before the (long) verification: a log of another DAO is refused at once. */
async function requireSameDao(store: Store, path: string): Promise<void> {
  for await (const line of readLogLines(path)) {
    const read = parseLogLine(line);
    if (typeof read !== 'string' && read.body.daoId !== store.daoId) {
      throw new PolityError('dao_mismatch', `the log file belongs to DAO ${String(read.body.daoId)}, the store to ${store.daoId}`);
    }
    return; // the first record names the DAO; verification checks that every record agrees
  }
}

/** Writes verified records in group commits shaped like the writer's (see Engine.applyBatch). */
class Importer {
  readonly summary: LogFileSummary = { records: 0, headSeq: 0, headHash: genesisHash };
  private readonly state: EngineState;
  private chunk: Chunk;

  constructor(private readonly store: Store) {
    this.state = createEngineState(store.daoId);
    this.chunk = newChunk(store.daoId);
  }

  async add(line: string): Promise<void> {
    const read = parseLogLine(line);
    // The file was verified a moment ago; these checks only catch it changing since.
    if (typeof read === 'string') throw new PolityError('log_changed', `the log file changed while it was imported: ${read}`);
    this.checkContinues(read);
    const { body } = read;
    for (const event of body.events) {
      evolve(this.state, event, body);
      this.chunk.projections.collect(event, this.state);
    }
    this.chunk.projections.endRecord(body.seq, body.timeMs, this.state);
    this.chunk.records.push({ record: { ...body, prevHash: read.prevHash, hash: read.hash }, bodyJson: read.bodyJson });
    this.chunk.items += body.events.length;
    this.summary.records += 1;
    this.summary.headSeq = body.seq;
    this.summary.headHash = read.hash;
    if (this.chunk.records.length >= importCommitRecordsMax || this.chunk.items >= commitItemsMax) await this.commit(false);
  }

  async finish(): Promise<void> {
    await this.commit(true);
  }

  private checkContinues(read: ReadRecord): void {
    const continues = read.body.seq === this.summary.headSeq + 1 && read.prevHash === this.summary.headHash;
    if (!continues || chainHash(read.prevHash, read.bodyJson) !== read.hash || read.body.daoId !== this.store.daoId) {
      const problem = read.body.daoId !== this.store.daoId ? `it belongs to DAO ${read.body.daoId}, not ${this.store.daoId}` : 'the chain breaks';
      throw new PolityError(read.body.daoId !== this.store.daoId ? 'dao_mismatch' : 'log_changed', `cannot import record ${read.body.seq}: ${problem}`);
    }
  }

  /** The last commit also writes a snapshot, so the first Engine.open need not replay it all. */
  private async commit(last: boolean): Promise<void> {
    const { records, projections } = this.chunk;
    if (records.length === 0 && (!last || this.summary.records === 0)) return;
    const unit: CommitUnit = { records, rows: projections.rows(this.state) };
    if (last) unit.snapshot = { seq: this.summary.headSeq, hash: this.summary.headHash, stateJson: encodeSnapshot(this.state) };
    await this.store.commit(unit);
    this.chunk = newChunk(this.store.daoId);
  }
}

interface Chunk {
  records: EncodedRecord[];
  items: number;
  projections: Projections;
}

function newChunk(daoId: string): Chunk {
  return { records: [], items: 0, projections: new Projections(daoId) };
}
