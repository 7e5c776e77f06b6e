/** OCPP 2.1's MeterValues has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { meterValues } from '../v201/meter-values.ts';
