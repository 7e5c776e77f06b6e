/** OCPP 2.1's Authorize has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { authorize } from '../v201/authorize.ts';
