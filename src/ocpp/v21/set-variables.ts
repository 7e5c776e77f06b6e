/** OCPP 2.1's set-variables has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { setVariables } from '../v201/set-variables.ts';
