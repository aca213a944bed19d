import { z } from 'zod';

/** The answers of /internal/suppressions/check and /internal/unsubscribe-links, checked before the worker acts on them. */
export const suppressionCheckSchema = z.object({ suppressed: z.array(z.object({ email: z.string(), reason: z.string() })) });

export const unsubscribeLinkSchema = z.object({ url: z.url({ protocol: /^https?$/ }), mailto: z.string().startsWith('mailto:').optional() });
