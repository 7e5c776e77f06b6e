/**
 * A simulated station speaking OCPP 2.0.1 or 2.1: the station names transactions and reports
 * them as TransactionEvents (Started, Updated with periodic meter values, Ended); settings are
 * device-model variables.
 */
import type { Payload } from '../ocpp/rpc.ts';
import { changeSetting, configurationKeys, firmwareUpdate, type TriggerTarget, trigger } from './commands.ts';
import type { SimDialect } from './dialect.ts';
import type { Evse, EvseStatus, SimSession, SimStation } from './station.ts';

const STATUS: Record<EvseStatus, string> = {
  Available: 'Available',
  Preparing: 'Occupied',
  Charging: 'Occupied',
  Finishing: 'Occupied',
  Unavailable: 'Unavailable',
  Faulted: 'Faulted',
};

/** Station reasons as 2.x stoppedReason (ReasonEnumType). */
const STOPPED: Record<string, string> = {
  EVDisconnected: 'EVDisconnected',
  Remote: 'Remote',
  DeAuthorized: 'DeAuthorized',
  PowerLoss: 'PowerLoss',
  HardReset: 'ImmediateReset',
  SoftReset: 'ImmediateReset',
  UnlockCommand: 'Other',
  Local: 'Local',
};

const TRIGGER: Record<string, string> = { Remote: 'RemoteStop', HardReset: 'ResetCommand', SoftReset: 'ResetCommand', UnlockCommand: 'UnlockCommand', DeAuthorized: 'Deauthorized' };

/** Device-model variables (component.variable) and the setting each is. */
const VARIABLES: Record<string, string> = {
  'OCPPCommCtrlr.HeartbeatInterval': 'HeartbeatInterval',
  'SampledDataCtrlr.TxUpdatedInterval': 'MeterValueSampleInterval',
  'TxCtrlr.EVConnectionTimeOut': 'ConnectionTimeOut',
  'AuthCtrlr.AuthorizeRemoteStart': 'AuthorizeRemoteTxRequests',
  'LocalAuthListCtrlr.Enabled': 'LocalAuthListEnabled',
};
const COMPONENTS = new Set(Object.keys(VARIABLES).map((k) => k.split('.')[0]));

function sampled(e: Evse, s: SimSession | null, context: string) {
  return {
    timestamp: new Date().toISOString(),
    sampledValue: [
      { value: e.registerWh, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' }, context },
      ...(s
        ? [
            { value: s.powerW, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' }, context },
            { value: s.soc, measurand: 'SoC', unitOfMeasure: { unit: 'Percent' }, context },
          ]
        : []),
    ],
  };
}

type Ref = { component: { name: string }; variable: { name: string } };
const settingOf = (r: Ref) => VARIABLES[`${r.component.name}.${r.variable.name}`];
const unknownStatus = (r: Ref) => (COMPONENTS.has(r.component.name) ? 'UnknownVariable' : 'UnknownComponent');

function event(s: SimSession, type: 'Started' | 'Updated' | 'Ended', triggerReason: string, extra: Payload): Payload {
  return { eventType: type, timestamp: new Date().toISOString(), triggerReason, seqNo: s.seqNo++, ...extra };
}

function dialect(subprotocol: string): SimDialect {
  const triggers: Record<string, TriggerTarget> = {
    BootNotification: (s) => s.send('BootNotification', d.boot(s, 'Triggered')),
    Heartbeat: (s) => s.send('Heartbeat', {}),
    StatusNotification: async (s, evseId) => {
      for (const e of s.evses.filter((x) => !evseId || x.id === evseId)) await s.sendStatus(e);
    },
    MeterValues: async (s, evseId) => {
      for (const e of s.evses.filter((x) => !evseId || x.id === evseId)) await s.send('MeterValues', { evseId: e.id, meterValue: [sampled(e, e.session, 'Trigger')] });
    },
    TransactionEvent: async (s, evseId) => {
      for (const e of s.evses.filter((x) => x.session && (!evseId || x.id === evseId))) {
        const session = e.session!;
        await s.send('TransactionEvent', event(session, 'Updated', 'Trigger', { transactionInfo: { transactionId: session.transactionId, chargingState: 'Charging' }, meterValue: [sampled(e, session, 'Trigger')] }));
      }
    },
  };

  const d: SimDialect = {
    subprotocol,
    bootAction: 'BootNotification',
    startAction: 'TransactionEvent',
    meterAction: 'TransactionEvent',
    stopAction: 'TransactionEvent',

    boot: (s, reason) => ({
      reason: reason === 'RemoteReset' || reason === 'Triggered' ? reason : 'PowerUp',
      chargingStation: { vendorName: s.vendor.slice(0, 50), model: s.model.slice(0, 20), serialNumber: s.id.slice(0, 25), firmwareVersion: s.firmware },
    }),
    bootResult: (r) => ({ accepted: r.status === 'Accepted', interval: Number(r.interval) || 0 }),
    status: (e, at) => ({ timestamp: at.toISOString(), connectorStatus: STATUS[e.status], evseId: e.id, connectorId: 1 }),
    authorize: (uid) => ({ idToken: { idToken: uid, type: 'ISO14443' } }),
    accepted: (r) => (r.idTokenInfo as { status?: string } | undefined)?.status === 'Accepted',
    start: (_s, e, session) =>
      event(session, 'Started', session.remoteStartId !== undefined ? 'RemoteStart' : 'Authorized', {
        transactionInfo: { transactionId: session.transactionId, chargingState: 'Charging', ...(session.remoteStartId !== undefined ? { remoteStartId: session.remoteStartId } : {}) },
        evse: { id: e.id, connectorId: 1 },
        idToken: { idToken: session.uid, type: session.remoteStartId !== undefined ? 'Central' : 'ISO14443' },
        meterValue: [sampled(e, null, 'Transaction.Begin')],
      }),
    // The station chose the id; a refused token has no idTokenInfo Accepted.
    startResult: (r, session) => ({ transactionId: session.transactionId, accepted: !r.idTokenInfo || (r.idTokenInfo as { status?: string }).status === 'Accepted' }),
    meter: (_s, e, session) =>
      event(session, 'Updated', 'MeterValuePeriodic', { transactionInfo: { transactionId: session.transactionId }, meterValue: [sampled(e, session, 'Sample.Periodic')] }),
    stop: (_s, e, session, reason) =>
      event(session, 'Ended', TRIGGER[reason] ?? 'EVDeparted', {
        transactionInfo: { transactionId: session.transactionId, chargingState: 'Idle', stoppedReason: STOPPED[reason] ?? 'Other' },
        evse: { id: e.id, connectorId: 1 },
        meterValue: [sampled(e, session, 'Transaction.End')],
      }),

    commands: {
      RequestStartTransaction: (s, p) => {
        const token = p.idToken as { idToken: string };
        return { status: s.remoteStart(token.idToken, p.evseId as number | undefined, Number(p.remoteStartId)) ? 'Accepted' : 'Rejected' };
      },
      RequestStopTransaction: (s, p) => ({ status: s.remoteStop(String(p.transactionId)) ? 'Accepted' : 'Rejected' }),
      Reset: (s, p) => {
        const charging = s.evses.some((e) => e.session);
        s.reset('Hard');
        return { status: p.type === 'OnIdle' && charging ? 'Scheduled' : 'Accepted' };
      },
      ChangeAvailability: (s, p) => ({ status: s.changeAvailability((p.evse as { id?: number } | undefined)?.id || undefined, p.operationalStatus === 'Operative') }),
      UnlockConnector: (s, p) => ({ status: s.evse(Number(p.evseId)) ? (s.unlock(Number(p.evseId)), 'Unlocked') : 'UnknownConnector' }),
      TriggerMessage: (s, p) => ({ status: trigger(s, triggers, String(p.requestedMessage), (p.evse as { id?: number } | undefined)?.id) }),
      GetVariables: (s, p) => ({
        getVariableResult: (p.getVariableData as Ref[]).map((r) => {
          const key = settingOf(r);
          const status = key ? 'Accepted' : unknownStatus(r);
          return { attributeStatus: status, component: r.component, variable: r.variable, ...(key ? { attributeValue: configurationKeys(s, [key]).known[0]?.[1] ?? '' } : {}) };
        }),
      }),
      SetVariables: (s, p) => ({
        setVariableResult: (p.setVariableData as Array<Ref & { attributeValue: string }>).map((r) => {
          const key = settingOf(r);
          const status = key ? (changeSetting(s, key, r.attributeValue) === 'Accepted' ? 'Accepted' : 'Rejected') : unknownStatus(r);
          return { attributeStatus: status, component: r.component, variable: r.variable };
        }),
      }),
      SendLocalList: (s, p) => {
        s.localListVersion = Number(p.versionNumber);
        return { status: 'Accepted' };
      },
      GetLocalListVersion: (s) => ({ versionNumber: s.localListVersion }),
      ClearCache: () => ({ status: 'Accepted' }),
      DataTransfer: () => ({ status: 'UnknownVendorId' }),
      UpdateFirmware: (s, p) => {
        firmwareUpdate(s, (status) => s.send('FirmwareStatusNotification', { status, requestId: p.requestId }));
        return { status: 'Accepted' };
      },
    },
  };
  return d;
}

export const v201 = dialect('ocpp2.0.1');
export const v21 = dialect('ocpp2.1');
