import type { TokenType } from '../../commands/index.ts';
import type { ChargingState } from '../../sessions/index.ts';
import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import { stationClock, stationTime } from '../timestamps.ts';
import { idTokenInfo } from './id-token-info.ts';
import { readings } from './meter-readings.ts';
import type { TransactionEventRequest, TransactionEventResponse } from './types.gen.ts';

/**
 * OCPP 2.0.1 E01-E15: every event is answered (a TransactionEventRequest cannot be rejected),
 * also for a transaction the CSMS does not know; idTokenInfo accompanies every idToken.
 * I03: the final cost, incl. VAT, goes back in totalCost of the answer to Ended (2.0.1 sends it
 * only then; 2.1 also answers Updated with the running cost). totalCost is a JSON number, so the
 * exact decimal becomes one only here.
 */
export const transactionEventHandler =
  (runningCost: boolean) =>
  ({ sessions, costs, maintenance }: OcppDeps): Handler<TransactionEventRequest, TransactionEventResponse> =>
  async (ctx, req) => {
    const tx = req.transactionInfo;
    const at = stationTime(req.timestamp, ctx.receivedAt);
    // Events queued while offline carry their original time: they say nothing about the clock.
    if (!req.offline) maintenance.clockSample(ctx.stationId, stationClock(req.timestamp, ctx.receivedAt), ctx.receivedAt);
    const { decision, session, duplicate } = await sessions.recordEvent(ctx.stationId, {
      eventType: req.eventType,
      transactionId: tx.transactionId,
      at,
      seqNo: req.seqNo,
      offline: req.offline ?? false,
      triggerReason: req.triggerReason,
      chargingState: tx.chargingState as ChargingState | undefined,
      stoppedReason: tx.stoppedReason,
      remoteStartId: tx.remoteStartId,
      evseId: req.evse?.id,
      connectorId: req.evse?.connectorId,
      token: req.idToken ? { uid: req.idToken.idToken, type: req.idToken.type as TokenType } : undefined,
      reservationId: req.reservationId,
      readings: readings(req.meterValue, ctx.receivedAt),
    });
    const res: TransactionEventResponse = decision ? { idTokenInfo: idTokenInfo(decision) } : {};
    let cost: string | null = null;
    if (costs && req.eventType === 'Ended' && session.status === 'completed') cost = await costs.finalCost(session);
    else if (costs && runningCost && req.eventType === 'Updated' && !duplicate && session.status === 'active') cost = await costs.runningCost(session);
    if (cost !== null) res.totalCost = Number(cost);
    return res;
  };

export const transactionEvent = transactionEventHandler(false);
