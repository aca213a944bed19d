import { z } from 'zod';

/** HubSpot record ids are numeric strings; templates render them as text, so trim first. */
export const recordId = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${what} must be a HubSpot record id (digits only)`);

/** A date ("2026-03-01", midnight UTC) or a date-time with an offset ("2026-03-01T09:00:00+01:00"). */
export const isoDateOrDateTime = z
  .string()
  .trim()
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) || (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))), {
    message: 'Expected an ISO date ("2026-03-01") or date-time with offset ("2026-03-01T09:00:00Z")',
  });

/** Epoch ms of a value accepted by `isoDateOrDateTime`. */
export function epochMsOf(value: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
}

/** Property names as HubSpot's internal names are written: lower-case letters, digits, underscores. */
export const propertyName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'Property names are HubSpot internal names (e.g. "lifecyclestage")');
