/** A simulated station speaking OCPP 1.6-J: connector N is EVSE N; the CSMS names transactions. */
import type { Payload } from '../ocpp/rpc.ts';
import type { SimDialect } from './dialect.ts';
import { configurationKeys, firmwareUpdate, type TriggerTarget, trigger } from './commands.ts';
import type { Evse, EvseStatus, SimSession, SimStation } from './station.ts';

const STATUS: Record<EvseStatus, string> = {
  Available: 'Available',
  Preparing: 'Preparing',
  Charging: 'Charging',
  Finishing: 'Finishing',
  Unavailable: 'Unavailable',
  Faulted: 'Faulted',
};

/** 1.6 StopTransaction reasons (Reason enum). */
const REASONS = new Set(['EmergencyStop', 'EVDisconnected', 'HardReset', 'Local', 'Other', 'PowerLoss', 'Reboot', 'Remote', 'SoftReset', 'UnlockCommand', 'DeAuthorized']);

function sampled(s: SimSession, e: Evse, context: string) {
  return {
    timestamp: new Date().toISOString(),
    sampledValue: [
      { value: String(e.registerWh), measurand: 'Energy.Active.Import.Register', unit: 'Wh', context },
      { value: String(s.powerW), measurand: 'Power.Active.Import', unit: 'W', context },
      { value: String(s.soc), measurand: 'SoC', unit: 'Percent', context },
    ],
  };
}

const triggers: Record<string, TriggerTarget> = {
  BootNotification: (s) => s.send('BootNotification', v16.boot(s, 'Triggered')),
  Heartbeat: (s) => s.send('Heartbeat', {}),
  StatusNotification: async (s, evseId) => {
    for (const e of s.evses.filter((x) => !evseId || x.id === evseId)) await s.sendStatus(e);
  },
  MeterValues: async (s, evseId) => {
    for (const e of s.evses.filter((x) => !evseId || x.id === evseId)) {
      const meterValue = [e.session ? sampled(e.session, e, 'Trigger') : { timestamp: new Date().toISOString(), sampledValue: [{ value: String(e.registerWh), context: 'Trigger', unit: 'Wh' }] }];
      await s.send('MeterValues', { connectorId: e.id, ...(e.session ? { transactionId: Number(e.session.transactionId) } : {}), meterValue });
    }
  },
};

export const v16: SimDialect = {
  subprotocol: 'ocpp1.6',
  bootAction: 'BootNotification',
  startAction: 'StartTransaction',
  meterAction: 'MeterValues',
  stopAction: 'StopTransaction',

  boot: (s) => ({ chargePointVendor: s.vendor.slice(0, 20), chargePointModel: s.model.slice(0, 20), chargePointSerialNumber: s.id.slice(0, 25), firmwareVersion: s.firmware }),
  bootResult: (r) => ({ accepted: r.status === 'Accepted', interval: Number(r.interval) || 0 }),
  status: (e, at) => ({ connectorId: e.id, errorCode: e.status === 'Faulted' ? 'GroundFailure' : 'NoError', status: STATUS[e.status], timestamp: at.toISOString() }),
  authorize: (uid) => ({ idTag: uid.slice(0, 20) }),
  accepted: (r) => (r.idTagInfo as { status?: string } | undefined)?.status === 'Accepted',
  start: (_s, e, session) => ({ connectorId: e.id, idTag: session.uid.slice(0, 20), meterStart: session.meterStartWh, timestamp: session.startedAt.toISOString() }),
  startResult: (r) => ({ transactionId: String(r.transactionId), accepted: (r.idTagInfo as { status?: string }).status === 'Accepted' }),
  meter: (_s, e, session) => ({ connectorId: e.id, transactionId: Number(session.transactionId), meterValue: [sampled(session, e, 'Sample.Periodic')] }),
  stop: (_s, e, session, reason) => ({
    transactionId: Number(session.transactionId),
    meterStop: e.registerWh,
    timestamp: new Date().toISOString(),
    idTag: session.uid.slice(0, 20),
    reason: REASONS.has(reason) ? reason : 'Other',
    transactionData: [sampled(session, e, 'Transaction.End')],
  }),

  commands: {
    RemoteStartTransaction: (s, p) => ({ status: s.remoteStart(String(p.idTag), p.connectorId as number | undefined) ? 'Accepted' : 'Rejected' }),
    RemoteStopTransaction: (s, p) => ({ status: s.remoteStop(String(p.transactionId)) ? 'Accepted' : 'Rejected' }),
    Reset: (s, p) => {
      s.reset(p.type === 'Hard' ? 'Hard' : 'Soft');
      return { status: 'Accepted' };
    },
    ChangeAvailability: (s, p) => ({ status: s.changeAvailability(Number(p.connectorId) || undefined, p.type === 'Operative') }),
    UnlockConnector: (s, p) => ({ status: s.unlock(Number(p.connectorId)) ? 'Unlocked' : 'UnlockFailed' }),
    TriggerMessage: (s, p) => ({ status: trigger(s, triggers, String(p.requestedMessage), p.connectorId as number | undefined) }),
    GetConfiguration: (s, p) => {
      const { known, unknown } = configurationKeys(s, p.key as string[] | undefined);
      return { configurationKey: known.map(([key, value, readonly]) => ({ key, value, readonly })), ...(unknown.length ? { unknownKey: unknown } : {}) };
    },
    ChangeConfiguration: (s, p) => ({ status: s.setConfiguration(String(p.key), String(p.value)) }),
    SendLocalList: (s, p) => {
      s.localListVersion = Number(p.listVersion);
      return { status: 'Accepted' };
    },
    GetLocalListVersion: (s) => ({ listVersion: s.localListVersion }),
    ClearCache: () => ({ status: 'Accepted' }),
    DataTransfer: () => ({ status: 'UnknownVendorId' }),
    UpdateFirmware: (s) => {
      firmwareUpdate(s, (status) => s.send('FirmwareStatusNotification', { status }));
      return {};
    },
  } satisfies Record<string, (s: SimStation, p: Payload) => Payload>,
};
