/** OCPP 2.1's notify-event has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { notifyEvent } from '../v201/notify-event.ts';
