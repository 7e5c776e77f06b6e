/** OCPP 2.1's trigger-message has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { triggerMessage } from '../v201/trigger-message.ts';
