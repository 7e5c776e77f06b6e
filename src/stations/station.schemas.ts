/** REST shapes of stations: the validator, the type and the OpenAPI document at once. */
import { Type, type Static } from 'typebox';
import { Nullable, Paging, Timestamp } from '../http/schemas.ts';

export const StationIdParam = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9\\-._~]{1,48}$', description: 'The station id (OCPP identity)' }),
});

const OcppVersion = Type.Union([Type.Literal('1.6'), Type.Literal('2.0.1'), Type.Literal('2.1')]);
const SecurityProfile = Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2), Type.Literal(3)], {
  description: '0 none, 1 Basic auth (ws or wss), 2 Basic auth on wss only, 3 TLS client certificate',
});

export const Connector = Type.Object({
  evseId: Type.Integer(),
  connectorId: Type.Integer(),
  status: Type.Union([
    Type.Literal('Available'),
    Type.Literal('Occupied'),
    Type.Literal('Reserved'),
    Type.Literal('Unavailable'),
    Type.Literal('Faulted'),
  ]),
  rawStatus: Type.String({ description: 'The status as the station sent it (1.6: Preparing, Charging, ...)' }),
  errorCode: Nullable(Type.String()),
  vendorErrorCode: Nullable(Type.String()),
  info: Nullable(Type.String()),
  statusAt: Timestamp,
  session: Type.Optional(
    Nullable(
      Type.Object(
        {
          id: Type.String(),
          transactionId: Type.String(),
          tokenUid: Nullable(Type.String()),
          startedAt: Timestamp,
          energyWh: Type.Integer(),
          powerW: Nullable(Type.Number()),
          socPercent: Nullable(Type.Number()),
        },
        { description: 'The session running on this EVSE, if any' },
      ),
    ),
  ),
});

export const Station = Type.Object(
  {
    id: Type.String(),
    name: Nullable(Type.String()),
    siteId: Nullable(Type.String({ format: 'uuid' })),
    connected: Type.Boolean(),
    ocppVersion: OcppVersion,
    securityProfile: SecurityProfile,
    hasPassword: Type.Boolean(),
    vendor: Nullable(Type.String()),
    model: Nullable(Type.String()),
    serialNumber: Nullable(Type.String()),
    firmwareVersion: Nullable(Type.String()),
    iccid: Nullable(Type.String()),
    imsi: Nullable(Type.String()),
    meterType: Nullable(Type.String()),
    meterSerialNumber: Nullable(Type.String()),
    lastSeenAt: Nullable(Timestamp),
    connectedAt: Nullable(Timestamp),
    disconnectedAt: Nullable(Timestamp),
    lastBootAt: Nullable(Timestamp),
    lastBootReason: Nullable(Type.String()),
    bootCount: Type.Integer(),
    stationStatus: Nullable(Type.String({ description: '1.6 connector 0: the charge point as a whole' })),
    createdAt: Timestamp,
    connectors: Type.Array(Connector),
  },
  { $id: 'Station' },
);

export const NewStation = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z0-9\\-._~]{1,48}$' }),
    name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    siteId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    password: Type.Optional(Nullable(Type.String({ minLength: 16, maxLength: 40, description: 'Basic auth password (16 to 40 characters)' }))),
    securityProfile: Type.Optional(SecurityProfile),
    ocppVersion: Type.Optional(OcppVersion),
  },
  { additionalProperties: false },
);

export const StationPatch = Type.Object(
  {
    name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    siteId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    password: Type.Optional(Nullable(Type.String({ minLength: 16, maxLength: 40 }))),
    securityProfile: Type.Optional(SecurityProfile),
    ocppVersion: Type.Optional(OcppVersion),
  },
  { additionalProperties: false },
);

export const StationQuery = Type.Intersect([
  Paging,
  Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Search id, name, vendor and model' })),
    connected: Type.Optional(Type.Boolean()),
    siteId: Type.Optional(Type.String({ format: 'uuid' })),
  }),
]);

export const ConnectionAttempt = Type.Object({
  stationId: Type.String(),
  reason: Type.String(),
  attempts: Type.Integer(),
  lastAddress: Nullable(Type.String()),
  subprotocols: Nullable(Type.String()),
  firstAt: Timestamp,
  lastAt: Timestamp,
});

export type StationBody = Static<typeof NewStation>;
export type StationView = Static<typeof Station>;
export type ConnectorView = Static<typeof Connector>;
