import type { MeterReading } from '../../sessions/index.ts';
import { stationTime } from '../timestamps.ts';
import type { MeterValuesRequest } from './types.gen.ts';

type MeterValue16 = MeterValuesRequest['meterValue'][number];

/** 1.6 MeterValue[] in neutral terms. Signed values (format SignedData) carry no number and are left out. */
export function readings(values: MeterValue16[] | undefined, receivedAt: Date): MeterReading[] {
  return (values ?? []).map((mv) => ({
    at: stationTime(mv.timestamp, receivedAt),
    values: mv.sampledValue
      .filter((sv) => sv.format !== 'SignedData')
      .map((sv) => ({ value: sv.value, measurand: sv.measurand, phase: sv.phase, location: sv.location, context: sv.context, unit: sv.unit })),
  }));
}
