/** OCPP 2.1's reset has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { reset } from '../v201/reset.ts';
