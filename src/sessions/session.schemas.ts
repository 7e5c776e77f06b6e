/** REST shapes of sessions. */
import { Type, type Static } from 'typebox';
import { Nullable, Paging, Timestamp } from '../http/schemas.ts';

/** What a session costs (filled by billing): decimal strings in the tariff's currency. */
export const SessionCost = Type.Object(
  {
    currency: Type.String(),
    totalExclVat: Type.String({ description: 'e.g. "7.44"; whole units for currencies without decimals (ISK, JPY)' }),
    totalVat: Type.String(),
    totalInclVat: Type.String(),
    final: Type.Boolean({ description: 'false while the session runs (the running cost)' }),
    tariffId: Type.String(),
    breakdown: Type.Array(
      Type.Object({
        type: Type.String({ description: 'ENERGY, TIME, PARKING_TIME, FLAT, MIN_PRICE or MAX_PRICE' }),
        volume: Type.String({ description: 'Billed volume in `unit`' }),
        unit: Type.String({ description: 'kWh, h or session' }),
        unitPrice: Nullable(Type.String({ description: 'Price per unit, excl. VAT' })),
        vatPercent: Nullable(Type.String()),
        exclVat: Type.String(),
      }),
    ),
    vat: Type.Array(Type.Object({ percent: Nullable(Type.String()), base: Type.String(), amount: Type.String() })),
  },
  { $id: 'SessionCost' },
);
export type SessionCostView = Static<typeof SessionCost>;

export const Session = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    stationId: Type.String(),
    evseId: Type.Integer(),
    connectorId: Type.Integer(),
    transactionId: Type.String({ description: 'The OCPP transaction id, as a string' }),
    tokenUid: Nullable(Type.String()),
    tokenType: Nullable(Type.String()),
    driverId: Nullable(Type.String({ format: 'uuid' })),
    authStatus: Nullable(Type.String({ description: 'The authorization given to the token at the start' })),
    status: Type.Union([Type.Literal('active'), Type.Literal('completed')]),
    startedAt: Timestamp,
    endedAt: Nullable(Timestamp),
    durationSec: Type.Integer(),
    energyWh: Type.Integer({ description: 'Energy delivered, in whole Wh' }),
    powerW: Nullable(Type.Number({ description: 'Power now (last sample), W' })),
    socPercent: Nullable(Type.Number()),
    chargingState: Nullable(Type.String({ description: 'Charging, EVConnected, SuspendedEV, SuspendedEVSE, Idle' })),
    stopReason: Nullable(Type.String()),
    endedBy: Nullable(Type.Union([Type.Literal('station'), Type.Literal('csms')])),
    meterStartWh: Nullable(Type.Integer()),
    meterStopWh: Nullable(Type.Integer()),
    lastSampleAt: Nullable(Timestamp),
    remoteStartId: Nullable(Type.Integer()),
    offline: Type.Boolean({ description: 'Some of its messages were sent after an outage' }),
    reconstructed: Type.Boolean({ description: 'Straumur did not see this session start and rebuilt it from later messages' }),
    cost: Type.Optional(Nullable(SessionCost)),
  },
  { $id: 'Session' },
);
export type SessionView = Static<typeof Session>;

export const SessionQuery = Type.Intersect([
  Paging,
  Type.Object({
    stationId: Type.Optional(Type.String({ maxLength: 48 })),
    driverId: Type.Optional(Type.String({ format: 'uuid' })),
    tokenUid: Type.Optional(Type.String({ maxLength: 36 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('completed')])),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
  }),
]);

export const MeterSample = Type.Object({
  at: Timestamp,
  measurand: Type.String(),
  phase: Type.String(),
  location: Type.String(),
  context: Nullable(Type.String()),
  value: Type.String({ description: 'Exact decimal in the base unit' }),
  unit: Type.String(),
});

export const RemoteStartBody = Type.Object(
  { tokenUid: Type.String({ minLength: 1, maxLength: 36 }), evseId: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const CommandStatus = Type.Object({ status: Type.String() });
