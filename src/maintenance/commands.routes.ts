/**
 * REST: commands to a station, version-neutral. Each answers with the station's reply, 409
 * when the station is offline or its OCPP version lacks the command, 504 when it is silent,
 * 502 when it answers with a CALLERROR. Every command is written to the audit log.
 */
import { type CommandPort, replyOrThrow } from '../commands/index.ts';
import { AppError } from '../errors.ts';
import type { DeviceModelService } from '../device-model/index.ts';
import { principalOf } from '../http/auth-hooks.ts';
import { errorResponses } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { unwrap } from '../result.ts';
import { StationIdParam } from '../stations/station.schemas.ts';
import { Type } from 'typebox';
import {
  AvailabilityBody,
  BaseReportBody,
  ClearMonitoringBody,
  ClearResults,
  DataTransferAnswer,
  DataTransferBody,
  GetConfigurationBody,
  MonitoringReportBody,
  MonitorResults,
  RequestAnswer,
  ReservationAnswer,
  ReserveBody,
  ResetBody,
  SetConfigurationBody,
  SetMonitoringBody,
  SettingValues,
  StatusAnswer,
  TriggerBody,
  UnlockBody,
} from './command.schemas.ts';
import type { Reservations } from './reservations.service.ts';

export interface CommandRouteDeps {
  commands: CommandPort;
  reservations: Reservations;
  deviceModel: DeviceModelService;
  stationExists(id: string): Promise<boolean>;
}

export function commandRoutes(app: App, deps: CommandRouteDeps): void {
  const tags = ['commands'];
  const { commands } = deps;
  const ok = { 200: StatusAnswer, ...errorResponses, 502: errorResponses[400], 504: errorResponses[400] };
  const by = (req: Parameters<typeof principalOf>[0]) => `${principalOf(req).type}:${principalOf(req).id}`;
  const known = async (id: string) => {
    if (!(await deps.stationExists(id))) throw new AppError('STATION_NOT_FOUND');
  };

  app.post('/api/v1/stations/:id/commands/reset', {
    config: { auth: 'stations:command' },
    schema: {
      tags,
      summary: 'Reset the station (1.6 Reset Soft/Hard; 2.x Reset Immediate, or OnIdle)',
      description: 'Soft and Hard are 1.6 reset kinds; 2.x has none and resets at once unless `onIdle`. `onIdle` and `evseId` are 2.x only (409 on 1.6).',
      params: StationIdParam,
      body: ResetBody,
      response: ok,
    },
    handler: async (req) => {
      await known(req.params.id);
      return replyOrThrow(await commands.send(req.params.id, 'Reset', req.body));
    },
  });

  app.post('/api/v1/stations/:id/commands/unlock-connector', {
    config: { auth: 'stations:command' },
    schema: { tags, summary: 'Unlock a connector (UnlockConnector)', params: StationIdParam, body: UnlockBody, response: ok },
    handler: async (req) => {
      await known(req.params.id);
      return replyOrThrow(await commands.send(req.params.id, 'UnlockConnector', req.body));
    },
  });

  app.post('/api/v1/stations/:id/commands/change-availability', {
    config: { auth: 'stations:command' },
    schema: {
      tags,
      summary: 'Make the station, an EVSE or a connector operative or inoperative (ChangeAvailability)',
      params: StationIdParam,
      body: AvailabilityBody,
      response: ok,
    },
    handler: async (req) => {
      await known(req.params.id);
      const { availability, evseId, connectorId } = req.body;
      return replyOrThrow(await commands.send(req.params.id, 'ChangeAvailability', { operative: availability === 'Operative', evseId, connectorId }));
    },
  });

  app.post('/api/v1/stations/:id/commands/trigger-message', {
    config: { auth: 'stations:command' },
    schema: {
      tags,
      summary: 'Ask the station to send a message now (TriggerMessage)',
      description: 'LogStatusNotification is 1.6 DiagnosticsStatusNotification; TransactionEvent is 2.x only.',
      params: StationIdParam,
      body: TriggerBody,
      response: ok,
    },
    handler: async (req) => {
      await known(req.params.id);
      return replyOrThrow(await commands.send(req.params.id, 'TriggerMessage', req.body));
    },
  });

  app.post('/api/v1/stations/:id/commands/data-transfer', {
    config: { auth: 'stations:command' },
    schema: { tags, summary: 'Send vendor data (DataTransfer)', params: StationIdParam, body: DataTransferBody, response: { ...ok, 200: DataTransferAnswer } },
    handler: async (req) => {
      await known(req.params.id);
      return replyOrThrow(await commands.send(req.params.id, 'DataTransfer', req.body));
    },
  });

  app.post('/api/v1/stations/:id/commands/reserve-now', {
    config: { auth: 'stations:command' },
    schema: { tags, summary: 'Reserve an EVSE (or any) for a token (ReserveNow)', params: StationIdParam, body: ReserveBody, response: { ...ok, 200: ReservationAnswer } },
    handler: async (req) => {
      await known(req.params.id);
      const { reservation, outcome } = unwrap(await deps.reservations.reserve(req.params.id, req.body, by(req)));
      return { status: replyOrThrow(outcome).status, reservation };
    },
  });

  app.post('/api/v1/reservations/:reservationId/cancel', {
    config: { auth: 'stations:command' },
    schema: {
      tags,
      summary: 'Cancel a reservation (CancelReservation)',
      params: Type.Object({ reservationId: Type.Integer({ minimum: 1 }) }),
      response: { ...ok, 200: ReservationAnswer },
    },
    handler: async (req) => {
      const { reservation, outcome } = unwrap(await deps.reservations.cancel(req.params.reservationId));
      return { status: replyOrThrow(outcome).status, reservation };
    },
  });

  app.post('/api/v1/stations/:id/commands/get-configuration', {
    config: { auth: 'stations:command' },
    schema: {
      tags,
      summary: 'Read settings (1.6 GetConfiguration; 2.x GetVariables)',
      description: 'Without settings a 1.6 station answers every key; 2.x reads everything with get-base-report. Answers are kept in the device model.',
      params: StationIdParam,
      body: GetConfigurationBody,
      response: { ...ok, 200: SettingValues },
    },
    handler: async (req) => {
      await known(req.params.id);
      return replyOrThrow(await deps.deviceModel.get(req.params.id, req.body.settings));
    },
  });

  app.post('/api/v1/stations/:id/commands/set-configuration', {
    config: { auth: 'stations:command' },
    schema: {
      tags,
      summary: 'Change settings (1.6 ChangeConfiguration; 2.x SetVariables), one by one',
      description: 'Each setting gets its own answer (Accepted, Rejected, RebootRequired, NotSupported, UnknownVariable, ...). Accepted values are kept in the device model.',
      params: StationIdParam,
      body: SetConfigurationBody,
      response: { ...ok, 200: SettingValues },
    },
    handler: async (req) => {
      await known(req.params.id);
      const run = await deps.deviceModel.set(
        req.params.id,
        req.body.settings.map(({ value, ...setting }) => ({ setting, value })),
      );
      if (!run.ok && run.results.length === 0) replyOrThrow(run.outcome);
      return { items: run.results };
    },
  });

  app.post('/api/v1/stations/:id/commands/get-base-report', {
    config: { auth: 'stations:command' },
    schema: {
      tags,
      summary: 'Ask a 2.x station for its device model (GetBaseReport)',
      description: 'The report arrives by NotifyReport and builds the inventory at GET /api/v1/stations/{id}/device-model. Default FullInventory.',
      params: StationIdParam,
      body: BaseReportBody,
      response: { ...ok, 200: RequestAnswer },
    },
    handler: async (req) => {
      await known(req.params.id);
      const { outcome, requestId } = await deps.deviceModel.requestBaseReport(req.params.id, req.body.reportBase ?? 'FullInventory', by(req));
      return { status: replyOrThrow(outcome).status, requestId };
    },
  });

  app.post('/api/v1/stations/:id/commands/set-variable-monitoring', {
    config: { auth: 'stations:command' },
    schema: { tags, summary: 'Set monitors on 2.x variables (SetVariableMonitoring); they report by NotifyEvent', params: StationIdParam, body: SetMonitoringBody, response: { ...ok, 200: MonitorResults } },
    handler: async (req) => {
      await known(req.params.id);
      return replyOrThrow(await deps.deviceModel.setMonitoring(req.params.id, req.body.monitors));
    },
  });

  app.post('/api/v1/stations/:id/commands/clear-variable-monitoring', {
    config: { auth: 'stations:command' },
    schema: { tags, summary: 'Remove monitors (ClearVariableMonitoring)', params: StationIdParam, body: ClearMonitoringBody, response: { ...ok, 200: ClearResults } },
    handler: async (req) => {
      await known(req.params.id);
      return replyOrThrow(await deps.deviceModel.clearMonitoring(req.params.id, req.body.ids));
    },
  });

  app.post('/api/v1/stations/:id/commands/get-monitoring-report', {
    config: { auth: 'stations:command' },
    schema: { tags, summary: "Ask a 2.x station for its monitors (GetMonitoringReport)", params: StationIdParam, body: MonitoringReportBody, response: { ...ok, 200: RequestAnswer } },
    handler: async (req) => {
      await known(req.params.id);
      const { outcome, requestId } = await deps.deviceModel.requestMonitoringReport(req.params.id, req.body.settings, by(req));
      return { status: replyOrThrow(outcome).status, requestId };
    },
  });
}
