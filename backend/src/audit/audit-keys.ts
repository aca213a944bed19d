import { createHash } from 'node:crypto';
import type { TriplineConfig } from '../config/tripline-config';
import { deriveKey } from '../crypto/derive-key';

/** An HMAC key of the audit chain and its public name (first 16 hex of its SHA-256), stored on every entry. */
export interface AuditKey {
  id: string;
  key: Buffer;
}

/** HKDF-SHA256 of a configured secret key with info "tripline audit log v1". */
export function auditKeyFrom(secretKey: Buffer): AuditKey {
  const key = deriveKey(secretKey, 'tripline audit log v1');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 16), key };
}

/**
 * The audit keys of the configured secrets: new entries are signed with the current one; entries
 * signed under a previous key (TRIPLINE_SECRET_KEY="new,old") are still verified, found by key id,
 * so rotating the secret key keeps the whole chain verifiable for as long as the old key is listed.
 */
export class AuditKeyring {
  readonly current: AuditKey;
  private readonly byKeyId: Map<string, AuditKey>;

  constructor(secretKeys: readonly Buffer[]) {
    if (secretKeys.length === 0) throw new Error('AuditKeyring needs at least one secret key');
    const keys = secretKeys.map(auditKeyFrom);
    this.current = keys[0]!;
    this.byKeyId = new Map(keys.map((key) => [key.id, key]));
  }

  static fromConfig(config: Pick<TriplineConfig, 'secretKey' | 'previousSecretKeys'>): AuditKeyring {
    return new AuditKeyring([config.secretKey, ...config.previousSecretKeys]);
  }

  find(keyId: string): AuditKey | undefined {
    return this.byKeyId.get(keyId);
  }
}
