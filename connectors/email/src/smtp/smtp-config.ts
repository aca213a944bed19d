import { z } from 'zod';

/** The connection config of an SMTP server. `password` is a secret: encrypted at rest, never logged. */
export const smtpConfigSchema = z
  .object({
    host: z.string().trim().min(1, 'SMTP host is required'),
    port: z.number().int().min(1).max(65535),
    /** true: TLS from the first byte (usually port 465); false: plain, upgraded with STARTTLS when offered. */
    secure: z.boolean().optional(),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    /** The sender used when a step does not give one, e.g. "Tripline <sales@example.com>". */
    from: z.string().trim().min(1, 'A default sender ("from") is required'),
    /** Never upgrade to TLS, even when the server offers STARTTLS (local test servers only). */
    ignoreTLS: z.boolean().optional(),
  })
  .refine((config) => !config.username || config.password, {
    message: 'A password is required when a username is given',
    path: ['password'],
  });

export type SmtpConfig = z.output<typeof smtpConfigSchema>;
