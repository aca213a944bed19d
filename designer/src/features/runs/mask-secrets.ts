/**
 * Masks values under secret-looking keys before a step's input or output is shown. The API masks
 * them already; the step log does it again so a connector that leaks a new key name never shows it.
 */
export const MASK = '••••••';

const SECRET_KEY = /pass(word|wd|phrase)?|secret|token|api[-_]?key|authorization|auth[-_]?header|credential|private[-_]?key|client[-_]?secret|cookie|signature|^auth$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A copy of `value` with every value under a secret-looking key replaced by MASK (nested objects and arrays too). */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== 'object') return value;
  const masked: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    masked[key] = isSecretKey(key) && inner !== null && inner !== undefined && inner !== '' ? MASK : maskSecrets(inner);
  }
  return masked;
}
