/**
 * An example session for a tariff's price preview (the console's tariff editor): it charges
 * for `chargingMin` minutes, drawing `energyWh` evenly, then stays plugged in for `parkingMin`.
 * Pure; the pricing engine prices it as it would a real session.
 */
import type { Timeline } from './engine.ts';
import { Q, ZERO } from './rational.ts';

export interface ExampleSession {
  startAt: Date;
  chargingMin: number;
  parkingMin: number;
  energyWh: number;
  timeZone: string;
}

export function exampleTimeline(e: ExampleSession): Timeline {
  const start = e.startAt.getTime();
  const charged = start + e.chargingMin * 60_000;
  const periods: Timeline['periods'] = [];
  if (e.chargingMin > 0) periods.push({ start, end: charged, charging: true, energyWh: Q.of(e.energyWh) });
  if (e.parkingMin > 0) periods.push({ start: charged, end: charged + e.parkingMin * 60_000, charging: false, energyWh: ZERO, powerW: ZERO });
  return { startedAt: start, timeZone: e.timeZone, periods };
}
