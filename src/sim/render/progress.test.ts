import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, type ProgressStream, progressLine } from './progress.ts';

/** A terminal (or a pipe) that records what was written, and a clock the test moves. */
function fakeTerminal(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  const stream: ProgressStream = { isTTY, write: (chunk: string) => writes.push(chunk) };
  if (columns !== undefined) stream.columns = columns;
  let nowMs = 1_000;
  const advance = (ms: number) => {
    nowMs += ms;
  };
  return { stream, writes, now: () => nowMs, advance };
}

describe('createProgress', () => {
  it('is silent when the stream is not a terminal, but still counts', () => {
    const term = fakeTerminal(false);
    const progress = createProgress({ total: 10, stream: term.stream, label: 'sim', now: term.now });
    progress.tick(4);
    progress.done();
    expect(term.writes).toEqual([]);
    expect(progress.count).toBe(4);
  });

  it('draws in place with \\r, at most once per 100 ms, and ends the line on done', () => {
    const term = fakeTerminal(true);
    const progress = createProgress({ total: 10, stream: term.stream, label: 'sim', now: term.now, barWidth: 10 });
    expect(term.writes).toEqual(['\rsim [..........]   0% 0/10']);
    for (let i = 0; i < 5; i += 1) {
      term.advance(10);
      progress.tick();
    }
    expect(term.writes).toHaveLength(1); // 50 ms in: throttled
    term.advance(50);
    progress.tick();
    expect(term.writes.at(-1)).toBe('\rsim [######....]  60% 6/10');
    term.advance(2_000);
    progress.tick(2);
    expect(term.writes.at(-1)).toBe('\rsim [########..]  80% 8/10 eta 1s');
    term.advance(10);
    progress.tick(2);
    progress.done();
    progress.done();
    expect(term.writes.slice(-2)).toEqual(['\rsim [##########] 100% 10/10 in 2s', '\n']);
    expect(term.writes).toHaveLength(5);
  });

  it('pads over a longer previous line', () => {
    const term = fakeTerminal(true);
    const progress = createProgress({ total: 100, stream: term.stream, now: term.now, barWidth: 4 });
    term.advance(2_000);
    progress.tick();
    expect(term.writes.at(-1)).toBe('\r[....]   1% 1/100 eta 3m18s');
    progress.done();
    expect(term.writes.at(-2)).toBe('\r[....]   1% 1/100 in 2s    ');
  });

  it('fits the terminal width', () => {
    const term = fakeTerminal(true, 20);
    const progress = createProgress({ total: 100, stream: term.stream, label: 'a long label', now: term.now });
    expect(term.writes[0]).toBe('\ra long label [.....');
    expect(term.writes.every((chunk) => chunk.length <= 20)).toBe(true);
    progress.done();
  });

  it('rejects a bad total or step', () => {
    const term = fakeTerminal(true);
    expect(() => createProgress({ total: -1, stream: term.stream })).toThrow(RangeError);
    expect(() => createProgress({ total: 1, stream: term.stream, now: term.now }).tick(Number.NaN)).toThrow(RangeError);
  });
});

describe('progress line and durations', () => {
  it.each<[number, string]>([
    [0, '0s'],
    [950, '1s'],
    [59_400, '59s'],
    [185_000, '3m05s'],
    [7_440_000, '2h04m'],
  ])('formatDuration(%d) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('a total of zero is complete; counts past the total stay at 100 %', () => {
    expect(progressLine({ count: 0, total: 0, barWidth: 4, elapsedMs: 0, finished: false })).toBe('[####] 100% 0/0');
    expect(progressLine({ count: 12, total: 10, barWidth: 4, elapsedMs: 0, finished: false })).toBe('[####] 100% 12/10');
  });
});
