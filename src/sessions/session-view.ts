import type { SessionRow } from './session.repo.ts';
import type { SessionView } from './session.schemas.ts';

export function sessionView(r: SessionRow, now: Date): SessionView {
  const end = r.endedAt ?? now;
  return {
    id: r.id,
    stationId: r.stationId,
    evseId: r.evseId,
    connectorId: r.connectorId,
    transactionId: r.transactionId,
    tokenUid: r.tokenUid,
    tokenType: r.tokenType,
    driverId: r.driverId,
    authStatus: r.authStatus,
    status: r.status as SessionView['status'],
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    durationSec: Math.max(0, Math.floor((end.getTime() - r.startedAt.getTime()) / 1000)),
    energyWh: r.energyWh,
    powerW: r.powerW === null ? null : Number(r.powerW),
    socPercent: r.socPercent === null ? null : Number(r.socPercent),
    chargingState: r.chargingState,
    stopReason: r.stopReason,
    endedBy: r.endedBy as SessionView['endedBy'],
    meterStartWh: r.meterStartWh,
    meterStopWh: r.meterStopWh,
    lastSampleAt: r.lastSampleAt?.toISOString() ?? null,
    remoteStartId: r.remoteStartId,
    offline: r.offlineEvents,
    reconstructed: r.reconstructed,
  };
}
