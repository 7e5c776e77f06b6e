/**
 * When a failed payment is tried again: after each of BILLING_RETRY_HOURS in turn (24, 72,
 * 168 hours by default); after the last, the account becomes a debtor (and with
 * BILLING_BLOCK_DEBTORS its tokens are refused) until someone pays or an operator clears it.
 */
export function nextAttemptAt(attemptsSoFar: number, retryHours: readonly number[], now: Date): Date | null {
  const hours = retryHours[attemptsSoFar - 1];
  return hours === undefined ? null : new Date(now.getTime() + hours * 3_600_000);
}
