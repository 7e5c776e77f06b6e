/** OCPP 2.1's set-variable-monitoring has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { setVariableMonitoring } from '../v201/set-variable-monitoring.ts';
