/** OCPP 2.1's reservation-status-update has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { reservationStatusUpdate } from '../v201/reservation-status-update.ts';
