import { sleep } from '@temporalio/workflow';
import type { OutreachSettings, PlaybookRunInput } from '@tripline/playbook';
import type { CappedOutreach, ExecuteActionResult, OutreachRequest } from '../../activities/activity-types';

/** Playbook.outreach defaults (libs/playbook DSL): priority 50, skip when capped. */
export const DEFAULT_OUTREACH_PRIORITY = 50;
/** A 'wait' step gives up (and is skipped) after this many waits, so a run cannot wait forever. */
export const MAX_CAP_WAITS = 12;
/** When the cap gives no time (the reservation was taken over), look again after this long. */
const RECHECK_MS = 60_000;

/** Who the run's outreach reaches, for the frequency caps (checked by executeAction for outreach actions). */
export function outreachRequest(run: PlaybookRunInput): OutreachRequest {
  return { playbookId: run.playbook.id, subject: run.subject, priority: run.playbook.outreach?.priority ?? DEFAULT_OUTREACH_PRIORITY };
}

/**
 * Runs an action under the workspace's per-contact frequency caps. When capped, a playbook with
 * `outreach.whenCapped: 'wait'` sleeps (a durable timer) until the window allows it and claims
 * again — the same step key, so the claim is its own — up to MAX_CAP_WAITS times; otherwise the
 * capped result is returned and the step is recorded as skipped.
 */
export async function executeWithinCaps(
  settings: OutreachSettings | undefined,
  execute: () => Promise<ExecuteActionResult>,
): Promise<ExecuteActionResult> {
  let result = await execute();
  for (let waits = 0; result.capped && settings?.whenCapped === 'wait' && waits < MAX_CAP_WAITS; waits++) {
    await sleep(waitMs(result.capped));
    result = await execute();
  }
  return result;
}

function waitMs(capped: CappedOutreach): number {
  const until = capped.retryAt ? Date.parse(capped.retryAt) : Number.NaN;
  // Date.now() is workflow time here: deterministic.
  return Number.isNaN(until) ? RECHECK_MS : Math.max(1000, until - Date.now());
}

/** What a capped (skipped) step reports. */
export function cappedOutput(capped: CappedOutreach): { skipped: 'frequencyCap'; reason: string; retryAt?: string } {
  return { skipped: 'frequencyCap', reason: capped.reason, ...(capped.retryAt ? { retryAt: capped.retryAt } : {}) };
}
