import { z } from 'zod';
import { isValidTimeZone } from '../time/project-days';

/** Mixpanel's data residency regions and the export host of each (docs: reference/overview). */
export const EXPORT_HOSTS = {
  us: 'https://data.mixpanel.com',
  eu: 'https://data-eu.mixpanel.com',
  in: 'https://data-in.mixpanel.com',
} as const;

export type MixpanelRegion = keyof typeof EXPORT_HOSTS;

/**
 * A Mixpanel connection: a service account (HTTP basic auth, username:secret) and the project it reads.
 * `secret` is the only secret: encrypted at rest, never logged or returned.
 */
export const mixpanelConfigSchema = z.object({
  username: z.string().trim().min(1, 'The service account username is required'),
  secret: z.string().min(1, 'The service account secret is required'),
  /** Mixpanel requires `project_id` on every call made with a service account. */
  projectId: z.coerce.number().int('The project id is a whole number').positive('The project id is a positive number'),
  /** Where the project's data lives (EU / India data residency use their own hosts). */
  region: z.enum(['us', 'eu', 'in']).default('us'),
  /** Replaces the region's host, e.g. a proxy or a local fake: "http://127.0.0.1:4010". */
  baseUrl: z.url({ protocol: /^https?$/, error: 'The base URL must be an http(s) URL' }).optional(),
  /**
   * The timezone Mixpanel's export uses for this project: "UTC" for projects created from 1 January
   * 2023 on; for older projects their timezone setting (e.g. "America/Los_Angeles"), in which Mixpanel
   * reads from_date/to_date and stored event times as local wall-clock seconds.
   */
  projectTimezone: z
    .string()
    .trim()
    .default('UTC')
    .refine(isValidTimeZone, { message: 'The project timezone must be an IANA name such as "UTC" or "Europe/Paris"' }),
});

export type MixpanelConfig = z.output<typeof mixpanelConfigSchema>;

/** The export API's base URL (without /api/2.0/export) for a connection. */
export function exportBaseUrl(config: Pick<MixpanelConfig, 'region' | 'baseUrl'>): string {
  return (config.baseUrl ?? EXPORT_HOSTS[config.region]).replace(/\/+$/, '');
}
