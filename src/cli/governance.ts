import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PolityError } from '../kernel/errors.ts';
import { callApi, resolveTarget, type ServerOptions, withServerOptions } from './http-client.ts';
import { describe, emit } from './output.ts';
import { submitSigned } from './signing.ts';

interface GovernanceOptions extends ServerOptions {
  key?: string;
}

function parseJsonOption(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PolityError('json_invalid', `${what} is not JSON: ${(error as Error).message}`);
  }
}

/** Submits and prints: the same shape for every governance command. */
async function run(options: GovernanceOptions, type: string, payload: unknown): Promise<void> {
  const answer = await submitSigned<unknown>(resolveTarget(options), { type, payload }, options.key);
  emit(options, answer, () => [`${type}: accepted${answer.seq === undefined ? '' : ` at seq ${answer.seq}`}`, ...describe(answer.result, '  ')]);
}

function readText(inline: string | undefined, file: string | undefined, what: string): string | undefined {
  if (inline !== undefined && file !== undefined) throw new PolityError('usage', `give ${what} inline or from a file, not both`);
  return file === undefined ? inline : readFileSync(file, 'utf8');
}

/** `polity proposal ...`: the lifecycle of a proposal, over HTTP; `--key` signs. */
export function registerProposal(program: Command): void {
  const proposal = program
    .command('proposal')
    .description('proposals: create, amend, comment, submit, cancel, start-voting, show, list (talks to a running server)');
  const sub = (name: string, description: string) =>
    withServerOptions(proposal.command(name).description(description)).option('--key <file>', 'sign with this key file (polity keys new --out)');
  sub('create', 'a draft proposal')
    .requiredOption('--id <id>', 'proposal id')
    .requiredOption('--title <text>', 'title')
    .requiredOption('--category <id>', 'governance category')
    .option('--body <markdown>', 'the text')
    .option('--body-file <file.md>', 'the text from a file')
    .option('--actions <json>', 'actions: [{"type": "treasury.spend", "payload": {...}}, ...]')
    .option('--tag <tag...>', 'tags')
    .option('--ballot-type <type>', 'basic (default), single-choice, approval, ranked-choice, weighted, quadratic, copeland, quadratic-credits')
    .option('--choices <a,b,...>', 'choices for a non-basic ballot')
    .option('--disclosure <text>', 'conflict-of-interest disclosure')
    .option('--secret', 'ballots and tallies stay hidden until voting closes')
    .action(async (options: GovernanceOptions & Record<string, string | string[] | boolean | undefined>) => {
      const payload: Record<string, unknown> = {
        id: options.id,
        title: options.title,
        category: options.category,
        body: readText(options.body as string | undefined, options.bodyFile as string | undefined, 'the body') ?? '',
      };
      if (options.actions !== undefined) payload.actions = parseJsonOption(String(options.actions), '--actions');
      if (options.tag !== undefined) payload.tags = options.tag;
      if (options.ballotType !== undefined) payload.ballotType = options.ballotType;
      if (options.choices !== undefined) payload.choices = String(options.choices).split(',');
      if (options.disclosure !== undefined) payload.disclosure = options.disclosure;
      if (options.secret === true) payload.secret = true;
      await run(options, 'governance.create', payload);
    });
  sub('amend', 'a new revision (proposer, before voting)')
    .argument('<id>')
    .requiredOption('--title <text>', 'title')
    .option('--body <markdown>', 'the text')
    .option('--body-file <file.md>', 'the text from a file')
    .option('--actions <json>', 'the new actions')
    .action(async (id: string, options: GovernanceOptions & { title: string; body?: string; bodyFile?: string; actions?: string }) => {
      const payload: Record<string, unknown> = { proposal: id, title: options.title, body: readText(options.body, options.bodyFile, 'the body') ?? '' };
      if (options.actions !== undefined) payload.actions = parseJsonOption(options.actions, '--actions');
      await run(options, 'governance.amend', payload);
    });
  sub('comment', 'comment (threaded with --parent)')
    .argument('<id>')
    .requiredOption('--text <text>', 'the comment')
    .option('--comment-id <id>', 'comment id (default: generated)')
    .option('--parent <id>', 'the comment answered')
    .action(async (id: string, options: GovernanceOptions & { text: string; commentId?: string; parent?: string }) => {
      const payload: Record<string, unknown> = { proposal: id, id: options.commentId ?? `c${Date.now().toString(36)}`, text: options.text };
      if (options.parent !== undefined) payload.parent = options.parent;
      await run(options, 'governance.comment', payload);
    });
  for (const [name, type, description] of [
    ['submit', 'governance.submit', 'draft -> discussion'],
    ['cancel', 'governance.cancel', 'withdraw (proposer, before voting)'],
    ['start-voting', 'governance.start_voting', 'start the vote once the discussion is over (takes the snapshot)'],
  ] as const) {
    sub(name, description)
      .argument('<id>')
      .action(async (id: string, options: GovernanceOptions) => run(options, type, { proposal: id }));
  }
  withServerOptions(proposal.command('show').description('a proposal: record, state now, tally, ballots').argument('<id>')).action(
    async (id: string, options: ServerOptions) => {
      const answer = await callApi<Record<string, unknown>>(resolveTarget(options), { method: 'GET', path: `/v1/proposals/${encodeURIComponent(id)}` });
      emit(options, answer, () => describe(answer));
    },
  );
  withServerOptions(proposal.command('list').description('every proposal and its state')).action(async (options: ServerOptions) => {
    const answer = await callApi<{ items: { id: string; title: string; state: { status: string } | null }[] }>(resolveTarget(options), {
      method: 'GET',
      path: '/v1/proposals',
    });
    emit(options, answer, () => answer.items.map((item) => `${item.id}  ${item.state?.status ?? '?'}  ${item.title}`));
  });
}

/** `polity vote`, `polity delegate`, `polity execute`, `polity veto`. */
export function registerVoting(program: Command): void {
  withServerOptions(program.command('vote').description('cast a signed ballot (talks to a running server)').argument('<proposal>'))
    .requiredOption('--choice <json>', 'Snapshot\'s encoding: 1 for, 2 against, 3 abstain (basic); [1,3] approval/ranked; {"1":2,"2":1} weighted')
    .requiredOption('--key <file>', 'the voter\u2019s key file: ballots must be signed')
    .action(async (id: string, options: GovernanceOptions & { choice: string }) => {
      const target = resolveTarget(options);
      const proposal = await callApi<{ snapshot?: { seq: number } }>(target, { method: 'GET', path: `/v1/proposals/${encodeURIComponent(id)}` });
      if (!proposal.snapshot) throw new PolityError('voting_not_started', `voting on ${id} has not started`);
      const payload = { proposal: id, choice: parseJsonOption(options.choice, '--choice'), snapshotSeq: proposal.snapshot.seq, castAtMs: Date.now() };
      await run(options, 'governance.vote', payload);
    });
  withServerOptions(program.command('delegate').description('delegate voting power (split with bob:60,carol:40), or --revoke'))
    .option('--to <delegates>', 'delegate[:percent],...  (default 100%)')
    .option('--category <id>', 'only for proposals of this category')
    .option('--revoke', 'take the delegation back')
    .option('--key <file>', 'sign with this key file')
    .action(async (options: GovernanceOptions & { to?: string; category?: string; revoke?: boolean }) => {
      const category = options.category === undefined ? {} : { category: options.category };
      if (options.revoke) return run(options, 'power.undelegate', category);
      if (options.to === undefined) throw new PolityError('usage', 'give --to or --revoke');
      const delegations = options.to.split(',').map((part) => {
        const [delegate = '', percent = '100'] = part.split(':');
        return { delegate, percent };
      });
      return run(options, 'power.delegate', { delegations, ...category });
    });
  withServerOptions(program.command('execute').description('execute a queued proposal whose timelock is over').argument('<proposal>'))
    .option('--key <file>', 'sign with this key file')
    .action(async (id: string, options: GovernanceOptions) => run(options, 'governance.execute', { proposal: id }));
  withServerOptions(program.command('veto').description('guardian: stop a proposal in its timelock').argument('<proposal>'))
    .requiredOption('--reason <text>', 'why')
    .option('--key <file>', 'sign with this key file')
    .action(async (id: string, options: GovernanceOptions & { reason: string }) => run(options, 'governance.veto', { proposal: id, reason: options.reason }));
}

/** Adds one subcommand that submits `type` with the payload `build` makes from its arguments. */
function commandOf(
  group: Command,
  spec: { name: string; description: string; type: string; args?: string[]; options?: [string, string][] },
  build: (args: string[], options: Record<string, string>) => unknown,
): void {
  let command = withServerOptions(group.command(spec.name).description(spec.description)).option('--key <file>', 'sign with this key file');
  for (const arg of spec.args ?? []) command = command.argument(`<${arg}>`);
  for (const [flags, description] of spec.options ?? []) command = command.requiredOption(flags, description);
  command.action(async (...received: unknown[]) => {
    const args = received.slice(0, (spec.args ?? []).length) as string[];
    const options = received[(spec.args ?? []).length] as GovernanceOptions & Record<string, string>;
    await run(options, spec.type, build(args, options));
  });
}

function showOf(group: Command, path: string, description: string): void {
  withServerOptions(group.command('show').description(description)).action(async (options: ServerOptions) => {
    const answer = await callApi<Record<string, unknown>>(resolveTarget(options), { method: 'GET', path });
    emit(options, answer, () => describe(answer));
  });
}

/** `polity multisig`, `polity committee`, `polity constitution`: thin faces of their commands. */
export function registerBodies(program: Command): void {
  const multisig = program.command('multisig').description('M-of-N treasury spends below a limit (talks to a running server)');
  commandOf(
    multisig,
    {
      name: 'propose',
      description: 'a signer proposes a spend (counts as the first approval)',
      type: 'multisig.propose',
      args: ['id'],
      options: [
        ['--set <id>', 'signer set'],
        ['--fund <id>', 'fund'],
        ['--to <account>', 'paid account'],
        ['--amount <amount>', 'amount'],
      ],
    },
    ([id], o) => ({ id, set: o.set, fund: o.fund, to: o.to, amount: o.amount }),
  );
  commandOf(multisig, { name: 'approve', description: 'approve; at the threshold it executes', type: 'multisig.approve', args: ['id'] }, ([id]) => ({ id }));
  commandOf(multisig, { name: 'reject', description: 'reject', type: 'multisig.reject', args: ['id'] }, ([id]) => ({ id }));
  showOf(multisig, '/v1/multisig', 'signer sets and transactions');
  const committee = program.command('committee').description('committees and elections (talks to a running server)');
  commandOf(committee, { name: 'stand', description: 'stand as a candidate in an election', type: 'committees.stand', args: ['election'] }, ([election]) => ({
    election,
  }));
  commandOf(
    committee,
    {
      name: 'vote',
      description: 'vote in an election (BID holders; approval [1,3] or a full ranking)',
      type: 'committees.vote',
      args: ['election'],
      options: [['--choice <json>', 'the choice']],
    },
    ([election], o) => ({ election, choice: parseJsonOption(o.choice ?? '', '--choice') }),
  );
  commandOf(
    committee,
    { name: 'close', description: 'close an ended election and seat the winners', type: 'committees.close_election', args: ['election'] },
    ([election]) => ({ election }),
  );
  showOf(committee, '/v1/committees', 'committees, members, roles and elections');
  const constitution = program.command('constitution').description('the constitution (talks to a running server)');
  commandOf(
    constitution,
    {
      name: 'set',
      description: 'replace the rules (permission constitution.amend: governance or the bootstrap admin)',
      type: 'constitution.set_rules',
      options: [['--file <rules.json>', '[{"kind": "max_spend", "id": ..., ...}, ...]']],
    },
    (_args, o) => ({ rules: parseJsonOption(readFileSync(o.file ?? '', 'utf8'), '--file') }),
  );
  showOf(constitution, '/v1/constitution', 'the rules as a client writes them, and the version');
}
