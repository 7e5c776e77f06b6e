/** OCPP 2.1's notify-report has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { notifyReport } from '../v201/notify-report.ts';
