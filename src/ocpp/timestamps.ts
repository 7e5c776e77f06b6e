/**
 * A station's timestamps. Stations' clocks are wrong in known ways: 1970 or 2000 after a
 * reset, years ahead on a dead RTC battery, year 1 or 9999 from a fuzzer. What is stored as
 * the time of an event must be one the station could have meant, or the session timeline,
 * reports and invoices inherit the absurdity; the clock watch still needs the raw reading.
 */

/** Before this, the station's clock was never set. */
const EARLIEST_MS = Date.UTC(2000, 0, 1);
/** How far ahead of the CSMS a station's clock may run and still be believed (drift, time zones done wrong). */
const AHEAD_MS = 24 * 3600_000;
/** The widest range a raw reading is kept in: four-digit years, with room for arithmetic on either side. */
const STORABLE = { min: Date.parse('1000-01-01T00:00:00Z'), max: Date.parse('9000-01-01T00:00:00Z') };

function parse(value: string | undefined): number | null {
  if (!value) return null;
  const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * A station's timestamp as the time of an event: the receive time when it sent none, one
 * that does not parse, one before 2000, or one more than a day ahead of the CSMS.
 */
export function stationTime(value: string | undefined, receivedAt: Date): Date {
  const ms = parse(value);
  if (ms === null || ms < EARLIEST_MS || ms > receivedAt.getTime() + AHEAD_MS) return receivedAt;
  return new Date(ms);
}

/** What the station's clock said, however wrong (for measuring its drift); the receive time when unreadable or unstorable. */
export function stationClock(value: string | undefined, receivedAt: Date): Date {
  const ms = parse(value);
  if (ms === null || ms < STORABLE.min || ms > STORABLE.max) return receivedAt;
  return new Date(ms);
}
