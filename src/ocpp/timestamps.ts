/** A station's timestamp as a Date, or the receive time when it sent none (or one that does not parse). */
export function stationTime(value: string | undefined, receivedAt: Date): Date {
  if (!value) return receivedAt;
  const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? receivedAt : new Date(ms);
}
