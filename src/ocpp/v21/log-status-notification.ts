/** OCPP 2.1's log-status-notification has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { logStatusNotification } from '../v201/log-status-notification.ts';
