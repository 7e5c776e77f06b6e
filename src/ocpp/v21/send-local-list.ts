/** OCPP 2.1's SendLocalList has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { sendLocalList } from '../v201/send-local-list.ts';
