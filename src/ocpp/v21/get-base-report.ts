/** OCPP 2.1's get-base-report has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { getBaseReport } from '../v201/get-base-report.ts';
