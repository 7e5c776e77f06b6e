/** OCPP 2.1's ClearCache has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { clearCache } from '../v201/clear-cache.ts';
