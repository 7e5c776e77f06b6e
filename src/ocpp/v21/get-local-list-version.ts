/** OCPP 2.1's GetLocalListVersion has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { getLocalListVersion } from '../v201/get-local-list-version.ts';
