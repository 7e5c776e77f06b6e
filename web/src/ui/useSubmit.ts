/**
 * A form's or a button's call to the API: busy while it runs, the ApiError if it failed
 * (shown with ErrorMessage), cleared when it succeeds.
 */
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client.ts';

export function useSubmit<A extends unknown[]>(fn: (...args: A) => Promise<unknown>) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(...args: A): Promise<boolean> {
    setBusy(true);
    try {
      await fn(...args);
      setError(null);
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'CLIENT', err instanceof Error ? err.message : String(err)));
      return false;
    } finally {
      setBusy(false);
    }
  }
  /** For onSubmit: keeps the browser from navigating. */
  const submit = (...args: A) => (e?: FormEvent) => {
    e?.preventDefault();
    void run(...args);
  };
  return { run, submit, error, busy, setError };
}
