/**
 * Scratch-state benchmark: `npm run bench:execute -- [--accounts N] [--transfers N]
 * [--repeat N] [--seed N]`. Builds an engine state in memory (no store): N accounts, each
 * with its own owner actor, on a tracked asset (so the power module keeps every owner's
 * balance history), and M transfers between them (default 100,000 accounts and 1,000,000
 * transfers). Then it times the two ways a proposal's actions can get a scratch state:
 * the deep copy `decodeSnapshot(encodeSnapshot(state))` that governance.execute used before,
 * and `overlayOf(state)` that it uses now, each followed by one `treasury.spend` applied and evolved on it.
 * Finally it checks that the committed state still encodes byte-identically.
 */
import { systemActorId } from '../src/access/state.ts';
import { findCommand } from '../src/engine/registry.ts';
import { decodeSnapshot, encodeSnapshot } from '../src/engine/snapshot.ts';
import { createEngineState, type EngineState, evolve } from '../src/engine/state.ts';
import type { CommandContext, Outcome } from '../src/engine/types.ts';
import { overlayOf } from '../src/kernel/overlay.ts';
import { createPrng } from '../src/kernel/prng.ts';
import { stateWriter } from '../src/ledger/draft.ts';
import { transfersPerBatchMax } from '../src/ledger/limits.ts';
import { memoryAfterGc, round, table } from './stats.ts';

interface Options {
  accounts: number;
  transfers: number;
  repeat: number;
  seed: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { accounts: 100_000, transfers: 1_000_000, repeat: 200, seed: 1 };
  for (let index = 0; index < argv.length; index += 2) {
    const name = argv[index]?.replace(/^--/, '');
    const value = Number(argv[index + 1]);
    if (name !== 'accounts' && name !== 'transfers' && name !== 'repeat' && name !== 'seed') throw new Error(`unknown option ${argv[index]}`);
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} takes a positive integer`);
    options[name] = value;
  }
  return options;
}

const asset = 'gov';
const accountId = (index: number) => `a${index}`;

/** The writer's loop, without a store: apply as the DAO, evolve the events, fail loudly on a refusal. */
class Builder {
  readonly state: EngineState = createEngineState('bench');
  private seq = 0;

  run(type: string, payload: unknown): Outcome {
    this.seq += 1;
    const ctx: CommandContext = { seq: this.seq, timeMs: 1_700_000_000_000 + this.seq, daoId: 'bench', actorId: systemActorId };
    const outcome = findCommand(type).apply(this.state, payload as never, ctx);
    if (!outcome.ok) throw new Error(`${type} refused: ${outcome.code} ${outcome.message}`);
    for (const event of outcome.events) evolve(this.state, event, ctx);
    return outcome;
  }

  context(): CommandContext {
    return { seq: this.seq + 1, timeMs: 1_700_000_000_000 + this.seq + 1, daoId: 'bench', actorId: systemActorId };
  }
}

function transferBatches(builder: Builder, items: { from: string; to: string; amount: string }[], firstId: number): void {
  for (let start = 0; start < items.length; start += transfersPerBatchMax) {
    const batch = items.slice(start, start + transfersPerBatchMax).map((item, offset) => ({ id: `t${firstId + start + offset}`, ...item }));
    const outcome = builder.run('ledger.create_transfers', { transfers: batch });
    const results = outcome.ok ? (outcome.result as { results: { status: string }[] }).results : [];
    const refused = results.find((result) => result.status !== 'created');
    if (refused) throw new Error(`a transfer was refused: ${refused.status}`);
  }
}

function buildState(options: Options): EngineState {
  const builder = new Builder();
  const prng = createPrng(options.seed);
  builder.run('ledger.create_asset', { id: asset, kind: 'fungible', symbol: 'GOV', decimals: 0, supply: 'mintable' });
  builder.run('power.track', { asset });
  builder.run('treasury.create_fund', { id: 'dao', asset, initial: { amount: '1000000000' } });
  for (let index = 0; index < options.accounts; index += 1) builder.run('access.create_actor', { id: `m${index}`, kind: 'member' });
  for (let start = 0; start < options.accounts; start += transfersPerBatchMax) {
    const count = Math.min(transfersPerBatchMax, options.accounts - start);
    const accounts = Array.from({ length: count }, (_, offset) => ({ id: accountId(start + offset), asset, owner: `m${start + offset}` }));
    builder.run('ledger.create_accounts', { accounts });
  }
  builder.run('ledger.mint', { id: 'seed', asset, to: accountId(0), amount: String(1000 * options.accounts) });
  // The first transfers give every account 1,000 units; the rest move 1 unit between random accounts.
  const funding = Array.from({ length: Math.min(options.transfers, options.accounts - 1) }, (_, index) => ({
    from: accountId(0),
    to: accountId(index + 1),
    amount: '1000',
  }));
  transferBatches(builder, funding, 0);
  const random = Array.from({ length: options.transfers - funding.length }, () => {
    const from = prng.nextInt(options.accounts);
    const to = (from + 1 + prng.nextInt(options.accounts - 1)) % options.accounts;
    return { from: accountId(from), to: accountId(to), amount: '1' };
  });
  transferBatches(builder, random, funding.length);
  return builder.state;
}

/** One treasury payment applied and evolved on a scratch state, as a proposal's action would be. */
function spendOn(scratch: EngineState, ctx: CommandContext, index: number): void {
  const payload = { id: `bench${index}`, fund: 'dao', to: accountId(index % 1000), amount: '5' };
  const outcome = findCommand('treasury.spend').apply(scratch, payload as never, ctx);
  if (!outcome.ok) throw new Error(`treasury.spend refused: ${outcome.code} ${outcome.message}`);
  for (const event of outcome.events) evolve(scratch, event, ctx);
}

function seconds(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  let started = process.hrtime.bigint();
  const state = buildState(options);
  const buildSeconds = seconds(started);
  const ctx: CommandContext = { seq: Number.MAX_SAFE_INTEGER - 1, timeMs: 1_800_000_000_000, daoId: 'bench', actorId: systemActorId };
  const memory = memoryAfterGc();

  started = process.hrtime.bigint();
  const text = encodeSnapshot(state);
  const encodeSeconds = seconds(started);
  started = process.hrtime.bigint();
  const copy = decodeSnapshot(text);
  const decodeSeconds = seconds(started);
  started = process.hrtime.bigint();
  spendOn(copy, ctx, 0);
  const spendOnCopySeconds = seconds(started);

  const overlayMs: number[] = [];
  for (let run = 0; run < options.repeat; run += 1) {
    started = process.hrtime.bigint();
    const scratch = overlayOf(state);
    scratch.ledgerWriter = stateWriter(scratch.ledger);
    spendOn(scratch, ctx, run);
    overlayMs.push(seconds(started) * 1000);
  }
  const sorted = [...overlayMs].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
  const overlay = { p50: rank(0.5), p99: rank(0.99), max: sorted[sorted.length - 1] ?? 0 };
  const unchanged = encodeSnapshot(state) === text;

  const copyMs = (encodeSeconds + decodeSeconds + spendOnCopySeconds) * 1000;
  console.log(`state: ${options.accounts} accounts, ${options.transfers} transfers, power history tracked; built in ${round(buildSeconds, 1)} s`);
  console.log(`snapshot ${round(text.length / 2 ** 20, 1)} MiB; heap ${memory.heapUsedMiB} MiB after build`);
  console.log(
    table(
      [
        ['scratch state + one treasury.spend', 'ms'],
        ['deep copy: encodeSnapshot', String(round(encodeSeconds * 1000, 1))],
        ['deep copy: decodeSnapshot', String(round(decodeSeconds * 1000, 1))],
        ['deep copy: spend on the copy', String(round(spendOnCopySeconds * 1000, 3))],
        ['deep copy: total', String(round(copyMs, 1))],
        [`overlay + spend, median of ${options.repeat}`, String(round(overlay.p50, 3))],
        ['overlay + spend, p99', String(round(overlay.p99, 3))],
        ['overlay + spend, max (first, cold)', String(round(overlay.max, 3))],
      ],
      new Set([1]),
    ),
  );
  console.log(`overlay is ${Math.round(copyMs / overlay.p50)}x faster (median); committed state byte-identical after ${options.repeat} overlays: ${unchanged}`);
  if (!unchanged) process.exitCode = 1;
}

main();
