/** OCPP 2.1: the actions a charging station sends, and their handlers. An action not listed is answered NotImplemented. */
import type { OcppDeps } from '../deps.ts';
import type { RouteTable } from '../route.ts';
import { authorize } from './authorize.ts';
import { bootNotification } from './boot-notification.ts';
import { dataTransfer } from './data-transfer.ts';
import { firmwareStatusNotification } from './firmware-status-notification.ts';
import { heartbeat } from './heartbeat.ts';
import { logStatusNotification } from './log-status-notification.ts';
import { meterValues } from './meter-values.ts';
import { notifyEvent } from './notify-event.ts';
import { notifyMonitoringReport } from './notify-monitoring-report.ts';
import { notifyReport } from './notify-report.ts';
import { reservationStatusUpdate } from './reservation-status-update.ts';
import { securityEventNotification } from './security-event-notification.ts';
import { statusNotification } from './status-notification.ts';
import { transactionEvent } from './transaction-event.ts';

export const routes = (deps: OcppDeps): RouteTable => ({
  Authorize: authorize(deps),
  BootNotification: bootNotification(deps),
  DataTransfer: dataTransfer(),
  FirmwareStatusNotification: firmwareStatusNotification(deps),
  Heartbeat: heartbeat(),
  LogStatusNotification: logStatusNotification(deps),
  MeterValues: meterValues(deps),
  NotifyEvent: notifyEvent(deps),
  NotifyMonitoringReport: notifyMonitoringReport(deps),
  NotifyReport: notifyReport(deps),
  ReservationStatusUpdate: reservationStatusUpdate(deps),
  SecurityEventNotification: securityEventNotification(deps),
  StatusNotification: statusNotification(deps),
  TransactionEvent: transactionEvent(deps),
});
