/** OCPP 2.1's unlock-connector has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { unlockConnector } from '../v201/unlock-connector.ts';
