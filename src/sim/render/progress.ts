/** Where a progress bar draws: process.stderr, or a fake in tests. */
export interface ProgressStream {
  /** Only a terminal gets a bar: in a pipe or a log file `\r` redraws would be noise. */
  isTTY?: boolean;
  /** The terminal's width; a longer line would wrap and break the in-place redraw. */
  columns?: number;
  write(chunk: string): unknown;
}

export interface ProgressOptions {
  total: number;
  stream: ProgressStream;
  label?: string;
  /** Milliseconds from any origin; performance.now by default. Tests pass a fake. */
  now?: () => number;
  /** At most one redraw per this many ms (100: about ten a second). */
  redrawIntervalMs?: number;
  /** Characters of the bar itself. */
  barWidth?: number;
}

export interface Progress {
  /** Counts `n` more steps done (1 by default); redraws when the last redraw is old enough. */
  tick(n?: number): void;
  /** Draws the final state and ends the line. Later calls do nothing. */
  done(): void;
  readonly count: number;
}

/**
 * A terminal progress bar drawn in place with `\r`. Silent when the stream is not a TTY,
 * and throttled, so a simulation ticking a million times pays for about ten redraws a second.
 */
export function createProgress(options: ProgressOptions): Progress {
  const { total, stream } = options;
  if (!(Number.isFinite(total) && total >= 0)) throw new RangeError(`a progress total must be a finite number >= 0, not ${total}`);
  const tty = stream.isTTY === true;
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.redrawIntervalMs ?? 100;
  const startMs = now();
  let count = 0;
  let lastDrawMs = startMs;
  let lastLength = 0;
  let finished = false;

  const draw = (atMs: number) => {
    const line = fitTo(
      progressLine({ label: options.label, count, total, barWidth: options.barWidth ?? 24, elapsedMs: atMs - startMs, finished }),
      stream.columns,
    );
    stream.write(`\r${line}${' '.repeat(Math.max(0, lastLength - line.length))}`);
    lastLength = line.length;
    lastDrawMs = atMs;
  };
  if (tty) draw(startMs);

  return {
    tick(n = 1) {
      if (!(Number.isFinite(n) && n >= 0)) throw new RangeError(`a progress step must be a finite number >= 0, not ${n}`);
      if (finished) return;
      count += n;
      if (!tty) return;
      const atMs = now();
      if (atMs - lastDrawMs >= intervalMs) draw(atMs);
    },
    done() {
      if (finished) return;
      finished = true;
      if (!tty) return;
      draw(now());
      stream.write('\n');
    },
    get count() {
      return count;
    },
  };
}

export interface ProgressState {
  label?: string | undefined;
  count: number;
  total: number;
  barWidth: number;
  elapsedMs: number;
  finished: boolean;
}

/** One line of the bar: `label [#####.....]  50% 5/10 eta 3s`. */
export function progressLine(state: ProgressState): string {
  const { count, total, barWidth } = state;
  const fraction = total === 0 ? 1 : Math.min(1, count / total);
  const filled = Math.floor(fraction * barWidth);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const parts = [state.label, bar, percent, `${count}/${total}`].filter((part) => part !== undefined && part !== '');
  if (state.finished) parts.push(`in ${formatDuration(state.elapsedMs)}`);
  else if (count > 0 && count < total && state.elapsedMs >= 1000) parts.push(`eta ${formatDuration((state.elapsedMs * (total - count)) / count)}`);
  return parts.join(' ');
}

/** 950 ms -> "1s", 185 s -> "3m05s", 2 h 4 min -> "2h04m". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

function fitTo(line: string, columns: number | undefined): string {
  // One column short of the width: a line that fills it exactly wraps on some terminals.
  return columns !== undefined && columns > 1 && line.length > columns - 1 ? line.slice(0, columns - 1) : line;
}
