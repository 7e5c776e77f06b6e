/** OCPP 2.1's TransactionEvent has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { transactionEvent } from '../v201/transaction-event.ts';
