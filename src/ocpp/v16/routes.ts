/** OCPP 1.6: the actions a charge point sends, and their handlers. An action not listed is answered NotImplemented. */
import type { OcppDeps } from '../deps.ts';
import type { RouteTable } from '../route.ts';
import { bootNotification } from './boot-notification.ts';
import { dataTransfer } from './data-transfer.ts';
import { heartbeat } from './heartbeat.ts';
import { statusNotification } from './status-notification.ts';

export const routes = (deps: OcppDeps): RouteTable => ({
  BootNotification: bootNotification(deps),
  Heartbeat: heartbeat(),
  StatusNotification: statusNotification(deps),
  DataTransfer: dataTransfer(),
});
