/**
 * Authentication at the WebSocket upgrade, in small steps (STYLE principle 6): the station id
 * from the path, the subprotocol, then the credentials the station's security profile asks
 * for. Each step either passes or returns a Refusal with its HTTP status; no WebSocket exists
 * until all have passed.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { RefusalReason, SecurityProfile } from '../stations/index.ts';
import { isValidStationId, stationIdRule } from '../stations/index.ts';
import type { OcppVersion } from './dialect.ts';

export interface Refusal {
  readonly status: 400 | 401 | 404 | 429 | 503;
  /** A sentence for the station's installer (the response body) and the log. */
  readonly message: string;
  /** Recorded as a connection attempt when set. */
  readonly reason?: RefusalReason;
}

export const refuse = (status: Refusal['status'], message: string, reason?: RefusalReason): Refusal => ({
  status,
  message,
  ...(reason ? { reason } : {}),
});

export const isRefusal = (v: unknown): v is Refusal => typeof v === 'object' && v !== null && 'status' in v && 'message' in v;

const OCPP_PATH = /^\/ocpp\/([^/?#]+)\/?(?:[?#].*)?$/;

/** `/ocpp/{stationId}` -> the decoded station id. */
export function stationIdFromUrl(url: string | undefined): string | Refusal {
  const m = OCPP_PATH.exec(url ?? '');
  if (!m?.[1]) return refuse(404, 'Not an OCPP endpoint: connect to /ocpp/{stationId}.');
  let id: string;
  try {
    id = decodeURIComponent(m[1]);
  } catch {
    return refuse(400, 'The station id in the path is not valid percent-encoding.');
  }
  if (!isValidStationId(id)) return refuse(400, `Invalid station id: ${stationIdRule}.`);
  return id;
}

const SUBPROTOCOLS: Record<string, OcppVersion> = { 'ocpp2.1': '2.1', 'ocpp2.0.1': '2.0.1', 'ocpp1.6': '1.6' };
const PREFERENCE: OcppVersion[] = ['2.1', '2.0.1', '1.6'];

export interface Negotiated {
  version: OcppVersion;
  /** The Sec-WebSocket-Protocol to answer with; none when the station offered none. */
  subprotocol: string | null;
}

/**
 * The newest version the station offers. A station that offers none (some 1.6 firmware) gets
 * the version registered for it; one that offers only others is refused.
 */
export function negotiateSubprotocol(header: string | undefined, registered: OcppVersion): Negotiated | Refusal {
  const offered = (header ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (offered.length === 0) return { version: registered, subprotocol: null };
  for (const version of PREFERENCE) {
    const name = offered.find((p) => SUBPROTOCOLS[p.toLowerCase()] === version);
    if (name) return { version, subprotocol: name };
  }
  return refuse(
    400,
    `None of the offered subprotocols (${offered.join(', ')}) is supported; use ocpp1.6, ocpp2.0.1 or ocpp2.1.`,
    'unsupported-subprotocol',
  );
}

export interface BasicCredentials {
  username: string;
  password: Buffer;
}

/** Reads `Authorization: Basic ...`; the password stays bytes (1.6 stations may send a binary key). */
export function readBasicAuth(header: string | undefined): BasicCredentials | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m?.[1]) return null;
  const raw = Buffer.from(m[1], 'base64');
  const colon = raw.indexOf(0x3a);
  if (colon < 0) return null;
  return { username: raw.subarray(0, colon).toString('utf8'), password: raw.subarray(colon + 1) };
}

export interface PeerCertificate {
  /** Whether the chain was verified against the configured CA. */
  authorized: boolean;
  commonName: string | null;
  error: string | null;
}

export function peerCertificate(req: IncomingMessage): PeerCertificate | null {
  const socket = req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function') return null;
  const cert = socket.getPeerCertificate();
  if (!cert || Object.keys(cert).length === 0) return null;
  const cn = cert.subject?.CN;
  return {
    authorized: socket.authorized === true,
    commonName: Array.isArray(cn) ? (cn[0] ?? null) : (cn ?? null),
    error: socket.authorizationError ? String(socket.authorizationError) : null,
  };
}

export interface CredentialCheck {
  stationId: string;
  securityProfile: SecurityProfile;
  passwordHash: string | null;
  secure: boolean;
  authorization: string | undefined;
  certificate: PeerCertificate | null;
  verifyPassword(password: Buffer, hash: string): Promise<boolean>;
}

/** Checks what the station's security profile requires. Returns null when the station may connect. */
export async function checkCredentials(c: CredentialCheck): Promise<Refusal | null> {
  if (c.securityProfile === 3) {
    if (!c.secure) return refuse(401, 'This station uses security profile 3: connect with wss and a client certificate.', 'tls-required');
    if (!c.certificate) return refuse(401, 'This station must present a client certificate (security profile 3).', 'client-certificate-required');
    if (!c.certificate.authorized) {
      return refuse(401, `The client certificate is not trusted: ${c.certificate.error ?? 'not signed by the configured CA'}.`, 'client-certificate-invalid');
    }
    if (c.certificate.commonName !== c.stationId) {
      return refuse(401, `The client certificate is for "${c.certificate.commonName ?? ''}", not for this station.`, 'client-certificate-invalid');
    }
    return null;
  }
  if (c.securityProfile === 2 && !c.secure) {
    return refuse(401, 'This station uses security profile 2: connect with wss.', 'tls-required');
  }
  if (c.securityProfile === 0 || !c.passwordHash) return null;
  const creds = readBasicAuth(c.authorization);
  if (!creds) return refuse(401, 'This station needs HTTP Basic authentication (username = station id).', 'missing-credentials');
  if (creds.username !== c.stationId) {
    return refuse(401, `Basic auth username "${creds.username.slice(0, 64)}" is not the station id.`, 'wrong-username');
  }
  if (await c.verifyPassword(creds.password, c.passwordHash)) return null;
  // 1.6 security whitepaper: the AuthorizationKey may be configured as hex and sent as its bytes.
  const binary = !/^[\x20-\x7e]*$/.test(creds.password.toString('latin1'));
  if (binary && (await c.verifyPassword(Buffer.from(creds.password.toString('hex')), c.passwordHash))) return null;
  return refuse(401, 'Wrong password for this station.', 'wrong-password');
}
