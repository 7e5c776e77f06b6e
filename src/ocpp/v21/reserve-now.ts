/** OCPP 2.1's reserve-now has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { reserveNow } from '../v201/reserve-now.ts';
