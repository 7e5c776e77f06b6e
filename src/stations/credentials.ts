/**
 * Station password checks. A successful check is remembered (as a keyed digest of the
 * password and the stored hash, never the password), so the thousands of reconnects after a
 * restart or a network blip cost one scrypt per station, not one per connection.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { verifyPassword } from '../auth/index.ts';

const MAX_ENTRIES = 200_000;

export class CredentialCache {
  readonly #key = randomBytes(32);
  readonly #verified = new Map<string, Buffer>();

  #digest(password: Buffer, storedHash: string): Buffer {
    return createHmac('sha256', this.#key).update(storedHash).update('\0').update(password).digest();
  }

  /** Whether `password` matches the station's stored hash (constant time). */
  async verify(stationId: string, password: Buffer, storedHash: string): Promise<boolean> {
    const digest = this.#digest(password, storedHash);
    const known = this.#verified.get(stationId);
    if (known && timingSafeEqual(known, digest)) return true;
    if (!(await verifyPassword(password, storedHash))) return false;
    if (this.#verified.size >= MAX_ENTRIES) this.#verified.delete(this.#verified.keys().next().value as string);
    this.#verified.set(stationId, digest);
    return true;
  }

  forget(stationId: string): void {
    this.#verified.delete(stationId);
  }
}
