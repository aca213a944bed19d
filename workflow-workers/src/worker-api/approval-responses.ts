import { z } from 'zod';

// The answers of /internal/approvals, checked before the workflow sees them.
const status = z.enum(['pending', 'approved', 'rejected', 'expired']);

const outcome = z.object({
  requestId: z.string(),
  stepId: z.string(),
  decision: z.enum(['approve', 'reject']),
  decidedBy: z.string(),
  comment: z.string().nullable(),
  reason: z.enum(['decision', 'timeout', 'cancelled']),
  decidedAt: z.string(),
});

export const openedApprovalSchema = z.object({
  requestId: z.string(),
  status,
  approverIds: z.array(z.string()),
  requesterId: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  outcome: outcome.nullable(),
});

export const escalatedApprovalSchema = z.object({ approverIds: z.array(z.string()), escalatedAt: z.string() });

export const closedApprovalSchema = z.object({ requestId: z.string(), status });
