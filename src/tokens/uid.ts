/**
 * Token uids. RFID uids (ISO 14443, ISO 15693) are hex and case-insensitive: they are stored
 * upper-case. Every uid is unique without regard to case, so `04a2` and `04A2` are one card.
 */
import type { TokenType } from '../commands/index.ts';

export const tokenTypes: readonly TokenType[] = ['ISO14443', 'ISO15693', 'eMAID', 'Central', 'KeyCode', 'Local', 'MacAddress', 'NoAuthorization'];
export const isTokenType = (t: string): t is TokenType => (tokenTypes as readonly string[]).includes(t);

const RFID: ReadonlySet<string> = new Set(['ISO14443', 'ISO15693']);
const HEX = /^[0-9A-Fa-f]+$/;

/** OCPP 2.0.1 IdTokenType.idToken is at most 36 characters (1.6 idTag at most 20). */
export const MAX_UID_LENGTH = 36;

export type UidCheck = { ok: true; uid: string } | { ok: false; message: string };

export function normalizeUid(raw: string, type: TokenType): UidCheck {
  const uid = raw.trim();
  if (uid.length === 0 && type !== 'NoAuthorization') return { ok: false, message: 'a token uid cannot be empty' };
  if (uid.length > MAX_UID_LENGTH) return { ok: false, message: `a token uid has at most ${MAX_UID_LENGTH} characters` };
  if (/[\u0000-\u001f\u007f]/.test(uid)) return { ok: false, message: 'a token uid cannot contain control characters' };
  if (RFID.has(type)) {
    if (!HEX.test(uid)) return { ok: false, message: `an ${type} (RFID) uid is hexadecimal` };
    return { ok: true, uid: uid.toUpperCase() };
  }
  return { ok: true, uid };
}
