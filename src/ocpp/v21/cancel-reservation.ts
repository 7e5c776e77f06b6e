/** OCPP 2.1's cancel-reservation has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { cancelReservation } from '../v201/cancel-reservation.ts';
