/** OCPP 2.1's get-variables has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { getVariables } from '../v201/get-variables.ts';
