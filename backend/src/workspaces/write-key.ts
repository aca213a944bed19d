import { createHash, randomBytes } from 'node:crypto';

/** Write keys identify a workspace at ingest; only their sha256 is stored. */
export function hashWriteKey(writeKey: string): string {
  return createHash('sha256').update(writeKey, 'utf8').digest('hex');
}

export function generateWriteKey(): string {
  return `wk_${randomBytes(18).toString('base64url')}`;
}
