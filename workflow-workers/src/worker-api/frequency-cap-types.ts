import type { RunSubject } from '@tripline/playbook';

/** POST /internal/frequency-caps/claim: reserve a contact for one outreach step. */
export interface FrequencyCapClaimRequest {
  workspaceId: string;
  /** The action's ledger key: a claim under the same key returns the same answer. */
  key: string;
  contact: RunSubject;
  channel: 'email' | 'crm' | 'slack' | 'webhook';
  playbookId: string;
  runId: string;
  priority: number;
}

export type FrequencyCapClaim =
  | { granted: true; state: 'reserved' | 'committed'; tookOverFrom?: string }
  | { granted: false; reason: string; retryAt?: string };

/** POST /internal/frequency-caps/commit: the outreach is about to happen; it now counts. */
export interface FrequencyCapCommitRequest {
  workspaceId: string;
  key: string;
}

export type FrequencyCapCommit = { committed: true } | { committed: false; reason: string };
