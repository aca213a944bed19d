import type { RunEvent } from '@tripline/playbook';

/** Run events as short lines ("run running", "step n1 completed yes") for readable assertions. */
export function eventLines(events: RunEvent[]): string[] {
  return events.map((event) =>
    event.type === 'run'
      ? `run ${event.status}`
      : ['step', event.stepId, event.status, event.port].filter((part) => part !== undefined).join(' '),
  );
}
