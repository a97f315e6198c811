import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house rules that a formatter cannot see, checked on the sources:
 * the deterministic core has no clock, randomness or I/O, and nothing outside a module
 * reaches into its internals (modules under src/modules/ are imported through index.ts).
 */
const root = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sourceFiles(root).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));

/** Code that `apply` and `evolve` run: pure and deterministic. */
const deterministicCore = files.filter(({ path }) =>
  /^(ledger\/(commands\/|events|draft|state|moves)|access\/(commands|events|state)|engine\/(state|registry|modules)|modules\/[a-z-]+\/(commands\/|events|state|schedules|accumulator))/.test(
    path,
  ),
);

const bannedInCore: [RegExp, string][] = [
  [/Date\.now\(/, 'Date.now()'],
  [/new Date\(\)/, 'new Date()'],
  [/Math\.random\(/, 'Math.random()'],
  [/\bawait\b/, 'await'],
  [/from 'node:(fs|net|http|child_process)'/, 'I/O modules'],
  [/parseFloat\(|toFixed\(/, 'floating-point parsing or formatting'],
];

describe('architecture rules', () => {
  it('finds the deterministic core', () => {
    expect(deterministicCore.length).toBeGreaterThan(10);
  });

  it.each(bannedInCore)('the deterministic core never uses %s', (pattern, what) => {
    const offenders = deterministicCore.filter(({ text }) => pattern.test(text)).map(({ path }) => path);
    expect(offenders, `${what} in apply/evolve code`).toEqual([]);
  });

  it('the kernel does no I/O and imports nothing from other layers', () => {
    const offenders = files
      .filter(({ path }) => path.startsWith('kernel/'))
      .filter(({ text }) => /from '\.\.\/(?!kernel)/.test(text) || /from 'node:(fs|net|http)'/.test(text))
      .map(({ path }) => path);
    expect(offenders).toEqual([]);
  });

  it('only the ledger and the engine evolve ledger state', () => {
    const offenders = files
      .filter(({ path }) => !path.startsWith('ledger/') && !path.startsWith('engine/'))
      .filter(({ text }) => /evolveLedger|editAccount\(|addTransfer\(/.test(text))
      .map(({ path }) => path);
    expect(offenders).toEqual([]);
  });

  it('modules are imported through their index.ts only', () => {
    const offenders = files
      .filter(({ text }) => /from '(\.\.\/)+modules\/[a-z-]+\/(?!index\.ts')/.test(text))
      .filter(({ path }) => !path.startsWith('modules/'))
      .map(({ path }) => path);
    expect(offenders).toEqual([]);
  });

  it('a module reaches another module through its index.ts only', () => {
    const offenders = files
      .filter(({ path }) => path.startsWith('modules/'))
      .flatMap(({ path, text }) => {
        const own = path.split('/')[1];
        return [...text.matchAll(/from '(\.[^']+)'/g)]
          .map((match) => join(dirname(path), match[1] ?? ''))
          .filter((target) => target.startsWith('modules/') && target.split('/')[1] !== own && !target.endsWith('/index.ts'))
          .map((target) => `${path} -> ${target}`);
      });
    expect(offenders).toEqual([]);
  });
});
