/** OCPP 2.1's change-availability has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { changeAvailability } from '../v201/change-availability.ts';
