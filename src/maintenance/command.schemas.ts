/** REST bodies of the station commands (TypeBox: validation, types and OpenAPI at once). */
import { Type } from 'typebox';
import { triggerableMessages } from '../commands/index.ts';
import { Nullable, Timestamp } from '../http/schemas.ts';

const literal = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const closed = { additionalProperties: false } as const;
const EvseId = Type.Integer({ minimum: 0, maximum: 1000 });
const ConnectorId = Type.Integer({ minimum: 1, maximum: 100 });
const Name = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const StatusAnswer = Type.Object({
  status: Type.String({ description: "The station's answer, in its OCPP version's words" }),
  info: Type.Optional(Type.String({ description: "2.x statusInfo.reasonCode, when the station gives one" })),
});

export const ResetBody = Type.Object(
  {
    type: literal(['Soft', 'Hard'] as const),
    onIdle: Type.Optional(Type.Boolean({ description: '2.x: reset once no session runs (OnIdle) instead of at once (Immediate)' })),
    evseId: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: '2.x: reset only this EVSE' })),
  },
  closed,
);

export const UnlockBody = Type.Object({ evseId: Type.Integer({ minimum: 1, maximum: 1000 }), connectorId: Type.Optional(ConnectorId) }, closed);

export const AvailabilityBody = Type.Object(
  {
    availability: literal(['Operative', 'Inoperative'] as const),
    evseId: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Absent: the whole station' })),
    connectorId: Type.Optional(ConnectorId),
  },
  closed,
);

export const TriggerBody = Type.Object(
  {
    message: literal(triggerableMessages),
    evseId: Type.Optional(EvseId),
    connectorId: Type.Optional(ConnectorId),
  },
  closed,
);

export const DataTransferBody = Type.Object(
  { vendorId: Name(255), messageId: Type.Optional(Name(50)), data: Type.Optional(Type.Unknown({ description: '1.6 sends text; anything else is sent as its JSON' })) },
  closed,
);
export const DataTransferAnswer = Type.Object({ status: Type.String(), data: Type.Optional(Type.Unknown()) });

export const ReserveBody = Type.Object(
  { tokenUid: Name(36), evseId: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Absent: any EVSE' })), expiresAt: Timestamp },
  closed,
);

export const Reservation = Type.Object({
  id: Type.Integer(),
  stationId: Type.String(),
  evseId: Nullable(Type.Integer()),
  tokenUid: Type.String(),
  tokenType: Type.String(),
  groupId: Nullable(Type.String()),
  expiresAt: Timestamp,
  status: Type.String({ description: 'Requested, the station answer (Accepted, Occupied, ...), then Cancelled, Expired, Removed or Used; Failed when not delivered' }),
  createdBy: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const ReservationAnswer = Type.Object({ status: Type.String(), reservation: Reservation });

const settingFields = {
    component: Type.Optional(Name(50)),
    componentInstance: Type.Optional(Name(50)),
    evseId: Type.Optional(EvseId),
    connectorId: Type.Optional(ConnectorId),
    variable: Name(50),
    variableInstance: Type.Optional(Name(50)),
    attribute: Type.Optional(literal(['Actual', 'Target', 'MinSet', 'MaxSet'] as const)),
};
export const Setting = Type.Object(settingFields, { ...closed, description: 'A 1.6 configuration key is `variable` alone; a 2.x variable names its component' });

export const GetConfigurationBody = Type.Object({ settings: Type.Optional(Type.Array(Setting, { maxItems: 500 })) }, closed);
export const SettingValue = Type.Object({
  component: Type.Optional(Type.String()),
  componentInstance: Type.Optional(Type.String()),
  evseId: Type.Optional(Type.Integer()),
  connectorId: Type.Optional(Type.Integer()),
  variable: Type.String(),
  variableInstance: Type.Optional(Type.String()),
  attribute: Type.Optional(Type.String()),
  status: Type.String({ description: 'Accepted, or why not: UnknownVariable, UnknownComponent, Rejected, ...' }),
  value: Type.Optional(Type.String()),
  readonly: Type.Optional(Type.Boolean()),
  info: Type.Optional(Type.String()),
});
export const SettingValues = Type.Object({ items: Type.Array(SettingValue) });

export const SetConfigurationBody = Type.Object(
  { settings: Type.Array(Type.Object({ ...settingFields, value: Type.String({ maxLength: 1000 }) }, closed), { minItems: 1, maxItems: 100 }) },
  closed,
);

export const BaseReportBody = Type.Object({ reportBase: Type.Optional(literal(['ConfigurationInventory', 'FullInventory', 'SummaryInventory'] as const)) }, closed);
export const RequestAnswer = Type.Object({ status: Type.String(), requestId: Type.Integer() });

export const Monitor = Type.Object(
  {
    id: Type.Optional(Type.Integer({ minimum: 0 })),
    setting: Setting,
    type: literal(['UpperThreshold', 'LowerThreshold', 'Delta', 'Periodic', 'PeriodicClockAligned'] as const),
    value: Type.Number(),
    severity: Type.Integer({ minimum: 0, maximum: 9 }),
    transaction: Type.Optional(Type.Boolean()),
  },
  closed,
);
export const SetMonitoringBody = Type.Object({ monitors: Type.Array(Monitor, { minItems: 1, maxItems: 100 }) }, closed);
export const MonitorResults = Type.Object({
  results: Type.Array(Type.Object({ id: Type.Optional(Type.Integer()), status: Type.String(), setting: Type.Unknown(), type: Type.String(), severity: Type.Integer() })),
});
export const ClearMonitoringBody = Type.Object({ ids: Type.Array(Type.Integer({ minimum: 0 }), { minItems: 1, maxItems: 100 }) }, closed);
export const ClearResults = Type.Object({ results: Type.Array(Type.Object({ id: Type.Integer(), status: Type.String() })) });
export const MonitoringReportBody = Type.Object({ settings: Type.Optional(Type.Array(Setting, { maxItems: 100 })) }, closed);
