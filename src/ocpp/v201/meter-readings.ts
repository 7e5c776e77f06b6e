import type { MeterReading } from '../../sessions/index.ts';
import { stationTime } from '../timestamps.ts';
import type { MeterValueType } from './types.gen.ts';

/** 2.x MeterValue[] in neutral terms: the value is a number, the unit has a power-of-ten multiplier. */
export function readings(values: MeterValueType[] | undefined, receivedAt: Date): MeterReading[] {
  return (values ?? []).map((mv) => ({
    at: stationTime(mv.timestamp, receivedAt),
    values: mv.sampledValue.map((sv) => ({
      value: sv.value,
      measurand: sv.measurand,
      phase: sv.phase,
      location: sv.location,
      context: sv.context,
      unit: sv.unitOfMeasure?.unit,
      multiplier: sv.unitOfMeasure?.multiplier,
    })),
  }));
}
