import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.ts';
import { checkId, isValidId } from './ids.ts';

describe('VirtualClock', () => {
  it('moves only when told, and only forward', () => {
    const clock = new VirtualClock(1_000);
    expect(clock.nowMs()).toBe(1_000);
    clock.advanceMs(500);
    expect(clock.nowMs()).toBe(1_500);
    clock.setMs(2_000);
    expect(clock.nowMs()).toBe(2_000);
    expect(() => clock.advanceMs(-1)).toThrow(RangeError);
    expect(() => clock.advanceMs(0.5)).toThrow(RangeError);
    expect(() => clock.setMs(1_999)).toThrow(RangeError);
  });
});

describe('ids', () => {
  it.each(['a', 'A1', 'tx-1.2_3:4@5', 'x'.repeat(128)])('accepts %j', (id) => {
    expect(isValidId(id)).toBe(true);
  });

  it.each(['', '-a', '@issuance.x', 'a b', 'x'.repeat(129), 'é', 5])('rejects %j', (id) => {
    expect(isValidId(id)).toBe(false);
    expect(() => checkId(id, 'the id')).toThrow(expect.objectContaining({ code: 'id_invalid' }));
  });
});
