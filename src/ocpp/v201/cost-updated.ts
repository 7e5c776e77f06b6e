import type { CommandTranslator } from '../command.ts';
import type { CostUpdatedRequest } from './types.gen.ts';

/**
 * OCPP 2.0.1 I02/I03: the running cost of a transaction, incl. VAT. totalCost is a JSON number,
 * so the exact decimal becomes one only here, at the edge.
 */
export const costUpdated: CommandTranslator<'CostUpdated'> = {
  action: 'CostUpdated',
  request: (r): CostUpdatedRequest => ({ totalCost: Number(r.totalCost), transactionId: r.transactionId }),
  reply: () => ({}),
};
