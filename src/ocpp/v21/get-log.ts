/** OCPP 2.1's get-log has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { getLog } from '../v201/get-log.ts';
