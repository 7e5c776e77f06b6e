/**
 * A priced session in the API's terms: decimal strings (never floats) in the tariff's
 * currency, volumes in kWh and hours, and the CDR in the shape of OCPI 2.2.1's CDR object.
 */
import type { SessionCostView } from '../../sessions/index.ts';
import { formatMinor } from '../money.ts';
import type { Cost, CostLine } from '../pricing/engine.ts';
import { Q } from '../pricing/rational.ts';

const KWH = Q.of(1000);
const HOUR = Q.of(3_600_000);

/** kWh to three decimals (whole Wh), hours to four (OCPI's precision). */
export const kwh = (wh: Q) => wh.div(KWH).toFixed(4);
export const hours = (ms: Q) => ms.div(HOUR).toFixed(4);

function volume(l: CostLine): { volume: string; unit: string } {
  if (l.type === 'ENERGY') return { volume: kwh(l.volume), unit: 'kWh' };
  if (l.type === 'TIME' || l.type === 'PARKING_TIME') return { volume: hours(l.volume), unit: 'h' };
  return { volume: l.volume.toFixed(0), unit: 'session' };
}

export function costView(c: Cost, final: boolean): SessionCostView {
  const m = (v: bigint) => formatMinor(v, c.currency);
  return {
    currency: c.currency,
    totalExclVat: m(c.totalExclVat),
    totalVat: m(c.totalVat),
    totalInclVat: m(c.totalInclVat),
    final,
    tariffId: c.tariffId,
    breakdown: c.lines.map((l) => ({
      type: l.type,
      ...volume(l),
      unitPrice: l.unitPrice ? l.unitPrice.toFixed(6) : null,
      vatPercent: l.vat ? l.vat.toFixed(4) : null,
      exclVat: m(l.exclVat),
    })),
    vat: c.vat.map((v) => ({ percent: v.rate ? v.rate.toFixed(4) : null, base: m(v.base), amount: m(v.amount) })),
  };
}

/** OCPI-style totals per dimension (excl. VAT exact per line; incl. VAT per line is informative). */
export function dimensionTotals(c: Cost) {
  const excl = (types: string[]) => c.lines.filter((l) => types.includes(l.type)).reduce((a, l) => a + l.exclVat, 0n);
  const m = (v: bigint) => formatMinor(v, c.currency);
  return {
    total_cost: { excl_vat: m(c.totalExclVat), incl_vat: m(c.totalInclVat) },
    total_fixed_cost: { excl_vat: m(excl(['FLAT', 'MIN_PRICE', 'MAX_PRICE'])) },
    total_energy: kwh(c.energyWh),
    total_energy_cost: { excl_vat: m(excl(['ENERGY'])) },
    total_time: hours(c.chargingMs.add(c.parkingMs)),
    total_charging_time: hours(c.chargingMs),
    total_time_cost: { excl_vat: m(excl(['TIME'])) },
    total_parking_time: hours(c.parkingMs),
    total_parking_cost: { excl_vat: m(excl(['PARKING_TIME'])) },
    included_energy: kwh(c.includedWh),
  };
}

export function chargingPeriodsView(c: Cost) {
  return c.periods.map((p) => ({
    start_date_time: new Date(Number(p.start.floor())).toISOString(),
    end_date_time: new Date(Number(p.end.floor())).toISOString(),
    charging: p.charging,
    tariff_id: c.tariffId,
    elements: p.elements,
    dimensions: [
      { type: 'ENERGY', volume: kwh(p.energyWh) },
      { type: p.charging ? 'TIME' : 'PARKING_TIME', volume: hours(p.end.sub(p.start)) },
    ],
  }));
}
