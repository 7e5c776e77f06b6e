/** OCPP 2.1's CostUpdated has the 2.0.1 fields; the 2.1 schemas validate it both ways. */
export { costUpdated } from '../v201/cost-updated.ts';
