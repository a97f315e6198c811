/**
 * A broken invariant is a bug, not a rejection: it stops the writer, which then restarts
 * from the log. Never catch AssertionFailure to carry on.
 */
export class AssertionFailure extends Error {
  constructor(message: string) {
    super(`assertion failed: ${message}`);
    this.name = 'AssertionFailure';
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionFailure(message);
}
