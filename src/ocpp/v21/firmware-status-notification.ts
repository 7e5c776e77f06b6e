/** OCPP 2.1's firmware-status-notification has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { firmwareStatusNotification } from '../v201/firmware-status-notification.ts';
