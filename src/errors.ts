/**
 * The error catalogue. Every error the API can answer has a stable code, an HTTP status and
 * a sentence. Services return expected outcomes as values; they throw AppError only where
 * the caller (a REST route) should answer with one of these. See docs/errors.md.
 */

export const catalogue = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in first: this call needs a valid bearer token.' },
  INVALID_CREDENTIALS: { status: 401, message: 'The email or password is wrong.' },
  FORBIDDEN: { status: 403, message: 'Your role does not allow this.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  STATION_NOT_FOUND: { status: 404, message: 'No station with this id is registered.' },
  ALREADY_EXISTS: { status: 409, message: 'It already exists.' },
  STATION_OFFLINE: { status: 409, message: 'The station is not connected.' },
  STATION_TIMEOUT: { status: 504, message: 'The station did not answer in time.' },
  STATION_ERROR: { status: 502, message: 'The station answered with an error.' },
  CONFLICT: { status: 409, message: 'The request conflicts with the current state.' },
  TOO_LARGE: { status: 413, message: 'The upload is larger than allowed.' },
  RATE_LIMITED: { status: 429, message: 'Too many attempts; wait and try again.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side; it has been logged.' },
  UNAVAILABLE: { status: 503, message: 'A service Straumur depends on is unavailable; try again shortly.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof catalogue;

export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? catalogue[code].message);
    this.code = code;
    this.status = catalogue[code].status;
    this.details = details;
  }
}

export const appError = (code: ErrorCode, message?: string, details?: unknown) => new AppError(code, message, details);

/** PostgreSQL SQLSTATE codes the code branches on (never on message text). */
export const sqlState = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;

/** The SQLSTATE and constraint name of a database error, if it is one (pg and PGlite both expose them). */
export function dbErrorOf(err: unknown): { code: string; constraint: string | undefined } | null {
  let e: unknown = err;
  // Drizzle wraps driver errors; the original is on `cause`.
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    const o = e as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof o.code === 'string' && /^[0-9A-Z]{5}$/.test(o.code)) {
      return { code: o.code, constraint: typeof o.constraint === 'string' ? o.constraint : undefined };
    }
    e = o.cause;
  }
  return null;
}
