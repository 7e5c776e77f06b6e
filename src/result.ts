/**
 * Expected outcomes are values (STYLE principle 7): a service returns `ok(value)` or
 * `fail(code)`; a REST route unwraps, turning a failure into its catalogued HTTP answer.
 */
import { AppError, catalogue, type ErrorCode } from './errors.ts';

export type Failure = { ok: false; code: ErrorCode; message: string };
export type Result<T> = { ok: true; value: T } | Failure;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message?: string): Failure => ({ ok: false, code, message: message ?? catalogue[code].message });

export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new AppError(r.code, r.message);
}
