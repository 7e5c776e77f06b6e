/** OCPP 2.1's DataTransfer has the same request and response as 2.0.1's; the 2.1 schemas validate it. */
export { dataTransfer, dataTransferCommand } from '../v201/data-transfer.ts';
