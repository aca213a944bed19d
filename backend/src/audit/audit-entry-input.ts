/** Who did it: a signed-in person, or a named part of the system ('bootstrap', 'changeApproval workflow', …). */
export type AuditActor = { userId: string } | { system: string };

/** What `AuditLog.append` records (the preamble of issue 6 is the contract). */
export interface AuditEntryInput {
  workspaceId: string;
  actor: AuditActor;
  /** A dotted verb: 'playbook.published', 'changeRequest.decided', 'connection.updated'. */
  action: string;
  target: { kind: string; id: string };
  /**
   * Plain JSON (at most 16 KB) saying what changed. NEVER secrets: for connections, the names of the
   * changed fields only.
   */
  details?: Record<string, unknown>;
}

/** The largest `details` accepted, in bytes of its JSON text. */
export const MAX_AUDIT_DETAILS_BYTES = 16 * 1024;
