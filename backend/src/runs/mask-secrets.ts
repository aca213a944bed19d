/** Keys whose values are credentials: masked before step input/output is stored or shown. */
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization/i;

export const MASKED = '********';

/** A deep copy of `value` with the value of every secret-looking key replaced by MASKED. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value !== null && typeof value === 'object') {
    const masked: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      masked[key] = SECRET_KEY.test(key) && inner !== null && inner !== undefined ? MASKED : maskSecrets(inner);
    }
    return masked;
  }
  return value;
}
