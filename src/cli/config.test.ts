import { afterEach, describe, expect, it } from 'vitest';
import { defaultVerifyThreads, resolveVerifyThreads, verifyThreadsMax } from './config.ts';

describe('POLITY_VERIFY_THREADS', () => {
  const saved = process.env.POLITY_VERIFY_THREADS;
  afterEach(() => {
    if (saved === undefined) delete process.env.POLITY_VERIFY_THREADS;
    else process.env.POLITY_VERIFY_THREADS = saved;
  });

  it('defaults to one thread per core but the writer\u2019s, from 2 to 4 (1 on a single core)', () => {
    delete process.env.POLITY_VERIFY_THREADS;
    const threads = resolveVerifyThreads();
    expect(threads).toBeGreaterThanOrEqual(1);
    expect(threads).toBeLessThanOrEqual(4);
    expect([1, 2, 3, 4, 5, 6, 32].map(defaultVerifyThreads)).toEqual([1, 2, 2, 3, 4, 4, 4]);
  });

  it.each([
    ['0', 0],
    ['3', 3],
    [String(verifyThreadsMax), verifyThreadsMax],
  ])('takes %s', (text, threads) => {
    process.env.POLITY_VERIFY_THREADS = text;
    expect(resolveVerifyThreads()).toBe(threads);
  });

  it.each(['-1', '1.5', 'two', String(verifyThreadsMax + 1)])('refuses %s with config_invalid', (text) => {
    process.env.POLITY_VERIFY_THREADS = text;
    expect(() => resolveVerifyThreads()).toThrow(expect.objectContaining({ code: 'config_invalid' }));
  });
});
