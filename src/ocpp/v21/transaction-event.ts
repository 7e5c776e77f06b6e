import { transactionEventHandler } from '../v201/transaction-event.ts';

/**
 * OCPP 2.1's TransactionEvent has the 2.0.1 fields this uses; the 2.1 schemas validate it both
 * ways. 2.1 (unlike 2.0.1) answers Updated events with the running cost in totalCost too.
 */
export const transactionEvent = transactionEventHandler(true);
