/** OCPP 2.1: the actions a charging station sends, and their handlers. An action not listed is answered NotImplemented. */
import type { OcppDeps } from '../deps.ts';
import type { RouteTable } from '../route.ts';
import { authorize } from './authorize.ts';
import { bootNotification } from './boot-notification.ts';
import { dataTransfer } from './data-transfer.ts';
import { heartbeat } from './heartbeat.ts';
import { meterValues } from './meter-values.ts';
import { statusNotification } from './status-notification.ts';
import { transactionEvent } from './transaction-event.ts';

export const routes = (deps: OcppDeps): RouteTable => ({
  Authorize: authorize(deps),
  BootNotification: bootNotification(deps),
  DataTransfer: dataTransfer(),
  Heartbeat: heartbeat(),
  MeterValues: meterValues(deps),
  StatusNotification: statusNotification(deps),
  TransactionEvent: transactionEvent(deps),
});
