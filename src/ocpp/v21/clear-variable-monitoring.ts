/** OCPP 2.1's clear-variable-monitoring has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { clearVariableMonitoring } from '../v201/clear-variable-monitoring.ts';
