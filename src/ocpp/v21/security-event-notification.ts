/** OCPP 2.1's security-event-notification has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { securityEventNotification } from '../v201/security-event-notification.ts';
