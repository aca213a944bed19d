import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TRIPLINE_CONFIG } from '../config/config.module';
import { TriplineConfig } from '../config/tripline-config';
import { deriveKey } from './derive-key';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {}

/**
 * Encrypts JSON values at rest (connection credentials) with AES-256-GCM.
 * Envelope: `v1:<iv>:<tag>:<ciphertext>`, each part base64url. The version prefix lets a later
 * key rotation read old envelopes while writing new ones.
 * `associatedData` (e.g. "connection:<id>") binds a ciphertext to its row: an envelope copied
 * into another row does not open there.
 */
@Injectable()
export class SecretBox {
  private readonly key: Buffer;
  /** The current key first, then previous ones (key rotation: TRIPLINE_SECRET_KEY="current,previous"). */
  private readonly keys: Buffer[];

  constructor(@Inject(TRIPLINE_CONFIG) config: Pick<TriplineConfig, 'secretKey'> & Partial<Pick<TriplineConfig, 'previousSecretKeys'>>) {
    this.keys = [config.secretKey, ...(config.previousSecretKeys ?? [])].map((secretKey) => deriveKey(secretKey, 'tripline:secret-box:v1'));
    this.key = this.keys[0]!;
  }

  /** True when the envelope opens only under a previous key (it should be sealed again: `reseal`). */
  isSealedWithPreviousKey(envelope: string, associatedData?: string): boolean {
    return this.openWithIndex(envelope, associatedData).keyIndex > 0;
  }

  /** The same value sealed under the current key; null when it already is. */
  reseal(envelope: string, associatedData?: string): string | null {
    const { value, keyIndex } = this.openWithIndex(envelope, associatedData);
    return keyIndex === 0 ? null : this.seal(value, associatedData);
  }

  seal(value: unknown, associatedData?: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const plaintext = Buffer.from(JSON.stringify(value ?? null), 'utf8');
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join(':');
  }

  /** Throws SecretBoxError when the envelope is malformed, tampered with or sealed under a key not configured. */
  open<T = unknown>(envelope: string, associatedData?: string): T {
    return this.openWithIndex(envelope, associatedData).value as T;
  }

  private openWithIndex(envelope: string, associatedData?: string): { value: unknown; keyIndex: number } {
    const parts = envelope.split(':');
    if (parts.length !== 4) throw new SecretBoxError('Encrypted value is malformed');
    const [version, ivText, tagText, ciphertextText] = parts as [string, string, string, string];
    if (version !== VERSION) throw new SecretBoxError(`Encrypted value has unknown version "${version.slice(0, 10)}"`);
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('Encrypted value is malformed');
    const ciphertext = Buffer.from(ciphertextText, 'base64url');
    for (const [keyIndex, key] of this.keys.entries()) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData, 'utf8'));
        decipher.setAuthTag(tag);
        const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
        return { value: JSON.parse(plaintext.toString('utf8')), keyIndex };
      } catch {
        // GCM's tag fails under a wrong key: try the next one.
      }
    }
    // Never echo the cause: it could help an attacker probing envelopes.
    throw new SecretBoxError('Encrypted value could not be decrypted (tampered with, or sealed with another key)');
  }
}
