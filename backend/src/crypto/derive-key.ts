import { hkdfSync } from 'node:crypto';

/**
 * What a derived key is for. Each purpose gets its own key from the one configured secret, so a
 * token signature can never be replayed as a ciphertext key (or the other way round), and adding
 * a purpose never changes an existing key.
 */
export type KeyPurpose = 'tripline:jwt-signing:v1' | 'tripline:secret-box:v1' | 'tripline:unsubscribe-token:v1' | 'tripline:change-request-link:v1' | 'tripline audit log v1';

const SALT = Buffer.from('tripline-key-derivation', 'utf8');

/** HKDF-SHA256 of the 32-byte TRIPLINE_SECRET_KEY for one purpose; 32 bytes out. */
export function deriveKey(secretKey: Buffer, purpose: KeyPurpose): Buffer {
  if (secretKey.length < 32) throw new Error('The secret key must be at least 32 bytes');
  return Buffer.from(hkdfSync('sha256', secretKey, SALT, purpose, 32));
}
