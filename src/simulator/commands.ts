/**
 * What simulated stations of every version share when answering the CSMS: their settings
 * (1.6 configuration keys, 2.x variables map onto the same ones), TriggerMessage, and a
 * firmware update that reports its progress and reboots.
 */
import type { Payload } from '../ocpp/rpc.ts';
import type { SimStation } from './station.ts';

/** Settings a station keeps: key, whether it is read-only. */
export const SETTINGS: ReadonlyArray<readonly [string, boolean]> = [
  ['HeartbeatInterval', false],
  ['MeterValueSampleInterval', false],
  ['ConnectionTimeOut', false],
  ['AuthorizeRemoteTxRequests', false],
  ['LocalAuthListEnabled', false],
  ['NumberOfConnectors', true],
];

const POSITIVE = new Set(['HeartbeatInterval', 'MeterValueSampleInterval', 'ConnectionTimeOut']);
const BOOLEAN = new Set(['AuthorizeRemoteTxRequests', 'LocalAuthListEnabled']);

/** Keys asked for (all when none), as [key, value, readonly], and the unknown ones. */
export function configurationKeys(s: SimStation, keys: string[] | undefined) {
  const wanted = keys?.length ? keys : SETTINGS.map(([k]) => k);
  const known: Array<[string, string, boolean]> = [];
  const unknown: string[] = [];
  for (const key of wanted) {
    const setting = SETTINGS.find(([k]) => k === key);
    if (setting) known.push([key, s.config.get(key) ?? '', setting[1]]);
    else unknown.push(key);
  }
  return { known, unknown };
}

/** Changes a setting: NotSupported when unknown, Rejected when read-only or not a valid value. */
export function changeSetting(s: SimStation, key: string, value: string): 'Accepted' | 'Rejected' | 'NotSupported' {
  const setting = SETTINGS.find(([k]) => k === key);
  if (!setting) return 'NotSupported';
  if (setting[1]) return 'Rejected';
  if (POSITIVE.has(key) && !/^[1-9]\d{0,6}$/.test(value)) return 'Rejected';
  if (BOOLEAN.has(key) && !/^(true|false)$/i.test(value)) return 'Rejected';
  s.config.set(key, value);
  if (key === 'HeartbeatInterval') s.heartbeatChanged();
  return 'Accepted';
}

export type TriggerTarget = (s: SimStation, evseId: number | undefined) => Promise<unknown>;

/** TriggerMessage: sends the message asked for just after the answer, or NotImplemented. */
export function trigger(s: SimStation, targets: Record<string, TriggerTarget>, requested: string, evseId: number | undefined): 'Accepted' | 'Rejected' | 'NotImplemented' {
  const target = targets[requested];
  if (!target) return 'NotImplemented';
  if (evseId && !s.evse(evseId)) return 'Rejected';
  setTimeout(() => void target(s, evseId), 20).unref();
  return 'Accepted';
}

/** A firmware update: downloading, downloaded, installing, installed, then a reboot into it. */
export function firmwareUpdate(s: SimStation, report: (status: string) => Promise<Payload | null>): void {
  const steps = ['Downloading', 'Downloaded', 'Installing', 'Installed'];
  let i = 0;
  const next = async () => {
    const status = steps[i++];
    if (!status) return void (await s.reboot(2000));
    if (status === 'Installed') s.firmware = `${s.firmware.replace(/\+sim\d+$/, '')}+sim${Date.now() % 1000}`;
    await report(status);
    setTimeout(() => void next(), 500).unref();
  };
  setTimeout(() => void next(), 100).unref();
}
