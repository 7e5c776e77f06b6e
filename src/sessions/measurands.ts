/**
 * Meter readings in the CSMS's own terms, and their normalisation to base units
 * (Wh, varh, W, var, VA, A, V, %, ...). The OCPP edge builds these from 1.6's SampledValue
 * (value as text, unit) and 2.x's (value as number, unitOfMeasure with a power-of-ten multiplier).
 */
import { type Decimal, parseDecimal, shift, toText } from './decimal.ts';

export const ENERGY_REGISTER = 'Energy.Active.Import.Register';
export const POWER = 'Power.Active.Import';
export const SOC = 'SoC';

export interface SampledValue {
  /** Decimal text or number as the station sent it. */
  value: string | number;
  measurand?: string | undefined;
  phase?: string | undefined;
  location?: string | undefined;
  context?: string | undefined;
  unit?: string | undefined;
  /** 2.x unitOfMeasure.multiplier: the value is value × 10^multiplier of the unit. */
  multiplier?: number | undefined;
}

export interface MeterReading {
  at: Date;
  values: SampledValue[];
}

export interface NormalizedSample {
  at: Date;
  measurand: string;
  phase: string;
  location: string;
  context: string | null;
  /** Exact decimal text in the base unit. */
  value: string;
  unit: string;
  decimal: Decimal;
}

/** Unit prefixes to the base unit: kWh -> Wh × 10^3. Units are case-insensitive on the wire. */
const KILO: Record<string, string> = { kwh: 'Wh', kvarh: 'varh', kw: 'W', kvar: 'var', kva: 'VA' };
const BASE: Record<string, string> = { wh: 'Wh', varh: 'varh', w: 'W', var: 'var', va: 'VA', a: 'A', v: 'V', k: 'K', percent: 'Percent', hz: 'Hz', celsius: 'Celsius', celcius: 'Celsius', fahrenheit: 'Fahrenheit' };

/** OCPP 1.6: with no unit, energy is in Wh; other measurands get their natural base unit. */
function defaultUnit(measurand: string): string {
  if (measurand.startsWith('Energy.Reactive')) return 'varh';
  if (measurand.startsWith('Energy')) return 'Wh';
  if (measurand.startsWith('Power.Reactive')) return 'var';
  if (measurand.startsWith('Power.Factor')) return '';
  if (measurand.startsWith('Power')) return 'W';
  if (measurand.startsWith('Current')) return 'A';
  if (measurand === 'Voltage') return 'V';
  if (measurand === 'SoC') return 'Percent';
  if (measurand === 'Frequency') return 'Hz';
  if (measurand === 'Temperature') return 'Celsius';
  return '';
}

/** Normalises one sampled value; null when the value is not a number. */
export function normalize(at: Date, v: SampledValue): NormalizedSample | null {
  const measurand = v.measurand ?? ENERGY_REGISTER;
  const parsed = parseDecimal(v.value);
  if (!parsed) return null;
  const rawUnit = v.unit ?? defaultUnit(measurand);
  const lower = rawUnit.toLowerCase();
  let decimal = shift(parsed, v.multiplier ?? 0);
  let unit = BASE[lower] ?? rawUnit;
  const kiloBase = KILO[lower];
  if (kiloBase) {
    decimal = shift(decimal, 3);
    unit = kiloBase;
  }
  return {
    at,
    measurand,
    phase: v.phase ?? '',
    location: v.location ?? '',
    context: v.context ?? null,
    value: toText(decimal),
    unit,
    decimal,
  };
}
