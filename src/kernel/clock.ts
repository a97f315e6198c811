/** Where time comes from. The sequencer reads it; `apply` only ever sees `ctx.timeMs`. */
export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

/** A clock that moves only when told: tests and the simulator. */
export class VirtualClock implements Clock {
  private currentMs: number;

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.currentMs = startMs;
  }

  nowMs(): number {
    return this.currentMs;
  }

  advanceMs(deltaMs: number): void {
    if (!Number.isSafeInteger(deltaMs) || deltaMs < 0) throw new RangeError('a clock only moves forward');
    this.currentMs += deltaMs;
  }

  setMs(timeMs: number): void {
    if (timeMs < this.currentMs) throw new RangeError('a clock only moves forward');
    this.currentMs = timeMs;
  }
}
