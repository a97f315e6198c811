/**
 * The one error class for failures at I/O and configuration edges. `code` is stable and
 * snake_case; clients switch on it. HTTP status mapping lives in `src/api/problem.ts`.
 */
export class PolityError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'PolityError';
    this.code = code;
    this.details = details;
  }
}

export function isPolityError(error: unknown): error is PolityError {
  return error instanceof PolityError;
}
