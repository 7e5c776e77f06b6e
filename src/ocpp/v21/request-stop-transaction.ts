/** OCPP 2.1's RequestStopTransaction has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { requestStopTransaction } from '../v201/request-stop-transaction.ts';
