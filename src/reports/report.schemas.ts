/** REST shapes of reports: the query every report takes, and each report's row (OpenAPI, for the console's charts). */
import { Type, type Static, type TSchema } from 'typebox';
import { Nullable, Timestamp } from '../http/schemas.ts';
import { groupings } from './filters.ts';

const Pct = Nullable(Type.Number({ description: 'Percent, three decimals; null when there was no time to divide by' }));
const Minutes = Type.Number({ description: 'Minutes, three decimals' });
const Period = Type.String({ description: 'Start of the period, local date-time with its offset (RFC 3339), e.g. 2026-05-04T00:00:00+02:00' });

const DateOrTime = (what: string) =>
  Type.Union([Type.String({ format: 'date-time' }), Type.String({ format: 'date' })], {
    description: `${what}: an ISO 8601 date-time, or a date (its midnight in the report's zone); taken to the hour`,
  });

export const ReportQuery = Type.Object({
  from: DateOrTime('Start (inclusive)'),
  to: DateOrTime('End (exclusive)'),
  groupBy: Type.Optional(Type.Union(groupings.map((g) => Type.Literal(g)), { description: 'Group into periods; without it the whole range is one period' })),
  tz: Type.Optional(Type.String({ maxLength: 64, description: 'IANA time zone to group in (default TIME_ZONE)' })),
  siteId: Type.Optional(Type.String({ format: 'uuid' })),
  stationId: Type.Optional(Type.String({ maxLength: 48 })),
  evseId: Type.Optional(Type.Integer({ minimum: 0 })),
  connectorId: Type.Optional(Type.Integer({ minimum: 0 })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'csv: a CSV file with a header row' })),
});
export type ReportQueryInput = Static<typeof ReportQuery>;

/** The JSON answer of every report: what was asked (as taken) and the rows. */
export const ReportBody = <T extends TSchema>(row: T, id: string) =>
  Type.Object(
    {
      from: Timestamp,
      to: Timestamp,
      timeZone: Type.String(),
      groupBy: Nullable(Type.String()),
      columns: Type.Array(Type.String(), { description: 'The CSV header, in order' }),
      items: Type.Array(row),
    },
    { $id: id },
  );

const place = {
  period: Period,
  stationId: Type.String(),
  siteId: Nullable(Type.String()),
  ports: Type.Optional(Type.Integer({ description: 'by=station: ports counted' })),
  evseId: Type.Optional(Type.Integer({ description: 'by=connector' })),
  connectorId: Type.Optional(Type.Integer({ description: 'by=connector' })),
};

export const EnergyRow = Type.Object({
  period: Period,
  energyWh: Type.Integer({ description: 'Energy delivered in the period (spread by meter readings), Wh' }),
  sessions: Type.Integer({ description: 'Sessions started in the period' }),
  chargingMinutes: Minutes,
  occupiedMinutes: Minutes,
});

export const UptimeRow = Type.Object({
  ...place,
  inServiceMinutes: Type.Number({ description: 'T: time in the period since the station first connected (525,600 for a whole year)' }),
  outageMinutes: Type.Number({ description: 'T_outage: offline, Faulted or Unavailable' }),
  excludedMinutes: Type.Number({ description: 'T_excluded: outage inside uptime exclusions' }),
  offlineMinutes: Minutes,
  faultedMinutes: Minutes,
  unavailableMinutes: Minutes,
  uptimePercent: Pct,
  meetsNevi: Nullable(Type.Boolean({ description: 'Uptime greater than 97% (23 CFR 680.116(b))' })),
});

export const UtilisationRow = Type.Object({
  ...place,
  inServiceMinutes: Minutes,
  occupiedMinutes: Minutes,
  chargingMinutes: Minutes,
  occupiedPercent: Pct,
  chargingPercent: Pct,
  sessions: Type.Integer(),
  energyWh: Type.Integer(),
});

export const PeakHourRow = Type.Object({
  dayOfWeek: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO: 1 = Monday' }),
  hour: Type.Integer({ minimum: 0, maximum: 23, description: 'Local hour of day' }),
  hours: Type.Integer({ description: 'How many such hours the range holds' }),
  sessions: Type.Integer(),
  energyWh: Type.Integer(),
  avgPowerW: Type.Integer({ description: 'Average power delivered in that hour of the week' }),
  peakPowerW: Type.Integer({ description: 'The highest average power of any one such hour' }),
});

export const FaultRow = Type.Object({
  period: Period,
  errorCode: Type.Optional(Nullable(Type.String())),
  vendor: Type.Optional(Nullable(Type.String())),
  model: Type.Optional(Nullable(Type.String())),
  stationId: Type.Optional(Type.String()),
  faults: Type.Integer({ description: 'Times a port became Faulted' }),
  downtimeMinutes: Minutes,
  stations: Type.Integer(),
  ports: Type.Integer(),
});

const Money = Type.String({ description: 'Decimal in the currency, e.g. "7.44"' });
export const RevenueRow = Type.Object({
  period: Period,
  currency: Type.String(),
  tariffId: Type.Optional(Nullable(Type.String())),
  tariffName: Type.Optional(Nullable(Type.String())),
  paymentMethod: Type.Optional(Nullable(Type.String({ description: 'card, wallet, postpaid, subscription or none' }))),
  sessions: Type.Integer(),
  energyWh: Type.Integer(),
  totalExclVat: Money,
  totalVat: Money,
  totalInclVat: Money,
});

const Sec = Nullable(Type.Integer());
export const SessionStatsRow = Type.Object({
  period: Period,
  sessions: Type.Integer(),
  energyWh: Type.Integer(),
  energyAvgWh: Sec,
  energyMedianWh: Sec,
  energyP90Wh: Sec,
  durationAvgSec: Sec,
  durationMedianSec: Sec,
  durationP90Sec: Sec,
  chargingAvgSec: Sec,
  idleAvgSec: Sec,
  idleMedianSec: Sec,
  idleSharePercent: Pct,
  maxPowerW: Sec,
});

export const DistributionRow = Type.Object({
  bin: Type.String(),
  from: Type.Number(),
  to: Nullable(Type.Number()),
  unit: Type.String(),
  sessions: Type.Integer(),
  sharePercent: Type.Number(),
});

export const TopRow = Type.Object({
  rank: Type.Integer(),
  driverId: Nullable(Type.String()),
  email: Type.Optional(Nullable(Type.String())),
  name: Type.Optional(Nullable(Type.String())),
  tokenUid: Type.Optional(Type.String()),
  tokens: Type.Optional(Type.Integer()),
  sessions: Type.Integer(),
  energyWh: Type.Integer(),
});

export const SessionRow = Type.Object({
  sessionId: Type.String(),
  stationId: Type.String(),
  siteId: Nullable(Type.String()),
  evseId: Type.Integer(),
  connectorId: Type.Integer(),
  status: Type.String(),
  startedAt: Timestamp,
  endedAt: Nullable(Timestamp),
  durationSec: Type.Integer(),
  chargingSec: Type.Integer(),
  idleSec: Type.Integer(),
  energyWh: Type.Integer(),
  maxPowerW: Nullable(Type.Integer()),
  tokenUid: Nullable(Type.String()),
  driverId: Nullable(Type.String()),
  tariffId: Nullable(Type.String()),
  paymentMethod: Nullable(Type.String()),
  currency: Nullable(Type.String()),
  totalExclVat: Nullable(Money),
  totalVat: Nullable(Money),
  totalInclVat: Nullable(Money),
});

export const exclusionReasons = ['scheduled_maintenance', 'utility_interruption', 'network_interruption', 'vehicle_fault', 'vandalism', 'natural_disaster', 'outside_hours', 'other'] as const;

export const Exclusion = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    stationId: Type.String(),
    evseId: Nullable(Type.Integer({ description: 'null: the whole station' })),
    startsAt: Timestamp,
    endsAt: Timestamp,
    reason: Type.Union(exclusionReasons.map((r) => Type.Literal(r))),
    note: Nullable(Type.String()),
    createdBy: Nullable(Type.String()),
    createdAt: Timestamp,
  },
  { $id: 'UptimeExclusion' },
);
export type ExclusionView = Static<typeof Exclusion>;

export const NewExclusion = Type.Object(
  {
    stationId: Type.String({ minLength: 1, maxLength: 48 }),
    evseId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    startsAt: Timestamp,
    endsAt: Timestamp,
    reason: Type.Union(exclusionReasons.map((r) => Type.Literal(r)), { description: 'NEVI 23 CFR 680.116(b): outages outside the operator\'s control, scheduled maintenance, hours outside operation' }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export type NewExclusionBody = Static<typeof NewExclusion>;
