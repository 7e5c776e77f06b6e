/**
 * Independent charge points for tests: ocpp-rpc's RPCClient (code we did not write) in
 * strict mode, validating everything it sends and receives against OCA's schemas.
 *
 * ocpp-rpc 2.2.1 cannot strictly validate 2.1 as shipped: its 2.1 schemas are keyed
 * `urn:XRequest`/`urn:XResponse` while its validator looks up `urn:X.req`/`urn:X.conf`. We
 * re-key those schemas (their content unmodified) and pass them as a custom validator.
 */
import { createRequire } from 'node:module';
import { createValidator, RPCClient } from 'ocpp-rpc';

const require = createRequire(import.meta.url);

export type Version = '1.6' | '2.0.1' | '2.1';
export const versions: Version[] = ['1.6', '2.0.1', '2.1'];
export const subprotocol = (v: Version) => `ocpp${v}`;

let v21Validator: ReturnType<typeof createValidator> | undefined;
function strict21() {
  if (v21Validator) return v21Validator;
  const schemas = require('ocpp-rpc/lib/schemas/ocpp2_1.json') as Array<{ $id: string }>;
  const rekeyed = schemas.map((s) => ({
    ...s,
    $id: s.$id.replace(/Request$/, '.req').replace(/Response$/, '.conf'),
  }));
  // Ajv warns about OCA's enum definitions that carry additionalProperties; they are harmless.
  const warn = console.warn;
  console.warn = () => {};
  try {
    v21Validator = createValidator('ocpp2.1', rekeyed);
  } finally {
    console.warn = warn;
  }
  return v21Validator;
}

export interface StationOptions {
  endpoint: string;
  identity: string;
  version: Version;
  password?: string;
  strict?: boolean;
  reconnect?: boolean;
  callTimeoutMs?: number;
  wsOpts?: Record<string, unknown>;
}

export function makeStation(o: StationOptions): RPCClient {
  return new RPCClient({
    endpoint: o.endpoint,
    identity: o.identity,
    protocols: [subprotocol(o.version)],
    strictMode: o.strict ?? true,
    ...(o.version === '2.1' && (o.strict ?? true) ? { strictModeValidators: [strict21()] } : {}),
    password: o.password ?? null,
    reconnect: o.reconnect ?? false,
    callTimeoutMs: o.callTimeoutMs ?? 10_000,
    ...(o.wsOpts ? { wsOpts: o.wsOpts } : {}),
  } as never);
}

/** Connects a station and returns it (the caller closes it). */
export async function connectStation(o: StationOptions): Promise<RPCClient> {
  const cp = makeStation(o);
  await cp.connect();
  return cp;
}

/** A BootNotification payload in the shape of each version. */
export function bootPayload(v: Version, vendor = 'Straumur Test', model = 'TestModel', firmware = '1.0.0') {
  if (v === '1.6') return { chargePointVendor: vendor, chargePointModel: model, chargePointSerialNumber: 'SN-1', firmwareVersion: firmware };
  return { reason: 'PowerUp', chargingStation: { vendorName: vendor, model, serialNumber: 'SN-1', firmwareVersion: firmware } };
}

/** A StatusNotification payload in the shape of each version (1.6 connector N = EVSE N, connector 1). */
export function statusPayload(v: Version, evseId: number, status: string, timestamp = new Date().toISOString()) {
  if (v === '1.6') return { connectorId: evseId, errorCode: 'NoError', status, timestamp };
  return { timestamp, connectorStatus: status, evseId, connectorId: 1 };
}

/** Registers a station-side handler for a CSMS call; `fn` gets the (already validated) params. */
export function onCall<P = any>(client: RPCClient, action: string, fn: (params: P) => unknown): void {
  client.handle(action, (async ({ params }: { params?: unknown }) => fn(params as P)) as never);
}
