/** POST /internal/suppressions/check: which of these addresses the workspace has suppressed. */
export interface SuppressionCheckRequest {
  workspaceId: string;
  emails: string[];
}

export interface SuppressionCheck {
  /** Lower-cased addresses with why; empty when none is suppressed. */
  suppressed: { email: string; reason: string }[];
}

/** POST /internal/suppressions: addresses the runtime learnt must not be mailed again (hard bounces). */
export interface AddSuppressionsRequest {
  workspaceId: string;
  entries: { email: string; reason: 'hardBounce' | 'complaint'; detail: string }[];
  runId?: string;
  key?: string;
}

/** POST /internal/unsubscribe-links: the signed links of one recipient of one outreach message. */
export interface UnsubscribeLinkRequest {
  workspaceId: string;
  email: string;
  runId: string;
  /** The outreach step's ledger key (the message). */
  key: string;
}

export interface UnsubscribeLink {
  url: string;
  mailto?: string;
}
