import { z } from 'zod';

// The answers of /internal/change-requests/:id/*, checked before the workflow sees them
// (ChangeNotificationsResponse and ChangeLevelTimeoutResponse in @tripline/playbook's governance contract).

export const changeNotificationsSchema = z.object({
  status: z.enum(['ok', 'stale']),
  connection: z.string().nullable(),
  messages: z.array(
    z.object({
      key: z.string().min(1),
      userId: z.string(),
      to: z.string(),
      subject: z.string(),
      text: z.string(),
      html: z.string(),
    }),
  ),
});

export const changeLevelTimeoutSchema = z.object({ status: z.enum(['escalated', 'expired', 'stale']) });
