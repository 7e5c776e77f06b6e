/**
 * Wall-clock times in the operator's zone for `datetime-local` inputs, which have no zone of
 * their own: `YYYY-MM-DDTHH:mm` there, and back to an instant.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function partsIn(ts: number, timeZone: string): Record<string, number> {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(timeZone, f);
  }
  return Object.fromEntries(f.formatToParts(new Date(ts)).filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
}

function offsetAt(ts: number, timeZone: string): number {
  const p = partsIn(ts, timeZone);
  return Date.UTC(p.year as number, (p.month as number) - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ts / 1000) * 1000;
}

/** `YYYY-MM-DDTHH:mm` of an instant in `timeZone`. */
export function toZonedInput(at: Date, timeZone: string): string {
  const p = partsIn(at.getTime(), timeZone);
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** The instant a `YYYY-MM-DDTHH:mm` wall-clock time in `timeZone` stands for. */
export function fromZonedInput(local: string, timeZone: string): Date {
  const wall = Date.parse(`${local.length === 16 ? `${local}:00` : local}Z`);
  let ts = wall - offsetAt(wall, timeZone);
  ts = wall - offsetAt(ts, timeZone);
  return new Date(ts);
}
