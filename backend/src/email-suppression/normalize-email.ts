import { z } from 'zod';

const address = z.string().trim().toLowerCase().max(320, 'is longer than 320 characters').email('is not an email address');

/**
 * The form an address is stored and compared in: trimmed and lower-cased. The local part is
 * case-sensitive in theory only; suppressing "Ann@x" and "ann@x" together errs on the safe side.
 * Throws a zod error for something that is not an address.
 */
export function normalizeEmail(email: string): string {
  return address.parse(email);
}

/** normalizeEmail, or undefined for something that is not an address. */
export function normalizedOrUndefined(email: string): string | undefined {
  const parsed = address.safeParse(email);
  return parsed.success ? parsed.data : undefined;
}
