/** OCPP 1.6: the actions a charge point sends, and their handlers. An action not listed is answered NotImplemented. */
import type { OcppDeps } from '../deps.ts';
import type { RouteTable } from '../route.ts';
import { authorize } from './authorize.ts';
import { bootNotification } from './boot-notification.ts';
import { dataTransfer } from './data-transfer.ts';
import { diagnosticsStatusNotification } from './diagnostics-status-notification.ts';
import { firmwareStatusNotification } from './firmware-status-notification.ts';
import { heartbeat } from './heartbeat.ts';
import { logStatusNotification } from './log-status-notification.ts';
import { meterValues } from './meter-values.ts';
import { securityEventNotification } from './security-event-notification.ts';
import { signedFirmwareStatusNotification } from './signed-firmware-status-notification.ts';
import { startTransaction } from './start-transaction.ts';
import { statusNotification } from './status-notification.ts';
import { stopTransaction } from './stop-transaction.ts';

export const routes = (deps: OcppDeps): RouteTable => ({
  Authorize: authorize(deps),
  BootNotification: bootNotification(deps),
  DataTransfer: dataTransfer(),
  DiagnosticsStatusNotification: diagnosticsStatusNotification(deps),
  FirmwareStatusNotification: firmwareStatusNotification(deps),
  Heartbeat: heartbeat(),
  LogStatusNotification: logStatusNotification(deps),
  MeterValues: meterValues(deps),
  SecurityEventNotification: securityEventNotification(deps),
  SignedFirmwareStatusNotification: signedFirmwareStatusNotification(deps),
  StartTransaction: startTransaction(deps),
  StatusNotification: statusNotification(deps),
  StopTransaction: stopTransaction(deps),
});
