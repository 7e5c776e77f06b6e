/** OCPP 2.1's RequestStartTransaction has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { requestStartTransaction } from '../v201/request-start-transaction.ts';
