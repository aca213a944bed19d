import { businessHoursTimeZone, nextBusinessHoursStart, parseDuration, type ResolvedTimeZone, type WaitStep } from '@tripline/playbook';
import { sleep } from '@temporalio/workflow';
import { runFailure } from '../failure-message';
import type { StepContext, StepOutcome } from './step-outcome';

/** When a wait step wakes, and why: `for` first, then (with `until`) the next business hours. */
export interface WaitPlan {
  /** Epoch ms, workflow time. */
  wakeAt: number;
  /** The zone business hours were read in (only with `until`). */
  timeZone?: ResolvedTimeZone;
}

/**
 * The instant a wait step that started at `startedAt` wakes: `for` after the start, then — with
 * `until` — the first moment inside business hours in the subject's time zone (the step's own zone,
 * else the person's `timezone` trait, else UTC). Pure over workflow time: the "running" event and
 * the timer compute the same instant. Fails the run on a step it cannot honour.
 */
export function planWait(step: WaitStep, { run, nodeId, startedAt }: Pick<StepContext, 'run' | 'nodeId' | 'startedAt'>): WaitPlan {
  if (!step.for && !step.until) {
    throw runFailure(`wait (node ${nodeId}) says neither how long ('for') nor until when ('until')`, 'InvalidStep');
  }
  let afterFor = startedAt;
  if (step.for) {
    try {
      afterFor += parseDuration(step.for);
    } catch (error) {
      throw runFailure(`wait (node ${nodeId}): ${(error as Error).message}`, 'InvalidStep');
    }
  }
  if (!step.until) return { wakeAt: afterFor };
  const timeZone = businessHoursTimeZone(step.until, run.context);
  try {
    return { wakeAt: nextBusinessHoursStart(new Date(afterFor), step.until, timeZone.timeZone).getTime(), timeZone };
  } catch (error) {
    throw runFailure(`wait (node ${nodeId}) until business hours: ${(error as Error).message}`, 'InvalidStep');
  }
}

/** What the "running" event shows of a wait: when it will wake, and in which time zone. */
export function waitRunningDetails(step: WaitStep, context: Pick<StepContext, 'run' | 'nodeId' | 'startedAt'>): Record<string, unknown> {
  const plan = planWait(step, context);
  return { wakeAt: new Date(plan.wakeAt).toISOString(), ...(plan.timeZone ? { timeZone: plan.timeZone.timeZone } : {}) };
}

/** A durable timer: the run sleeps on the Temporal server, surviving worker restarts. */
export async function runWaitStep(step: WaitStep, context: StepContext): Promise<StepOutcome> {
  const plan = planWait(step, context);
  // A plain `for` sleeps its whole duration from here, as runs started before business hours did
  // (the same timer on replay); `until` sleeps to the instant planned from the step's start.
  const ms = plan.timeZone ? plan.wakeAt - Date.now() : plan.wakeAt - context.startedAt;
  if (ms > 0) await sleep(ms);
  const waitedMs = Date.now() - context.startedAt;
  if (!plan.timeZone) return { output: { waitedMs } };
  const { timeZone, source, ignoredTrait } = plan.timeZone;
  return {
    output: {
      waitedMs,
      wokeAt: new Date(plan.wakeAt).toISOString(),
      timeZone,
      timeZoneFrom: source,
      ...(ignoredTrait === undefined ? {} : { ignoredTimeZoneTrait: ignoredTrait }),
    },
  };
}
