/**
 * Password hashing with scrypt (Node's own crypto, no native addon). The cost parameters are
 * stored in the hash, so they can be raised later without breaking existing hashes.
 * Format: `scrypt$<log2 N>$<r>$<p>$<salt b64>$<hash b64>`.
 */
import { randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: Buffer, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );

/** People's passwords: about 25 ms per hash on the reference machine. */
export const PERSON_COST = 14;
/**
 * Station passwords are machine secrets of 16 to 40 characters (OCPP 2.0.1 A00.FR.205; the
 * 1.6 security whitepaper likewise), and thousands of stations reconnect at once after a
 * restart, so they use a lower cost (about 6 ms). See docs/adr/0004-station-credentials.md.
 */
export const STATION_COST = 12;

const KEY_LENGTH = 32;

export async function hashPassword(password: string | Buffer, log2N = PERSON_COST): Promise<string> {
  const salt = randomBytes(16);
  const N = 2 ** log2N;
  const key = await scrypt(Buffer.from(password), salt, KEY_LENGTH, { N, r: 8, p: 1, maxmem: 256 * N * 8 });
  return `scrypt$${log2N}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Constant-time comparison of a presented password with a stored hash; false for a malformed hash. */
export async function verifyPassword(password: string | Buffer, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, log2N, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const N = 2 ** Number(log2N);
  const expected = Buffer.from(keyB64, 'base64');
  if (!Number.isInteger(N) || expected.length !== KEY_LENGTH) return false;
  const key = await scrypt(Buffer.from(password), Buffer.from(saltB64, 'base64'), KEY_LENGTH, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r),
  });
  return timingSafeEqual(key, expected);
}

/** A random password people can type: 20 characters from an unambiguous alphabet. */
export function generatePassword(length = 20): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
