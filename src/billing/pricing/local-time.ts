/**
 * Wall-clock time at a site, from its IANA time zone, through Intl (no floats, no hand-kept
 * zone tables). OCPI 2.2.1 TariffRestrictions are in the Location's local time: a tariff that
 * says 17:00 switches at 17:00 in Reykjavik or Berlin, also across daylight-saving changes.
 */

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  /** MONDAY ... SUNDAY (OCPI DayOfWeek) */
  weekday: string;
  /** Milliseconds since local midnight. */
  msOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'long',
    });
    formatters.set(tz, f);
  }
  return f;
}

function fields(ms: number, tz: string) {
  const out: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

export function localParts(ms: number, tz: string): LocalParts {
  const f = fields(ms, tz);
  const sub = ((ms % 1000) + 1000) % 1000;
  return {
    date: `${f.year}-${f.month}-${f.day}`,
    weekday: f.weekday!.toUpperCase(),
    msOfDay: ((Number(f.hour) * 60 + Number(f.minute)) * 60 + Number(f.second)) * 1000 + sub,
  };
}

/** The zone's offset from UTC at an instant, in ms (whole seconds). */
function offsetAt(ms: number, tz: string): number {
  const f = fields(ms, tz);
  const wall = Date.UTC(Number(f.year), Number(f.month) - 1, Number(f.day), Number(f.hour), Number(f.minute), Number(f.second));
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a local date and time of day happen in a zone. A repeated wall time (clocks
 * set back) is its first occurrence; a skipped one (clocks set forward) is the instant the
 * clocks jumped, so a restriction that starts at 02:30 on that night starts at 03:00.
 */
export function instantOf(date: string, msOfDay: number, tz: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + msOfDay;
  const day = 86_400_000;
  const offsets = [...new Set([offsetAt(wall - day, tz), offsetAt(wall + day, tz), offsetAt(wall, tz)])];
  const valid = offsets.map((o) => wall - o).filter((t) => offsetAt(t, tz) === wall - t);
  if (valid.length > 0) return Math.min(...valid);
  // In a gap: find the jump between the two candidate instants.
  let lo = Math.min(...offsets.map((o) => wall - o));
  let hi = Math.max(...offsets.map((o) => wall - o));
  const before = offsetAt(lo, tz);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(mid, tz) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The calendar date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}
