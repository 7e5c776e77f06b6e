/** OCPP 2.1's get-monitoring-report has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { getMonitoringReport } from '../v201/get-monitoring-report.ts';
